import { mkdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { fitsPhoneWidth, PHONE, realAppInChromium, signInAsOperator } from "../helpers/browser";
import { seedMonthOfOrders, YEAR_ABOVE_THRESHOLD } from "../../src/domain/shops/demo-orders";

// The declaration drafts in Chromium on a 360 px phone, and printed: the whole real app over a
// generated year that passes 1 tỷ in its third quarter, on 2 December 2026.

const live = realAppInChromium();
const SHOTS = "test-results/screenshots";

beforeAll(async () => {
  live.t.clock.set(new Date("2026-12-02T03:00:00Z"));
  await seedMonthOfOrders(live.t.sqlite.store, YEAR_ABOVE_THRESHOLD);
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

const textOf = async (l: { innerText(): Promise<string> }) => (await l.innerText()).replace(/\s+/g, " ");

describe("the declaration drafts at 360 px", () => {
  it("picks a quarter, lays the draft out field by field with its trail and copyable numbers, and fits the phone", async () => {
    const context = await live.browser.newContext(PHONE);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: live.url });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAsOperator(page, live.url);

    // The books page links here; the page opens on the filing due next (Q4, still running).
    await page.goto(`${live.url}/dashboard/books?shop=demo`);
    await Promise.all([page.waitForURL(/\/dashboard\/declarations\?shop=demo/), page.click("#declarations-link")]);
    expect(await page.locator("#draft").getAttribute("data-period")).toBe("2026-Q4");
    expect(await page.locator("#partial").isVisible()).toBe(true);

    await page.selectOption("select[name=part]", "Q3");
    await Promise.all([page.waitForURL(/part=Q3/), page.click("#period-form button")]);
    const draft = page.locator("#draft");
    expect(await draft.getAttribute("data-form")).toBe("01/CNKD");
    expect(await textOf(draft.locator(".draft-mark"))).toBe("BẢN NHÁP — tự nhập vào eTax");
    expect(await textOf(draft.locator(".form-head"))).toContain("TỜ KHAI THUẾ ĐỐI VỚI HỘ KINH DOANH, CÁ NHÂN KINH DOANH");
    expect(await textOf(page.locator("#version-uncertain"))).toContain("[?]");
    expect(await textOf(page.locator("#due"))).toContain("Hạn nộp: 31/10/2026");
    expect(await textOf(page.locator("#flags"))).toContain("trước 30/10/2026");
    expect(await textOf(page.locator('[data-tick="[01b]"]'))).toBe("☒ [01b] Quý: 3/2026");

    // Row (a), field [14]: code, label, value, Copy; its trail opens under it.
    const vat = page.locator('.field[data-row="a"][data-cell="[14]"]');
    expect(await textOf(vat.locator(".line .code"))).toBe("[14]");
    expect(await textOf(vat.locator(".label"))).toBe("Số thuế GTGT phải nộp");
    const digits = (await vat.locator(".value").getAttribute("data-value"))!;
    expect(digits).toMatch(/^\d+$/);
    expect(Number(digits)).toBeGreaterThan(0);
    expect(await textOf(vat.locator(".value"))).toBe(`${digits.replace(/\B(?=(\d{3})+$)/g, ".")} ₫`);
    expect(await vat.locator("details.how ol").isVisible()).toBe(false);
    await vat.locator("summary").click();
    expect(await textOf(vat.locator("details.how ol"))).toMatch(/Quý 3\/2026: [\d.]+ ₫ × 1 % = /);
    await vat.locator("button.copy").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(digits);
    const revenue = page.locator('.field[data-row="a"][data-cell="[11]"]');
    await revenue.locator("summary").click();
    expect(await revenue.locator(".book-link").getAttribute("href")).toBe("/dashboard/books/print?shop=demo&book=S2a&from=2026-07-01&to=2026-09-30");
    // A row without revenue is one short line.
    expect(await textOf(page.locator('.form-row[data-row="b"]'))).toContain("0 ₫ ở mọi ô");

    // Readable on the phone: nothing wider than the screen, the Copy button a finger high, the value inside.
    await fitsPhoneWidth(page);
    const copy = (await vat.locator("button.copy").boundingBox())!;
    expect(copy.height).toBeGreaterThanOrEqual(32);
    expect(copy.x + copy.width).toBeLessThanOrEqual(360);
    const value = (await vat.locator(".value").boundingBox())!;
    expect(value.x).toBeGreaterThanOrEqual(0);
    expect(await vat.locator(".label").evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(14);
    await page.screenshot({ path: `${SHOTS}/dashboard-declarations.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("prints the draft alone: the mark, the form and its fields, the trails as numbered notes; no frame, forms or buttons", async () => {
    const page = await live.browser.newPage(PHONE);
    await signInAsOperator(page, live.url);
    await page.goto(`${live.url}/dashboard/declarations?shop=demo&period=2026-H1`);
    const printButton = page.locator("#print");
    expect(await printButton.isVisible()).toBe(true);
    expect(await page.locator("#print-notes").isVisible()).toBe(false);

    await page.emulateMedia({ media: "print" });
    for (const hidden of ["body > header", "#period-form", "#upcoming", "#print", "button.copy >> nth=0", "details.how >> nth=0", "main > h1"]) {
      expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
    }
    expect(await page.locator(".draft-mark").isVisible()).toBe(true);
    expect(await textOf(page.locator(".form-head"))).toContain("THÔNG BÁO DOANH THU/TỜ KHAI THUẾ NĂM");
    expect(await textOf(page.locator('[data-tick="[01b]"]'))).toContain("☒");
    expect(await page.locator('.field[data-cell="[08a]"] .value').isVisible()).toBe(true);
    expect(await textOf(page.locator("#form-note"))).toContain("chỉ thực hiện thông báo doanh thu; không thực hiện khai số thuế");
    const notes = page.locator("#print-notes");
    expect(await notes.isVisible()).toBe(true);
    expect(await notes.locator("li").count()).toBeGreaterThan(2);
    expect(await textOf(notes.locator("li").first())).toMatch(/^\[08a\] Đơn đã giao/);
    expect(await textOf(page.locator('.field[data-cell="[08a]"] sup'))).toBe("(1)");
    await page.screenshot({ path: `${SHOTS}/dashboard-declarations-print.png`, fullPage: true });
    // And as paper: an A4 PDF of a few pages.
    const pdf = await page.pdf({ format: "A4", printBackground: false });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(6);
    await page.close();
  });
});
