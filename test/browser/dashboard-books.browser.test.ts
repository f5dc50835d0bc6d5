import { mkdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { fitsPhoneWidth, PHONE, realAppInChromium, signInAsOperator } from "../helpers/browser";
import { seedMonthOfOrders, type MonthOfOrders } from "../../src/domain/shops/demo-orders";

// The household books (issue 24) in a real browser: the books page on a phone, a row added by hand
// and a return through their forms, the download links, and the printable form in print media (A4
// portrait, nothing but the sheet, the table's head repeated, a PDF made).

const live = realAppInChromium();
let month: MonthOfOrders;
const SHOTS = "test-results/screenshots";

beforeAll(async () => {
  // 2 December 2026 at the shop: November (the generated month) is "last month".
  live.t.clock.set(new Date("2026-12-02T03:00:00.000Z"));
  month = await seedMonthOfOrders(live.t.sqlite.store);
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

/** An element's text with every run of spaces (the đồng sign's no-break space, line breaks) as one space. */
const textOf = async (l: { innerText(): Promise<string> }) => (await l.innerText()).replace(/\s+/g, " ");

describe("the books page at 360 px", () => {
  it("picks last month, shows the three books with their figures and links, and takes a row by hand and a return", async () => {
    const page = await live.browser.newPage(PHONE);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAsOperator(page, live.url);
    await Promise.all([page.waitForURL(/\/dashboard\/books\?shop=demo$/), page.click('header nav a:has-text("Sổ sách")')]);
    expect(await textOf(page.locator("#period"))).toContain("Tháng 12 năm 2026");
    await Promise.all([page.waitForURL(/month=2026-11/), page.click('[data-period="lastMonth"]')]);
    expect(await textOf(page.locator("#period"))).toContain("Tháng 11 năm 2026 (01/11/2026 – 30/11/2026)");

    const s1a = page.locator('[data-book="S1a"]');
    expect(await textOf(s1a.locator(".req"))).toContain("Bắt buộc với shop của bạn");
    const total = await textOf(s1a.locator('[data-figure="total"]'));
    expect(total).toMatch(/Tổng cộng [\d.]+ ₫/);
    expect(await textOf(page.locator('[data-book="S2e"] .req'))).toContain("Chưa bắt buộc");
    // The three cards stack on a phone, and nothing scrolls sideways.
    const boxes = await Promise.all(["S1a", "S2a", "S2e"].map((b) => page.locator(`[data-book="${b}"]`).boundingBox()));
    expect(boxes[1]!.y).toBeGreaterThanOrEqual(boxes[0]!.y + boxes[0]!.height);
    await fitsPhoneWidth(page);
    await page.screenshot({ path: `${SHOTS}/dashboard-books.png`, fullPage: true });

    // The downloads are the shop API's spreadsheets, and the session's cookie opens them.
    const xlsxHref = await s1a.locator('[data-link="xlsx"]').getAttribute("href");
    expect(xlsxHref).toBe("/api/shops/demo/books/S1a?from=2026-11-01&to=2026-11-30&format=xlsx");
    const xlsx = await page.request.get(`${live.url}${xlsxHref}`);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
    const csv = await page.request.get(`${live.url}${await s1a.locator('[data-link="csv"]').getAttribute("href")}`);
    expect(await csv.text()).toContain("Tổng cộng");

    // A sale outside Chợ Chat, typed as sellers type it.
    const form = page.locator("#entry-form");
    await form.locator("input[name=date]").fill("2026-11-28");
    await form.locator("select[name=kind]").selectOption("sale");
    await form.locator("input[name=amount]").fill("1,5tr");
    await form.locator("input[name=description]").fill("Bán tại chợ phiên Than Uyên");
    await Promise.all([page.waitForURL(/ok=entry/), form.locator("button.btn").click()]);
    expect(await textOf(page.locator(".flash").first())).toContain("Đã ghi vào sổ.");
    expect(await textOf(page.locator("#entries-list"))).toContain("Bán tại chợ phiên Than Uyên");
    const after = await textOf(page.locator('[data-book="S1a"] [data-figure="total"]'));
    const money = (s: string) => Number(s.replace(/\D/g, ""));
    expect(money(after) - money(total)).toBe(1_500_000);

    // A wrong amount is told beside the field, in Vietnamese.
    await form.locator("input[name=date]").fill("2026-11-28");
    await form.locator("input[name=amount]").fill("nhiều lắm");
    await Promise.all([page.waitForLoadState("load"), form.locator("button.btn").click()]);
    expect(await textOf(page.locator("#entry-amount-problem"))).toContain("Chưa đọc được số tiền");

    // A return on a delivered order of the month that had none.
    const returned = new Set(Object.values(month.edge).map((o) => o.code));
    const delivered = month.orders.find((o) => o.fate === "delivered" && !returned.has(o.code))!;
    const ret = page.locator("#return-form");
    await ret.locator("input[name=code]").fill(delivered.code.toLowerCase());
    await ret.locator("input[name=acceptedDate]").fill("2026-11-30");
    await ret.locator("input[name=amount]").fill("10k");
    await ret.locator("select[name=refund]").selectOption("cash");
    await Promise.all([page.waitForURL(/ok=return/), ret.locator("button.btn").click()]);
    expect(await textOf(page.locator(".flash").first())).toContain(`Đã ghi hàng trả lại đơn ${delivered.code}: 10.000 ₫`);
    expect(await textOf(page.locator(`#returns-list [data-order="${delivered.code}"]`))).toContain("-10.000 ₫");
    await fitsPhoneWidth(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the household details form fits a phone and saves", async () => {
    const page = await live.browser.newPage(PHONE);
    await signInAsOperator(page, live.url);
    await page.goto(`${live.url}/dashboard/books/profile?shop=demo`);
    await page.fill("input[name=householdName]", "Hộ kinh doanh Bếp Bản Mường");
    await page.fill("input[name=representative]", "Lò Thị Mai");
    await page.fill("input[name=taxCode]", "0101 234 567");
    await page.fill("input[name=address]", "Bản Mường Than, Xã Than Uyên, tỉnh Lai Châu");
    await fitsPhoneWidth(page);
    // Each choice's circle sits on the line of its words, not alone on a row above them.
    for (const value of ["revenue", "income", "fixed", "platform"]) {
      const radio = await page.locator(`input[type=radio][value=${value}]`).boundingBox();
      const words = await page.locator(`label:has(input[type=radio][value=${value}])`).boundingBox();
      expect(radio!.width, value).toBeLessThan(40);
      expect(radio!.y - words!.y, value).toBeLessThan(12);
    }
    await page.screenshot({ path: `${SHOTS}/dashboard-books-profile.png`, fullPage: true });
    await Promise.all([page.waitForURL(/ok=profile/), page.click("#profile-form button.btn")]);
    expect(await textOf(page.locator(".flash"))).toContain("Đã lưu thông tin hộ kinh doanh.");
    expect(await page.inputValue("input[name=taxCode]")).toBe("0101234567");
    await page.close();
  });
});

describe("the printable book", () => {
  it("reads on a phone, and printed is the official form on A4: header, columns, totals, signature, blanks dotted, no bar; a PDF is made", async () => {
    const page = await live.browser.newPage(PHONE);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAsOperator(page, live.url);
    await page.goto(`${live.url}/dashboard/books?shop=demo&month=2026-11`);
    await Promise.all([page.waitForURL(/\/dashboard\/books\/print\?shop=demo&book=S1a&month=2026-11/), page.click('[data-book="S1a"] [data-link="print"]')]);

    expect(await textOf(page.locator("#household"))).toContain("HỘ, CÁ NHÂN KINH DOANH: Hộ kinh doanh Bếp Bản Mường");
    expect(await textOf(page.locator("#form-no"))).toBe("Mẫu số S1a-HKD (Kèm theo Thông tư số 152/2025/TT-BTC ngày 31 tháng 12 năm 2025 của Bộ trưởng Bộ Tài chính)");
    expect(await textOf(page.locator("h1.title"))).toBe("SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ");
    expect(await textOf(page.locator("#period"))).toBe("Kỳ kê khai: Tháng 11 năm 2026");
    expect(await page.locator("thead tr.letters th").allInnerTexts()).toEqual(["A", "B", "1"]);
    expect(await page.locator("thead tr.names th").allInnerTexts()).toEqual(["Ngày tháng", "Diễn giải", "Số tiền"]);
    expect(await textOf(page.locator('tr[data-summary="total"]'))).toMatch(/Tổng cộng [\d.]+$/);
    expect(await textOf(page.locator("tr.manual").first())).toContain("Bán tại chợ phiên Than Uyên (tự nhập)");
    expect(await textOf(page.locator("#signature"))).toContain("NGƯỜI ĐẠI DIỆN HỘ KINH DOANH/CÁ NHÂN KINH DOANH (Ký, ghi rõ họ tên, đóng dấu (nếu có))");
    // The business location was left blank: a dotted line to write on.
    const blank = page.locator('[data-fill="location"]');
    expect(await blank.innerText()).toBe("");
    expect(await blank.evaluate((e) => getComputedStyle(e).borderBottomStyle)).toBe("dotted");
    expect((await blank.boundingBox())!.width).toBeGreaterThan(60);
    await fitsPhoneWidth(page);
    await page.screenshot({ path: `${SHOTS}/dashboard-books-print-phone.png` });

    // An order's code opens that order on the board.
    const link = page.locator("tbody a[data-order]").first();
    const code = await link.getAttribute("data-order");
    await Promise.all([page.waitForURL(new RegExp(`/dashboard\\?shop=demo&date=2026-\\d\\d-\\d\\d&q=${code}`)), link.click()]);
    expect(await page.locator(`[data-code="${code}"]`).count()).toBeGreaterThan(0);
    await page.goBack();

    // "In sổ" asks the browser to print.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.click("#print");
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".bar").isVisible()).toBe(false);
    expect(await page.locator("#notes").isVisible()).toBe(false);
    expect(await page.locator("thead").evaluate((e) => getComputedStyle(e).display)).toBe("table-header-group");
    const cell = page.locator("tbody tr.line td").first();
    expect(await cell.evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe("solid");
    expect(await link.evaluate((e) => [getComputedStyle(e).textDecorationLine, getComputedStyle(e, "::after").content])).toEqual(["none", "none"]);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: `${SHOTS}/dashboard-books-print-a4.png`, fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // A month of orders runs over several A4 pages (each with the table's head repeated).
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the cash book prints its two money columns and each account's balances", async () => {
    const page = await live.browser.newPage(PHONE);
    await signInAsOperator(page, live.url);
    await page.goto(`${live.url}/dashboard/books/print?shop=demo&book=S2e&month=2026-11`);
    expect(await page.locator("thead tr.letters th").allInnerTexts()).toEqual(["A", "B", "C", "1", "2"]);
    expect(await page.locator("tr.section").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('tr[data-summary="opening"]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('tr[data-summary="closing"]').count()).toBeGreaterThanOrEqual(2);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.length).toBeGreaterThan(5_000);
    await page.close();
  });
});
