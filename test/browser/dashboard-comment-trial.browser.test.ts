import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { launchChromium } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  t = await makeTestApp();
  await ensureOperator(t.sqlite.store, "test-operator-password", t.clock.now());
  server = await listen(t.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe("the catalog page's Thử bình luận box on a 360 px phone", () => {
  it("reads a typed comment, fits the screen, and runs none of its markup", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/dashboard/login`);
    await page.fill("input[name=username]", "admin");
    await page.fill("input[name=password]", "test-operator-password");
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.click("button[type=submit]")]);
    await page.goto(`${server.url}/dashboard/catalog?shop=demo`);

    await page.fill("input[name=comment]", "cho mình 2 phần cơm gà lớn sđt 0912345678 giao <img src=x onerror=alert(1)>");
    await Promise.all([page.waitForURL(/\/dashboard\/catalog\/try\?shop=demo/), page.click("#try button[type=submit]")]);
    const reading = page.locator("#try .reading");
    await expect.poll(() => reading.innerText()).toContain("A1 · Cơm gà nướng mắc khén × 2 phần — Lớn");
    expect(await reading.innerText()).toContain("0912345678");
    expect(await reading.innerText()).toContain("giao <img src=x onerror=alert(1)>");
    expect(await page.locator("#try img").count()).toBe(0);
    expect(await page.inputValue("input[name=comment]")).toContain("<img src=x onerror=alert(1)>");

    // Nothing wider than the phone: the box, the reading and the page around them.
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, box: document.querySelector("#try")?.getBoundingClientRect().right ?? 0 }));
    expect(widths.page).toBeLessThanOrEqual(360);
    expect(widths.box).toBeLessThanOrEqual(360);

    await page.fill("input[name=comment]", "chốt Z9 2");
    await Promise.all([page.waitForLoadState("load"), page.click("#try button[type=submit]")]);
    await expect.poll(() => page.locator("#try .answer").innerText()).toBe("Shop không có mã Z9 — gõ ví dụ: A1 2");
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.locator("#try").screenshot({ path: "test-results/screenshots/dashboard-comment-trial.png" });
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
