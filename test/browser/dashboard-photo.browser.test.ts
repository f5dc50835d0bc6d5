import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { PNG } from "pngjs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { launchChromium } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let dir = "";

beforeAll(async () => {
  t = await makeTestApp();
  await ensureOperator(t.sqlite.store, "test-operator-password", t.clock.now());
  server = await listen(t.app);
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), "cho-chat-photo-"));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A phone-sized photo stand-in: 2400×1800 of noise, several MB as PNG. */
function bigPhoto(path: string): number {
  const png = new PNG({ width: 2400, height: 1800 });
  let s = 1;
  for (let i = 0; i < png.data.length; i++) png.data[i] = (s = (s * 16_807) % 2_147_483_647) & 255;
  const bytes = PNG.sync.write(png);
  writeFileSync(path, bytes);
  return bytes.length;
}

describe("product photos", () => {
  it("a 2400-pixel photo is resized in the browser before upload and stored small", async () => {
    const file = join(dir, "mat-ong.png");
    const original = bigPhoto(file);
    expect(original).toBeGreaterThan(5_000_000);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${server.url}/dashboard/login`);
    await page.fill("input[name=username]", "admin");
    await page.fill("input[name=password]", "test-operator-password");
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.click("button[type=submit]")]);
    await page.goto(`${server.url}/dashboard/catalog/A5/edit?shop=demo`);
    await page.setInputFiles("input[type=file][name=photo]", file);
    await expect.poll(() => page.locator("input[type=file][name=photo]").getAttribute("data-resized"), { timeout: 15_000 }).toBe("1280x960");
    await Promise.all([page.waitForURL(/ok=saved/), page.click("button[type=submit]:has-text('Lưu')")]);
    const product = await t.sqlite.store.db.selectFrom("products").select("photo_url").where("code", "=", "A5").executeTakeFirstOrThrow();
    expect(product.photo_url).toMatch(/^\/media\/[\w-]+$/);
    const res = await fetch(`${server.url}${product.photo_url}`);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    const stored = (await res.arrayBuffer()).byteLength;
    expect(stored).toBeLessThan(1_000_000);
    expect(stored).toBeLessThan(original / 5);
    await page.close();
  }, 60_000);
});
