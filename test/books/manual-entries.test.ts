import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addManualEntry, checkBookDate, deleteManualEntry, manualEntriesOf, parseManualEntry } from "../../src/domain/books/manual-entries";
import { revenueLines } from "../../src/domain/books/revenue-lines";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import type { SqliteHandle } from "../../src/db/sqlite";
import { migratedDb } from "../helpers/test-app";

const TODAY = "2026-12-02";
const form = (over: Record<string, string> = {}) => ({ date: "2026-12-01", kind: "sale", account: "cash", group: "goods", description: "Bán ở chợ phiên", ref: "", amount: "150.000", ...over });

describe("a row added by hand, checked", () => {
  it("reads amounts the way sellers type them", () => {
    for (const [typed, value] of [["150000", 150_000], ["150.000", 150_000], ["150,000", 150_000], ["150k", 150_000], ["1,5tr", 1_500_000], ["1.250.000 đ", 1_250_000], ["2 triệu", 2_000_000]] as const) {
      const r = parseManualEntry(form({ amount: typed }), TODAY);
      expect(r.ok && r.value.amount, typed).toBe(value);
    }
  });

  it("says what is wrong with each field, all at once", () => {
    const r = parseManualEntry({ date: "2026-02-30", kind: "gift", account: "wallet", amount: "một ít", description: "x".repeat(161), ref: "r".repeat(41) }, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toEqual([
      { field: "date", problem: "date" },
      { field: "kind", problem: "choice" },
      { field: "account", problem: "choice" },
      { field: "description", problem: "too_long" },
      { field: "ref", problem: "too_long" },
      { field: "amount", problem: "invalid" },
    ]);
    const zero = parseManualEntry(form({ amount: "0" }), TODAY);
    expect(!zero.ok && zero.reason).toEqual([{ field: "amount", problem: "zero" }]);
    const empty = parseManualEntry(form({ amount: "  " }), TODAY);
    expect(!empty.ok && empty.reason).toEqual([{ field: "amount", problem: "empty" }]);
    const huge = parseManualEntry(form({ amount: "5 tỷ" }), TODAY);
    expect(!huge.ok && huge.reason).toEqual([{ field: "amount", problem: "too_large" }]);
    const badGroup = parseManualEntry(form({ group: "smuggling" }), TODAY);
    expect(!badGroup.ok && badGroup.reason).toEqual([{ field: "group", problem: "choice" }]);
  });

  it("lets only a sale be in no account (sold, not yet paid); money in or out needs cash or bank", () => {
    const sale = parseManualEntry(form({ account: "none" }), TODAY);
    expect(sale.ok && sale.value.account).toBe(null);
    const expense = parseManualEntry(form({ kind: "expense", account: "none" }), TODAY);
    expect(!expense.ok && expense.reason).toEqual([{ field: "account", problem: "needed" }]);
    const opening = parseManualEntry(form({ kind: "opening", account: "bank", group: "nonsense" }), TODAY);
    // A group is a sale's only: on other kinds it is not read.
    expect(opening.ok && opening.value).toMatchObject({ kind: "opening", account: "bank", group: null });
  });

  it("takes a real day, not before the rules begin and not after today", () => {
    expect(checkBookDate("2026-12-02", TODAY)).toEqual({ ok: true, value: "2026-12-02" });
    expect(checkBookDate("2026-12-03", TODAY)).toEqual({ ok: false, reason: "date_future" });
    expect(checkBookDate("2025-12-31", TODAY)).toEqual({ ok: false, reason: "date_before_rules" });
    expect(checkBookDate("2026-13-01", TODAY)).toEqual({ ok: false, reason: "date" });
    expect(checkBookDate("02/12/2026", TODAY)).toEqual({ ok: false, reason: "date" });
    expect(checkBookDate(undefined, TODAY)).toEqual({ ok: false, reason: "date" });
  });
});

describe("rows added by hand, stored", () => {
  let db: SqliteHandle;
  beforeEach(async () => {
    db = await migratedDb();
    await seedDemoShopIfEmpty(db.store, new Date("2026-12-02T03:00:00Z"), "Asia/Ho_Chi_Minh");
  });
  afterEach(() => db.close());
  const now = new Date("2026-12-02T03:00:00Z");
  const period = { from: "2026-12-01", to: "2026-12-31" };

  it("are listed for their period, count as revenue when a sale, and once deleted are gone from both but kept in the table", async () => {
    const parsed = parseManualEntry(form({ description: "" }), TODAY);
    if (!parsed.ok) throw new Error("form");
    const saleId = await addManualEntry(db.store, 1, parsed.value, "Bán hàng ngoài Chợ Chat", "Chủ shop", now);
    const expense = parseManualEntry(form({ kind: "expense", account: "bank", amount: "80k", description: "Mua bao bì" }), TODAY);
    if (!expense.ok) throw new Error("form");
    await addManualEntry(db.store, 1, expense.value, "Chi phí", "Chủ shop", now);
    const listed = await manualEntriesOf(db.store, 1, period);
    expect(listed.map((e) => [e.kind, e.description, e.amount, e.account, e.group])).toEqual([
      ["sale", "Bán hàng ngoài Chợ Chat", 150_000, "cash", "goods"],
      ["expense", "Mua bao bì", 80_000, "bank", null],
    ]);
    expect(await manualEntriesOf(db.store, 1, { from: "2026-11-01", to: "2026-11-30" })).toEqual([]);
    const shop = { id: 1, time_zone: "Asia/Ho_Chi_Minh" };
    expect((await revenueLines(db.store, shop, period)).map((l) => [l.kind, l.amount, l.manual])).toEqual([["manual_sale", 150_000, true]]);

    // Another shop cannot delete it; deleting twice says no the second time.
    expect(await deleteManualEntry(db.store, 2, saleId, now)).toBe(false);
    expect(await deleteManualEntry(db.store, 1, saleId, now)).toBe(true);
    expect(await deleteManualEntry(db.store, 1, saleId, now)).toBe(false);
    expect((await manualEntriesOf(db.store, 1, period)).map((e) => e.kind)).toEqual(["expense"]);
    expect(await revenueLines(db.store, shop, period)).toEqual([]);
    const kept = await db.store.db.selectFrom("book_entries").select(["id", "deleted_at"]).where("id", "=", saleId).executeTakeFirstOrThrow();
    expect(kept.deleted_at).toBe(now.toISOString());
  });
});
