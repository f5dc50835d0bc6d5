import { mkdirSync } from "node:fs";
import { Hono } from "hono";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { findByCode, loadCatalog } from "../../src/domain/catalog/catalog";
import { broadcastRoutes } from "../../src/http/dashboard/broadcasts";
import { catalogRoutes, mediaRoute } from "../../src/http/dashboard/catalog";
import { launchChromium } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { makeTestApp, testAssets, type TestApp } from "../helpers/test-app";

let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  t = await makeTestApp();
  await ensureOperator(t.sqlite.store, "test-operator-password", t.clock.now());
  // The real app (login, orders) with the catalog and broadcast sections mounted after it, as src/app.ts will.
  const deps = { store: t.sqlite.store, clock: t.clock, publicUrl: "", assets: testAssets() };
  const app = new Hono();
  app.route("/", t.app);
  app.route("/dashboard", catalogRoutes(deps));
  app.route("/dashboard", broadcastRoutes(deps));
  app.route("/", mediaRoute(t.sqlite.store));
  server = await listen(app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe("dashboard catalog and broadcasts in a real browser", () => {
  it("the operator logs in, changes a price in the catalog editor, and schedules the menu every day at 10:30", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`${server.url}/dashboard/login`);
    await page.fill("input[name=username]", "admin");
    await page.fill("input[name=password]", "test-operator-password");
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.click("button[type=submit]")]);

    await page.locator("header a", { hasText: "Sản phẩm" }).click();
    await page.waitForURL(/\/dashboard\/catalog\?shop=demo$/);
    const a1 = page.locator('.prod[data-code="A1"]');
    await expect.poll(() => a1.locator(".price").innerText()).toBe("45.000 ₫");
    await a1.locator("a", { hasText: "Sửa" }).click();
    await page.waitForURL(/\/dashboard\/catalog\/A1\/edit/);
    expect(await page.inputValue("input[name=price]")).toBe("45.000");
    await page.fill("input[name=price]", "52k");
    // An option price typed the way a seller writes it is a price, never a silent 0 ₫; a price that
    // cannot be read is refused with a message naming it.
    await page.fill("textarea[name=options]", "Cỡ phần: Vừa, Lớn +hai chục\nĐộ cay: Không cay, Cay vừa, Cay nhiều");
    await page.click("button[type=submit]:has-text('Lưu')");
    await expect.poll(() => page.locator("body").innerText()).toContain("Không đọc được giá của “Lớn +hai chục”");
    await page.fill("input[name=price]", "52k");
    await page.fill("textarea[name=options]", "Cỡ phần: Vừa, Lớn +20k\nĐộ cay: Không cay, Cay vừa, Cay nhiều");
    await Promise.all([page.waitForURL(/ok=saved&code=A1/), page.click("button[type=submit]:has-text('Lưu')")]);
    expect(findByCode(await loadCatalog(t.sqlite.store, 1), "A1")?.optionGroups[0]?.options.map((o) => [o.name, o.priceDelta])).toEqual([
      ["Vừa", 0],
      ["Lớn", 20_000],
    ]);
    await expect.poll(() => page.locator(".flash").innerText()).toContain("Đã lưu A1.");
    expect(await a1.locator(".price").innerText()).toBe("52.000 ₫");
    expect(findByCode(await loadCatalog(t.sqlite.store, 1), "A1")?.price).toBe(52_000);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-catalog.png", fullPage: false });

    await page.locator("header a", { hasText: "Đăng bài" }).click();
    await page.waitForURL(/\/dashboard\/broadcasts\?shop=demo$/);
    await page.check("input[name=kind][value=menu]");
    await expect.poll(() => page.locator("#preview").innerText()).toContain("📋 Thực đơn Bếp Nhà Mây:");
    expect(await page.locator("#preview").innerText()).toContain("A1 · Cơm gà nướng mắc khén — 52.000 ₫/phần");
    // The live preview follows the form: an item's card, then back to the menu.
    await page.check("input[name=kind][value=item]");
    await page.selectOption("select[name=code]", "A2");
    await expect.poll(() => page.locator("#preview").innerText()).toContain("A2 · Bún chả cá sông Đà — 40.000 ₫/bát");
    await page.check("input[name=kind][value=menu]");
    await expect.poll(() => page.locator("#preview").innerText()).toContain("📋 Thực đơn Bếp Nhà Mây:");
    await page.selectOption("select[name=preset]", { label: "Mỗi ngày lúc 10:30" });
    await Promise.all([page.waitForURL(/ok=scheduled/), page.click("button[name=do][value=schedule]")]);
    await expect.poll(() => page.locator(".flash").innerText()).toContain("Đã lên lịch. Lần đăng tới: 2026-11-24 10:30.");
    const row = page.locator("#schedules tr[data-id]");
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain("Mỗi ngày lúc 10:30");
    expect(await row.innerText()).toContain("Cả thực đơn");
    expect(await row.innerText()).toContain("2026-11-24 10:30");
    await page.screenshot({ path: "test-results/screenshots/dashboard-broadcasts.png", fullPage: true });

    const schedule = await t.sqlite.store.db.selectFrom("scheduled_posts").selectAll().executeTakeFirstOrThrow();
    expect(schedule).toMatchObject({ cron: "30 10 * * *", kind: "menu", active: 1, next_run_at: "2026-11-24T03:30:00.000Z" });
    expect(errors).toEqual([]);

    // Small pages for a phone on 3G: no framework bundle.
    for (const path of ["/dashboard/catalog?shop=demo", "/dashboard/broadcasts?shop=demo"]) {
      const html = await page.evaluate(async (p) => (await fetch(p)).text(), path);
      expect(new TextEncoder().encode(html).length, path).toBeLessThan(60 * 1024);
    }
    await page.close();
  });
});
