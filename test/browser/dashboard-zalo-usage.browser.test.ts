import { mkdirSync } from "node:fs";
import { Hono } from "hono";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../src/chat/types";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { upsertBot } from "../../src/domain/shops/bots";
import { usageGate } from "../../src/domain/usage/admit-user";
import { planOf, savePlanLimits } from "../../src/domain/usage/plan-limits";
import type { DashboardDeps } from "../../src/http/dashboard/context";
import { loginRoutes } from "../../src/http/dashboard/login";
import { shopsRoutes } from "../../src/http/dashboard/shops";
import { zaloUsageRoutes } from "../../src/http/dashboard/zalo-usage";
import { assetRoutes } from "../../src/web/asset-route";
import { launchChromium, signInAsOperator } from "../helpers/browser";
import { OPERATOR_PASSWORD } from "../helpers/dashboard";
import { listen } from "../helpers/http-server";
import { makeTestApp, testAssets, type TestApp } from "../helpers/test-app";

const BOT = "55667788";
let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

const message = (userId: string, name: string, text: string, chatId = userId): InboundMessage => ({
  channel: "zalo",
  botId: BOT,
  shopId: 1,
  eventId: `message.text.received:${userId}:${text}`,
  chat: { id: chatId, kind: chatId.startsWith("g") ? "group" : "private" },
  from: { id: userId, name },
  text,
  receivedAt: t.clock.now(),
});

beforeAll(async () => {
  t = await makeTestApp();
  const store = t.sqlite.store;
  const shop = await store.db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
  await upsertBot(store, { shopId: 1, channel: "zalo", token: `${BOT}:zaloFakeTokenForTests`, secret: "s", username: "BepNhaMay", info: null }, t.clock.now());
  await ensureOperator(store, OPERATOR_PASSWORD, t.clock.now());
  // A bot whose plan allows 3 users: three are served (one of them in a group), the fourth is turned away.
  await savePlanLimits(store, "zalo", BOT, { maxUsers: 3, maxMessages: 3000, maxGroups: 3 }, t.clock.now());
  const arrivals = [message("u1", "Lan", "xin chào"), message("u2", "Hùng", "chốt A1", "g-cho"), message("u3", "Mai", "menu"), message("u4", "Cô Tư Bán Cá", "cho chị 2 phần cơm gà nha em")];
  for (const msg of arrivals) {
    const gate = await usageGate(store, { channel: "zalo", botId: BOT, shop, msg, eventKey: msg.eventId, now: t.clock.now(), publicUrl: "https://cho.example.vn" });
    if (gate.kind === "admitted") await gate.count();
  }

  const deps: DashboardDeps = { store, clock: t.clock, publicUrl: "", assets: testAssets() };
  const app = new Hono();
  app.route("/", assetRoutes(deps.assets));
  app.route("/dashboard", loginRoutes(deps));
  app.route("/dashboard", shopsRoutes(deps));
  app.route("/dashboard", zaloUsageRoutes(deps));
  server = await listen(app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe("the Zalo usage card in a real browser", () => {
  it("shows users, messages and groups against the plan and who was turned away, on a 360 px phone, and saves an edited limit", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signInAsOperator(page, server.url);

    await page.goto(`${server.url}/dashboard/zalo-usage?shop=demo`);
    const card = page.locator(`[data-usage-bot="${BOT}"]`);
    const gauge = (what: string) => card.locator(`.usage-gauge[data-what="${what}"]`);
    expect(await gauge("users").innerText()).toMatch(/3\s*\/\s*3/);
    expect(await gauge("users").getAttribute("data-level")).toBe("100");
    expect(await gauge("users").innerText()).toContain("đã đầy");
    expect(await gauge("messages").getAttribute("data-used")).toBe("4");
    expect(await gauge("messages").innerText()).toMatch(/4\s*\/\s*3\.000/);
    expect(await gauge("groups").innerText()).toMatch(/1\s*\/\s*3/);
    // The bars are drawn and fit the phone.
    for (const what of ["users", "messages", "groups"]) {
      const bar = await gauge(what).locator("meter").boundingBox();
      expect(bar?.width ?? 0).toBeGreaterThan(200);
      expect((bar?.x ?? 0) + (bar?.width ?? 0)).toBeLessThanOrEqual(360);
    }
    const away = card.locator('[data-turned-away="u4"]');
    expect(await away.innerText()).toContain("Cô Tư Bán Cá");
    expect(await away.innerText()).toContain("cho chị 2 phần cơm gà nha em");
    expect(await card.innerText()).toContain("Khách chưa được phục vụ tháng này (1)");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-zalo-usage.png", fullPage: true });

    // The seller upgraded: 60 users a month.
    await card.locator("details.usage-limits summary").click();
    await card.locator("input[name=maxUsers]").fill("60");
    await Promise.all([page.waitForURL(/ok=limits/), card.locator("form.usage-limits-form button").click()]);
    expect(await page.locator(".flash").innerText()).toContain("Đã lưu giới hạn gói.");
    expect(await page.locator(`[data-usage-bot="${BOT}"] .usage-gauge[data-what="users"]`).innerText()).toMatch(/3\s*\/\s*60/);
    expect(await planOf(t.sqlite.store, "zalo", BOT)).toMatchObject({ maxUsers: 60, maxMessages: 3000, maxGroups: 3 });

    // The same card on the operator's shops page; a nonsense limit is refused and changes nothing.
    await page.goto(`${server.url}/dashboard/shops?shop=demo`);
    const onShops = page.locator(`#zalo-usage [data-usage-bot="${BOT}"]`);
    expect(await onShops.locator('.usage-gauge[data-what="users"]').innerText()).toMatch(/3\s*\/\s*60/);
    await onShops.locator("details.usage-limits summary").click();
    await onShops.locator("input[name=maxGroups]").evaluate((el) => ((el as HTMLInputElement).type = "text"));
    await onShops.locator("input[name=maxGroups]").fill("ba");
    await Promise.all([page.waitForLoadState("load"), onShops.locator("form.usage-limits-form button").click()]);
    expect(await page.locator(".flash.err").innerText()).toContain("Giới hạn phải là số nguyên");
    expect((await planOf(t.sqlite.store, "zalo", BOT)).maxGroups).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });
});
