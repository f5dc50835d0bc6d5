import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findByCode, loadCatalog } from "../../src/domain/catalog/catalog";
import { PHONE, realAppInChromium, signInAsOperator } from "../helpers/browser";

// The product's nhóm ngành (issue 24) on a phone: the select is there, fits, reads, and saves.

const live = realAppInChromium();

const group = async (code: string) => findByCode(await loadCatalog(live.t.sqlite.store, 1), code)?.activityGroup;

describe("the activity group select at 360 px", () => {
  it("shows the stored group with its hint, fits the screen, and saves a new one", async () => {
    const page = await live.browser.newPage(PHONE);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAsOperator(page, live.url);

    await page.goto(`${live.url}/dashboard/catalog/A5/edit?shop=demo`);
    const select = page.locator("select[name=activityGroup]");
    await select.scrollIntoViewIfNeeded();
    expect(await select.isVisible()).toBe(true);
    const label = page.locator("label", { has: select });
    expect(await label.innerText()).toContain("Nhóm ngành (sổ thuế)");
    expect(await label.locator("small").innerText()).toBe("Dùng cho sổ doanh thu và tờ khai thuế. Quán ăn chọn Dịch vụ ăn uống.");
    // The honey is bought in and resold: goods, shown by its name on the forms.
    expect(await select.inputValue()).toBe("goods");
    expect(await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe("Phân phối, cung cấp hàng hóa");
    expect(await select.locator("option").count()).toBe(7);
    // Readable on a phone: inside the screen, a finger high, text no smaller than the other fields.
    const box = (await select.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.height).toBeGreaterThanOrEqual(40);
    expect(await select.evaluate((s) => parseFloat(getComputedStyle(s).fontSize))).toBeGreaterThanOrEqual(14);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/dashboard-activity-group.png" });

    await select.selectOption({ label: "Sản xuất, vận tải, dịch vụ có gắn với hàng hóa" });
    await Promise.all([page.waitForURL(/ok=saved&code=A5/), page.click("button[type=submit]:has-text('Lưu')")]);
    expect(await group("A5")).toBe("production");
    const card = page.locator('.prod[data-code="A5"]');
    expect(await card.locator("[data-activity-group]").innerText()).toBe("Sổ thuế: Sản xuất, vận tải, dịch vụ có gắn với hàng hóa");
    await card.screenshot({ path: "test-results/screenshots/dashboard-activity-group-card.png" });
    // The edit page shows what was saved.
    await page.goto(`${live.url}/dashboard/catalog/A5/edit?shop=demo`);
    expect(await page.inputValue("select[name=activityGroup]")).toBe("production");
    await page.locator("select[name=activityGroup]").screenshot({ path: "test-results/screenshots/dashboard-activity-group-long.png" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a new product starts as goods, and a food stall's dish is saved as food service", async () => {
    const page = await live.browser.newPage(PHONE);
    await signInAsOperator(page, live.url);
    await page.goto(`${live.url}/dashboard/catalog?shop=demo`);
    await page.locator("#new summary").click();
    const form = page.locator("#new form");
    expect(await form.locator("select[name=activityGroup]").inputValue()).toBe("goods");
    await form.locator("input[name=code]").fill("B2");
    await form.locator("input[name=name]").fill("Phở bò tái");
    await form.locator("input[name=price]").fill("40k");
    await form.locator("input[name=stock]").fill("20");
    await form.locator("select[name=activityGroup]").selectOption("food_service");
    await Promise.all([page.waitForURL(/ok=created&code=B2/), form.locator("button[type=submit]").click()]);
    expect(await group("B2")).toBe("food_service");
    expect(await page.locator('.prod[data-code="B2"] [data-activity-group]').innerText()).toBe("Sổ thuế: Dịch vụ ăn uống");
    await page.close();
  });
});
