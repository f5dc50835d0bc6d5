import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBook } from "../../src/domain/books/build-book";
import { quarterParts, taxOnRevenue } from "../../src/domain/books/tax-on-revenue";
import type { Shop } from "../../src/db/schema";
import { seedMonthOfOrders, YEAR_ABOVE_THRESHOLD } from "../../src/domain/shops/demo-orders";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";
import { GROUPS, recomputeRevenue, type Group } from "./recompute";

// VAT and PIT on revenue for a year that passes 1 tỷ in its third quarter (BOOKS.md §1.2–1.3),
// recomputed in the test from the orders with the rates written out here: no tax before the quarter
// the threshold is crossed; from it, VAT on the whole quarter and PIT on what the 1 tỷ deduction left,
// set against the group with the highest PIT % first; after it, PIT on all revenue.

const RATES: Record<string, { vat: number; pit: number }> = { goods: { vat: 1, pit: 0.5 }, food_service: { vat: 3, pit: 1.5 }, production: { vat: 3, pit: 1.5 } };
const GROUP_OF = { A1: "food_service", A2: "food_service", A3: "food_service", A4: "food_service", A8: "food_service", A5: "goods", A6: "goods", A7: "production" } as const;
let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await makeTestApp({ now: new Date("2026-12-02T03:00:00Z") });
  await seedMonthOfOrders(t.sqlite.store, { ...YEAR_ABOVE_THRESHOLD, groups: GROUP_OF });
  shop = await t.sqlite.store.db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
}, 300_000);
afterAll(async () => t.close());

/** The expected tax of a period inside one quarter, from the test's own figures. */
async function expected(from: string, to: string, opts: { cut?: number } = {}) {
  const year = await recomputeRevenue(t.sqlite.store, shop.id, "2026-01-01", quarterEndOf(to));
  const before = (await recomputeRevenue(t.sqlite.store, shop.id, "2026-01-01", dayBefore(from))).revenue;
  const period = await recomputeRevenue(t.sqlite.store, shop.id, from, to);
  const taxable = year.revenue > 1_000_000_000;
  let left = Math.max(0, 1_000_000_000 - before);
  const order = GROUPS.filter((g) => period.byGroup[g] !== 0).sort((a, b) => RATES[b]!.pit - RATES[a]!.pit);
  const out: Partial<Record<Group, { vat: number; pit: number; deduction: number }>> = {};
  for (const g of order) {
    const revenue = period.byGroup[g];
    const deduction = Math.min(left, revenue);
    left -= deduction;
    out[g] = taxable ? { vat: Math.round((revenue * RATES[g]!.vat * (opts.cut ?? 1)) / 100), pit: Math.round(((revenue - deduction) * RATES[g]!.pit) / 100), deduction } : { vat: 0, pit: 0, deduction };
  }
  return { taxable, groups: out, before, period };
}

function quarterEndOf(date: string): string {
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  return ["03-31", "06-30", "09-30", "12-31"].map((d) => `${date.slice(0, 4)}-${d}`)[q]!;
}
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

describe("tax on revenue over a year that passes 1 tỷ", () => {
  it("the data: the first half is under 1 tỷ, the year to September above", async () => {
    expect((await recomputeRevenue(t.sqlite.store, shop.id, "2026-01-01", "2026-06-30")).revenue).toBeLessThan(1_000_000_000);
    expect((await recomputeRevenue(t.sqlite.store, shop.id, "2026-01-01", "2026-09-30")).revenue).toBeGreaterThan(1_000_000_000);
  });

  it("the first two quarters: no VAT, no PIT", async () => {
    for (const [from, to] of [["2026-01-01", "2026-03-31"], ["2026-04-01", "2026-06-30"]] as const) {
      const tax = await taxOnRevenue(t.sqlite.store, shop, { from, to });
      expect(tax.taxable).toBe(false);
      expect([tax.vat.amount, tax.pit.amount]).toEqual([0, 0]);
      expect(tax.groups[0]!.vat.how).toContain("không quá ngưỡng 1.000.000.000");
    }
  });

  it("the quarter it is crossed: VAT on all of it, PIT on what the deduction left, highest PIT % first; the earlier quarters' VAT flagged [?]", async () => {
    const tax = await taxOnRevenue(t.sqlite.store, shop, { from: "2026-07-01", to: "2026-09-30" });
    const mine = await expected("2026-07-01", "2026-09-30");
    expect(tax.taxable).toBe(true);
    expect(mine.before).toBeGreaterThan(0);
    for (const g of tax.groups) {
      expect(g.revenue.amount, g.group).toBe(mine.period.byGroup[g.group]);
      expect({ vat: g.vat.amount, pit: g.pit.amount, deduction: g.deduction.amount }, g.group).toEqual(mine.groups[g.group]);
    }
    // The deduction left at 1 July went to the 1.5 % groups before goods' 0.5 %.
    const left = 1_000_000_000 - mine.before;
    expect(tax.groups.reduce((s, g) => s + g.deduction.amount, 0)).toBe(Math.min(left, tax.revenue.amount));
    expect(tax.quarters[0]).toMatchObject({ quarter: 3, taxable: true, yearRevenueBefore: mine.before, deductionLeft: left });
    expect(tax.uncertain.some((u) => u.startsWith("[?]") && u.includes("quý 3/2026"))).toBe(true);
    expect(tax.vat.amount).toBe(tax.groups.reduce((s, g) => s + g.vat.amount, 0));
    const goods = tax.groups.find((g) => g.group === "goods")!;
    expect(goods.vat.how).toContain("× 1 %");
    expect(goods.pit.how).toContain("Luật Thuế GTGT 48/2024/QH15");
  });

  it("a month of that quarter is taxable too (the quarter decides), and the API's S2a says the same", async () => {
    const tax = await taxOnRevenue(t.sqlite.store, shop, { from: "2026-07-01", to: "2026-07-31" });
    const mine = await expected("2026-07-01", "2026-07-31");
    expect(tax.taxable).toBe(true);
    for (const g of tax.groups) expect({ vat: g.vat.amount, pit: g.pit.amount, deduction: g.deduction.amount }).toEqual(mine.groups[g.group]);
    const res = await t.app.request("/api/shops/demo/books/S2a?from=2026-07-01&to=2026-09-30", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const book = (await res.json()) as { totals: Record<string, number> };
    const q3 = await expected("2026-07-01", "2026-09-30");
    expect(book.totals.vat).toBe(Object.values(q3.groups).reduce((s, g) => s + g.vat, 0));
    expect(book.totals.pit).toBe(Object.values(q3.groups).reduce((s, g) => s + g.pit, 0));
  });

  it("after the quarter of crossing the deduction is spent: PIT on all revenue", async () => {
    const tax = await taxOnRevenue(t.sqlite.store, shop, { from: "2026-10-01", to: "2026-11-30" });
    const mine = await expected("2026-10-01", "2026-11-30");
    for (const g of tax.groups) {
      expect(g.deduction.amount).toBe(0);
      expect({ vat: g.vat.amount, pit: g.pit.amount }).toEqual({ vat: mine.groups[g.group]!.vat, pit: Math.round((g.revenue.amount * RATES[g.group]!.pit) / 100) });
    }
  });

  it("the 20 % VAT cut of 2026 only for a shop that issues e-invoices", async () => {
    await t.sqlite.store.db.insertInto("shop_tax_profiles").values({ shop_id: shop.id, einvoice_required: 1, updated_at: "x" }).execute();
    const tax = await taxOnRevenue(t.sqlite.store, shop, { from: "2026-10-01", to: "2026-11-30" });
    const mine = await expected("2026-10-01", "2026-11-30", { cut: 0.8 });
    for (const g of tax.groups) expect(g.vat.amount, g.group).toBe(mine.groups[g.group]!.vat);
    expect(tax.groups.find((g) => g.group === "goods")!.vatPercent).toBe(0.8);
    expect(tax.uncertain.some((u) => u.includes("Không áp dụng giảm"))).toBe(false);
    await t.sqlite.store.db.deleteFrom("shop_tax_profiles").execute();
    expect((await taxOnRevenue(t.sqlite.store, shop, { from: "2026-10-01", to: "2026-11-30" })).uncertain.some((u) => u.includes("Không áp dụng giảm"))).toBe(true);
  });

  it("which books the band needs: S2a on revenue, S2e when PIT is on income", async () => {
    const q3 = { from: "2026-07-01", to: "2026-09-30" };
    const q1 = { from: "2026-01-01", to: "2026-03-31" };
    expect((await buildBook(t.sqlite.store, shop, "S1a", q1)).required).toBe(true);
    expect((await buildBook(t.sqlite.store, shop, "S2a", q1)).required).toBe(false);
    expect((await buildBook(t.sqlite.store, shop, "S2a", q3)).required).toBe(true);
    expect((await buildBook(t.sqlite.store, shop, "S2e", q3)).required).toBe(false);
    await t.sqlite.store.db.insertInto("shop_tax_profiles").values({ shop_id: shop.id, pit_method: "income", updated_at: "x" }).execute();
    expect((await buildBook(t.sqlite.store, shop, "S2a", q3)).required).toBe(false);
    expect((await buildBook(t.sqlite.store, shop, "S2e", q3)).required).toBe(true);
    await t.sqlite.store.db.deleteFrom("shop_tax_profiles").execute();
  });

  it("a year's S1a is a big XLSX (parts over 160 kB, compressed off the main thread on Node) and reads back", async () => {
    const res = await t.app.request("/api/shops/demo/books/S1a?from=2026-01-01&to=2026-11-30&format=xlsx", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.headers.get("x-book-format")).toBeNull();
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="S1a-HKD_demo_2026-01-01_2026-11-30.xlsx"');
    const [sheet] = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    const year = await recomputeRevenue(t.sqlite.store, shop.id, "2026-01-01", "2026-11-30");
    expect(sheet!.data.filter((r) => typeof r[0] === "string" && /^\d\d\/\d\d\/2026$/.test(r[0])).length).toBeGreaterThan(1000);
    expect(sheet!.data.find((r) => r[1] === "Tổng cộng")?.[2]).toBe(year.revenue);
  });

  it("a period across the year's end is cut into its quarters, each year with its own deduction", async () => {
    expect(quarterParts({ from: "2026-12-15", to: "2027-02-10" })).toEqual([
      { year: 2026, quarter: 4, from: "2026-12-15", to: "2026-12-31" },
      { year: 2027, quarter: 1, from: "2027-01-01", to: "2027-02-10" },
    ]);
    const tax = await taxOnRevenue(t.sqlite.store, shop, { from: "2026-11-15", to: "2027-01-15" });
    expect(tax.quarters.map((q) => [q.year, q.taxable, q.deductionLeft])).toEqual([
      [2026, true, 0],
      [2027, false, 1_000_000_000],
    ]);
  });
});
