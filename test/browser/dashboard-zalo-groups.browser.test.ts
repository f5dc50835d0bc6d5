import { mkdirSync } from "node:fs";
import { Hono } from "hono";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { upsertBot } from "../../src/domain/shops/bots";
import type { DashboardDeps } from "../../src/http/dashboard/context";
import { loginRoutes } from "../../src/http/dashboard/login";
import { shopsRoutes } from "../../src/http/dashboard/shops";
import { goLinkRoutes } from "../../src/http/go-links";
import { assetRoutes } from "../../src/web/asset-route";
import { launchChromium, signInAsOperator } from "../helpers/browser";
import { OPERATOR_PASSWORD } from "../helpers/dashboard";
import { listen } from "../helpers/http-server";
import { makeTestApp, testAssets, type TestApp } from "../helpers/test-app";

const TOKEN = "55667788:zaloFakeTokenForTests-0123456789";
const NAME = "Bot Bếp Nhà Mây";
const PUBLIC = "https://cho.example.vn";
let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

const setFlag = (can: boolean) =>
  upsertBot(t.sqlite.store, { shopId: 1, channel: "zalo", token: TOKEN, secret: "zalo-webhook-secret", username: NAME, info: { id: "55667788", account_name: NAME, account_type: "BASIC", can_join_groups: can } }, t.clock.now());

beforeAll(async () => {
  t = await makeTestApp();
  await ensureOperator(t.sqlite.store, OPERATOR_PASSWORD, t.clock.now());
  const deps: DashboardDeps = { store: t.sqlite.store, clock: t.clock, publicUrl: PUBLIC, assets: testAssets() };
  const app = new Hono();
  app.route("/", assetRoutes(deps.assets));
  app.route("/dashboard", loginRoutes(deps));
  app.route("/dashboard", shopsRoutes(deps));
  app.route("/go", goLinkRoutes(deps));
  server = await listen(app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe("the Zalo groups card on a 360 px phone", () => {
  it("with group rights: the steps and what the bot sees; without: no group mode, the text to post, the QR and both links", async () => {
    await setFlag(true);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signInAsOperator(page, server.url);

    await page.goto(`${server.url}/dashboard/shops?shop=demo`);
    const card = page.locator("#zalo-groups");
    const bot = card.locator('[data-zalo-bot="55667788"]');
    expect(await bot.getAttribute("data-groups")).toBe("yes");
    expect(await bot.locator("[data-groups-flag]").innerText()).toBe("Nhóm: có");
    expect(await bot.locator("[data-sees]").innerText()).toContain("tin nhắn có @tên bot");
    expect(await bot.locator("[data-not-sees]").innerText()).toContain("chú thích ảnh có @tên bot");
    expect(await bot.locator("[data-steps]").innerText()).toContain(`@${NAME} /link <mã>`);
    expect(await card.locator("[data-fallback-kit]").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    mkdirSync("test-results/screenshots", { recursive: true });
    await card.screenshot({ path: "test-results/screenshots/dashboard-zalo-groups-yes.png" });

    await setFlag(false);
    await page.reload();
    expect(await bot.getAttribute("data-groups")).toBe("no");
    expect(await bot.locator("[data-groups-flag]").innerText()).toBe("Nhóm: không");
    expect(await bot.locator("[data-steps]").count()).toBe(0);
    const kit = card.locator("[data-fallback-kit]");
    const text = await kit.locator("[data-kit-text]").inputValue();
    expect(text).toContain(`${PUBLIC}/go/demo/zalo`);
    expect(text).toContain(`${PUBLIC}/go/demo/chat`);
    expect(await kit.locator("[data-kit-zalo]").getAttribute("href")).toBe(`${PUBLIC}/go/demo/zalo`);
    expect(await kit.locator("[data-kit-chat]").getAttribute("href")).toBe(`${PUBLIC}/go/demo/chat`);
    // The QR code is a real image the phone has drawn, inside the screen.
    const qr = kit.locator("[data-kit-qr]");
    await qr.scrollIntoViewIfNeeded();
    expect(await qr.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 100)).toBe(true);
    const box = await qr.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
    expect(await card.locator("[data-counts-taps]").innerText()).toContain("link Zalo 0");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await card.screenshot({ path: "test-results/screenshots/dashboard-zalo-groups-no.png" });
    await page.close();
  });
});
