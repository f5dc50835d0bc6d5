import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declarationsView, type DeclarationsView } from "../../src/domain/books/declarations/declarations-view";
import type { DeclarationDraft, DraftRow } from "../../src/domain/books/declarations/draft";
import { filingsOf } from "../../src/domain/books/declarations/filings";
import { parsePeriodKey, periodRange } from "../../src/domain/books/declarations/periods";
import { readLedger } from "../../src/domain/books/declarations/revenue-to-date";
import { saveTaxProfile } from "../../src/domain/books/tax-profile";
import { seedMonthOfOrders, YEAR_ABOVE_THRESHOLD } from "../../src/domain/shops/demo-orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";
import { linesFromRows, quarterTax, revenue, ROW, type Line } from "./declarations-recompute";

// The drafts over a generated year (01/01–30/11/2026, about 1.3 tỷ, crossing 1 tỷ in the third
// quarter) with a return and a sale added by hand in Q3, checked against figures recomputed from the
// rows in the test (declarations-recompute.ts), on 2 December 2026.

let t: TestApp;
let lines: Line[];
let shop: { id: number; time_zone: string; slug: string };
const TODAY = "2026-12-02";

beforeAll(async () => {
  t = await makeTestApp({ now: new Date("2026-12-02T03:00:00Z") });
  const year = await seedMonthOfOrders(t.sqlite.store, YEAR_ABOVE_THRESHOLD);
  shop = year.shop;
  const db = t.sqlite.store.db;
  // A return in Q3 of a Q2 order (negative on the day it was accepted), and a market-day sale by hand.
  const returned = year.orders.find((o) => o.fate === "delivered" && o.deliveredAt! < "2026-06-20")!;
  await db.insertInto("order_returns").values({ shop_id: shop.id, order_id: returned.id, accepted_date: "2026-07-15", amount: 30_000, reason: "Hỏng", created_by: "test", created_at: "2026-07-15T03:00:00Z" }).execute();
  await db
    .insertInto("book_entries")
    .values({ shop_id: shop.id, entry_date: "2026-08-10", kind: "sale", account: "cash", activity_group: "goods", description: "Bán ở chợ phiên", amount: 2_450_000, created_by: "test", created_at: "2026-08-10T10:00:00Z" })
    .execute();
  lines = await linesFromRows(t.sqlite.store, shop.id);
}, 120_000);
afterAll(() => t?.close());

async function view(key: string | null): Promise<DeclarationsView> {
  const v = await declarationsView(t.sqlite.store, shop, key ? parsePeriodKey(key) : null, TODAY);
  if ("refused" in v) throw new Error(v.refused);
  return v;
}
const row = (d: DeclarationDraft, key: string): DraftRow => d.rows.find((r) => r.key === key)!;
const cell = (d: DeclarationDraft, key: string, code: string) => row(d, key).cells.find((c) => c.code === code)!;

describe("01/CNKD for the quarter the year passes 1 tỷ (Q3 2026)", () => {
  it("has every row's [11]–[17] and the totals [18]–[20] as recomputed from the orders", async () => {
    const { draft } = await view("2026-Q3");
    const expected = quarterTax(lines, "2026-07-01", "2026-09-30");
    expect(expected.taxable).toBe(true);
    for (const letter of ["a", "b", "c", "d", "e", "g"]) {
      const want = expected.rows[letter]!;
      expect([cell(draft, letter, "[11]").value, cell(draft, letter, "[14]").value, cell(draft, letter, "[16]").value, cell(draft, letter, "[17]").value], `row ${letter}`).toEqual([
        want.revenue,
        want.vat,
        want.deduction,
        want.pit,
      ]);
      expect(cell(draft, letter, "[15]").value).toBe(Math.max(0, want.revenue));
      expect(cell(draft, letter, "[12]").value).toBe(0);
    }
    // Two groups of the demo kitchen at least, food service and goods in different rows.
    expect(expected.rows.a!.revenue).toBeGreaterThan(0);
    expect(expected.rows.d!.revenue).toBeGreaterThan(0);
    const q3 = revenue(lines, "2026-07-01", "2026-09-30");
    expect(cell(draft, "18", "[11]").value).toBe(q3.total);
    expect(cell(draft, "18", "[14]").value).toBe(expected.vat);
    expect(cell(draft, "18", "[17]").value).toBe(expected.pit);
    expect(cell(draft, "19", "[14]").value).toBe(0);
    expect(cell(draft, "20", "[14]").value).toBe(expected.vat);
    expect(cell(draft, "20", "[17]").value).toBe(expected.pit);
    expect(cell(draft, "20", "[11]").value).toBeNull();
    // The yearly deduction is what the first half left: 1 tỷ minus the revenue before July.
    expect(cell(draft, "18", "[16]").value).toBe(1_000_000_000 - revenue(lines, "2026-01-01", "2026-06-30").total);
  });

  it("says where each figure comes from: the lines with their count and sum, the rate and its source, the rounding", async () => {
    const { draft } = await view("2026-Q3");
    const q3 = revenue(lines, "2026-07-01", "2026-09-30");
    const a = cell(draft, "a", "[11]");
    const fmt = (n: number) => `${String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ".")}\u00a0₫`;
    expect(a.how.join(" ")).toMatch(/Đơn đã giao .*: \d+ đơn, /);
    expect(a.how.join(" ")).toContain("Doanh thu tự nhập (bán ngoài Chợ Chat): 1 dòng, 2.450.000\u00a0₫");
    expect(a.how.at(-1)).toContain(`Cộng 01/07/2026–30/09/2026: ${fmt(a.value!)}`);
    expect(a.book).toEqual({ book: "S2a", from: "2026-07-01", to: "2026-09-30" });
    // The return is counted in the row its order's goods were in.
    expect(draft.rows.filter((r) => !r.total).flatMap((r) => r.cells[0]!.how).join(" ")).toContain("Hàng bán bị trả lại (tính vào ngày nhận lại): 1 lần, -30.000\u00a0₫");
    expect(q3.count.return).toBe(1);
    const vat = cell(draft, "a", "[14]").how.join(" ");
    expect(vat).toContain("× 1 %");
    expect(vat).toContain("Luật Thuế GTGT 48/2024/QH15");
    expect(vat).toContain("Làm tròn đến đồng");
    expect(cell(draft, "a", "[17]").how.join(" ")).toContain("× 0,5 %");
    expect(cell(draft, "18", "[14]").how[0]).toMatch(/^= \(a\) .* \+ \(d\) .* = /);
    expect(cell(draft, "a", "[12]").how[0]).toContain("không tách doanh thu không chịu thuế GTGT");
  });

  it("is the quarterly return due 31/10, flags the crossing and the e-invoice registration, and names the form version", async () => {
    const { draft } = await view("2026-Q3");
    expect(draft.form).toBe("01/CNKD");
    expect(draft.filing?.key).toBe("01/CNKD:2026-Q3");
    expect(draft.due.date).toBe("2026-10-31");
    expect(draft.applies).toContain("kỳ này khai 01/CNKD, hạn 31/10/2026");
    expect(draft.ticks.find((x) => x.code === "[01b]")).toMatchObject({ on: true, value: "3/2026" });
    expect(draft.ticks.find((x) => x.code === "[01a]")?.on).toBe(false);
    expect(draft.ticks.find((x) => x.code === "[02]")?.on).toBe(true);
    expect(draft.flags.map((f) => f.text).join(" ")).toMatch(/vượt 1\.000\.000\.000\s₫ ngày \d\d\/0[89]\/2026, trong kỳ này/);
    expect(draft.flags.map((f) => f.text).join(" ")).toContain("đăng ký dùng hóa đơn điện tử (mẫu 01/ĐKTĐ-HĐĐT) trước 30/10/2026");
    expect(draft.version).toContain("89/2026");
    expect(draft.versionUncertain).toBe(true);
    expect(draft.section.code).toBe("I");
    expect(draft.partial).toBe(false);
  });

  it("before the crossing a quarter owes nothing and is not filed; after it, the next quarter has the tax and no crossing flag", async () => {
    const q2 = (await view("2026-Q2")).draft;
    expect(q2.filing).toBeNull();
    expect(q2.applies).toContain("chưa phải khai 01/CNKD");
    expect(cell(q2, "18", "[14]").value).toBe(0);
    expect(cell(q2, "18", "[17]").value).toBe(0);
    expect(cell(q2, "18", "[11]").value).toBe(revenue(lines, "2026-04-01", "2026-06-30").total);
    expect(q2.versionUncertain).toBe(false);
    const q1 = (await view("2026-Q1")).draft;
    expect(q1.version).toContain("18/2026");

    const q4 = (await view("2026-Q4")).draft;
    expect(q4.partial).toBe(true);
    expect(q4.flags).toEqual([]);
    const expected = quarterTax(lines, "2026-10-01", "2026-12-31");
    expect(cell(q4, "18", "[11]").value).toBe(revenue(lines, "2026-10-01", "2026-12-02").total);
    expect(cell(q4, "20", "[14]").value).toBe(expected.vat);
    expect(cell(q4, "18", "[16]").value).toBe(0);
  });
});

describe("01/TKN-CNKD", () => {
  it("for the first half: revenue per group in [08a]…[08g], [11] the total, every tax column blank with the form's note", async () => {
    const { draft } = await view("2026-H1");
    const h1 = revenue(lines, "2026-01-01", "2026-06-30");
    expect(h1.total).toBeLessThanOrEqual(1_000_000_000);
    expect(draft.form).toBe("01/TKN-CNKD");
    expect(draft.filing?.due).toBe("2026-07-31");
    for (const [group, letter] of Object.entries(ROW)) {
      if (group === "food_service") continue;
      const want = Object.entries(ROW)
        .filter(([, l]) => l === letter)
        .reduce((s, [g]) => s + h1.byGroup[g as keyof typeof h1.byGroup], 0);
      expect(cell(draft, letter, `[08${letter}]`).value, letter).toBe(want);
      expect(row(draft, letter).cells.slice(1).every((c) => c.value === null)).toBe(true);
    }
    expect(cell(draft, "11", "[11]").value).toBe(h1.total);
    expect(row(draft, "12").cells.every((c) => c.value === null)).toBe(true);
    expect(row(draft, "13").cells.every((c) => c.value === null)).toBe(true);
    expect(draft.formNote).toBe("chỉ thực hiện thông báo doanh thu; không thực hiện khai số thuế");
    expect(draft.ticks.find((x) => x.code === "[01b]")?.on).toBe(true);
    expect(cell(draft, "a", "[08a]").book?.book).toBe("S1a");
  });

  it("for the year above 1 tỷ: not the form to file, and says what is", async () => {
    const { draft } = await view("2026");
    expect(draft.filing).toBeNull();
    expect(draft.applies).toContain("hộ khai 01/CNKD theo quý từ quý vượt");
    expect(cell(draft, "11", "[11]").value).toBe(revenue(lines, "2026-01-01", TODAY).total);
  });
});

describe("which drafts apply", () => {
  it("lists the year's filings by their deadlines, and opens on the one due next", async () => {
    const v = await view(null);
    expect(v.year.filings.map((f) => [f.key, f.due])).toEqual([
      ["01/TKN-CNKD:2026-H1", "2026-07-31"],
      ["01/CNKD:2026-Q3", "2026-10-31"],
      ["01/CNKD:2026-Q4", "2027-01-31"],
    ]);
    expect(v.upcoming.map((f) => f.key)).toEqual(["01/CNKD:2026-Q4"]);
    expect(v.draft.periodKey).toBe("2026-Q4");
    expect(v.year.revenue).toBe(revenue(lines, "2026-01-01", TODAY).total);
  });

  it("a platform seller on income: [09x] rows, section II, the income tick, and the PIT finalization after the year", async () => {
    await saveTaxProfile(t.sqlite.store, shop.id, { householdName: "Hộ kinh doanh Lò Văn A", representative: "Lò Văn A", taxCode: "0123456789", address: "Bản Mường, Than Uyên", businessLocation: "", taxOffice: "Thuế cơ sở Than Uyên", pitMethod: "income", declareAs: "platform", einvoiceRequired: false }, t.clock.now());
    try {
      const h1 = (await view("2026-H1")).draft;
      expect(h1.section.code).toBe("[09]");
      expect(row(h1, "a").code).toBe("[09a]");
      expect(h1.header.find((h) => h.code === "[05]")).toMatchObject({ value: "0123456789", missing: false });
      expect(h1.header.find((h) => h.code === "[04]")?.value).toBe("Hộ kinh doanh Lò Văn A");
      const q3 = (await view("2026-Q3")).draft;
      expect(q3.section.code).toBe("II");
      expect(q3.ticks.find((x) => x.label.includes("trên thu nhập"))?.on).toBe(true);
      const ledger = await readLedger(t.sqlite.store, shop, 2026, "2027-02-01");
      expect(filingsOf([2026], ledger, { pitMethod: "income" }, "2027-02-01").map((f) => [f.key, f.due]).at(-1)).toEqual(["02/CNKD-TNCN-QTT:2026", "2027-03-31"]);
      expect(filingsOf([2026], ledger, { pitMethod: "revenue" }, "2027-02-01").some((f) => f.form === "02/CNKD-TNCN-QTT")).toBe(false);
    } finally {
      await t.sqlite.store.db.deleteFrom("shop_tax_profiles").where("shop_id", "=", shop.id).execute();
    }
  });

  it("refuses a period that has not started or comes before the rules", async () => {
    expect(await declarationsView(t.sqlite.store, shop, parsePeriodKey("2027-Q1"), TODAY)).toEqual({ refused: "not_started" });
    expect(await declarationsView(t.sqlite.store, shop, parsePeriodKey("2025"), TODAY)).toEqual({ refused: "before_rules" });
  });

  it("reads period keys and nothing else", () => {
    expect(parsePeriodKey("2026-Q3")).toEqual({ kind: "quarter", year: 2026, n: 3 });
    expect(parsePeriodKey("2026-M07")).toEqual({ kind: "month", year: 2026, n: 7 });
    expect(parsePeriodKey("2026-H1")).toEqual({ kind: "half_year", year: 2026 });
    expect(parsePeriodKey("2026")).toEqual({ kind: "year", year: 2026 });
    for (const bad of ["2026-Q5", "2026-M13", "2026-H2", "26-Q1", "1999", "2026-q1", "", "2026-Q1; DROP"]) expect(parsePeriodKey(bad), bad).toBeNull();
    expect(periodRange({ kind: "month", year: 2028, n: 2 })).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });
});
