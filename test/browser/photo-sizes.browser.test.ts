import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { imageSize } from "../../src/domain/media/image-size";
import { launchChromium } from "../helpers/browser";
import { listen } from "../helpers/http-server";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 19 item 10: a 64 px thumbnail and a photo in the web chat are not the 1280 px original.
let t: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let dir = "";

beforeAll(async () => {
  t = await makeTestApp();
  await ensureOperator(t.sqlite.store, "test-operator-password", t.clock.now());
  server = await listen(t.app);
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), "cho-chat-photo-sizes-"));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A phone photo stand-in, 3000×2250: soft colour gradients with grain, so the JPEGs weigh what a real photo's do. */
function phonePhoto(path: string): void {
  const width = 3000, height = 2250;
  const png = new PNG({ width, height });
  let s = 7;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      s = (s * 16_807) % 2_147_483_647;
      const grain = (s & 63) - 32;
      png.data[i] = (128 + 100 * Math.sin(x / 97) + grain) & 255;
      png.data[i + 1] = (128 + 90 * Math.cos(y / 71) + grain) & 255;
      png.data[i + 2] = (128 + 80 * Math.sin((x + y) / 53) + grain) & 255;
      png.data[i + 3] = 255;
    }
  writeFileSync(path, PNG.sync.write(png));
}

/** What the page really downloaded for an image: its natural size and the bytes of the response. */
async function loaded(page: Page, selector: string): Promise<{ src: string; width: number; height: number; bytes: number }> {
  const img = page.locator(selector).last();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
  return img.evaluate((el: HTMLImageElement) => {
    const entry = performance.getEntriesByName(el.currentSrc)[0] as PerformanceResourceTiming | undefined;
    return { src: el.getAttribute("src") ?? "", width: el.naturalWidth, height: el.naturalHeight, bytes: entry?.encodedBodySize ?? -1 };
  });
}

describe("product photo sizes on a 360 px phone", () => {
  it("uploads a small copy with the photo; the dashboard thumbnail and the web chat get it, the original is kept", async () => {
    const file = join(dir, "mat-ong.png");
    phonePhoto(file);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/dashboard/login`);
    await page.fill("input[name=username]", "admin");
    await page.fill("input[name=password]", "test-operator-password");
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.click("button[type=submit]")]);
    await page.goto(`${server.url}/dashboard/catalog/A5/edit?shop=demo`);
    const input = page.locator("input[type=file][name=photo]");
    await input.setInputFiles(file);
    await expect.poll(() => input.getAttribute("data-copies"), { timeout: 20_000 }).toBe("320x240,128x96");
    expect(await input.getAttribute("data-resized")).toBe("1280x960");
    await Promise.all([page.waitForURL(/ok=saved/), page.click("button[type=submit]:has-text('Lưu')")]);

    // Stored: the 1280 px original and its two copies, each measured by the server from its bytes.
    const product = await t.sqlite.store.db.selectFrom("products").select("photo_url").where("code", "=", "A5").executeTakeFirstOrThrow();
    const id = String(product.photo_url).replace("/media/", "");
    const original = await t.sqlite.store.db.selectFrom("media").select("bytes").where("id", "=", id).executeTakeFirstOrThrow();
    expect(imageSize(new Uint8Array(original.bytes))).toEqual({ width: 1280, height: 960 });
    const copies = await t.sqlite.store.db.selectFrom("media_variants").select(["width", "height"]).where("media_id", "=", id).orderBy("width").execute();
    expect(copies).toEqual([
      { width: 128, height: 96 },
      { width: 320, height: 240 },
    ]);
    const full = await fetch(`${server.url}/media/${id}`);
    const fullBytes = (await full.arrayBuffer()).byteLength;
    expect(fullBytes).toBe(original.bytes.length);

    // The dashboard list: the 64 px thumbnail downloads the 128 px copy.
    await page.goto(`${server.url}/dashboard/catalog?shop=demo`);
    const thumb = await loaded(page, ".card.prod[data-code=A5] img");
    expect(thumb.src).toBe(`/media/${id}?w=128`);
    expect(thumb).toMatchObject({ width: 128, height: 96 });
    expect(thumb.bytes).toBeGreaterThan(0);
    expect(thumb.bytes).toBeLessThan(fullBytes / 20);

    // The web chat: the product card's photo is the 320 px copy.
    await page.goto(`${server.url}/chat/demo`);
    await expect.poll(() => page.locator(".msg.bot .text").last().innerText()).toContain("Bếp Nhà Mây");
    await page.locator(".msg.bot").last().locator("button.btn", { hasText: "Xem thực đơn" }).click();
    await page.locator(".msg.bot").last().locator("button.btn", { hasText: "A5 ·" }).click();
    const chat = await loaded(page, ".msg.bot img");
    expect(chat.src).toBe(`/media/${id}?w=320`);
    expect(chat).toMatchObject({ width: 320, height: 240 });
    expect(chat.bytes).toBeLessThan(fullBytes / 5);
    console.log(`photo sizes: original upload 1280×960 ${fullBytes} B; 320 px copy ${chat.bytes} B; 128 px copy ${thumb.bytes} B`);
    await page.close();
  }, 90_000);
});
