import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EMPTY_TAX_PROFILE, einvoiceRuleOn, normalizeTaxCode, parseTaxProfile, saveTaxProfile, taxProfile } from "../../src/domain/books/tax-profile";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import type { SqliteHandle } from "../../src/db/sqlite";
import { migratedDb } from "../helpers/test-app";

describe("the tax code", () => {
  it("is 10 digits, 12 (the CCCD number) or 10-3 (a dependent location), typed with spaces or dots", () => {
    expect(normalizeTaxCode("0101234567")).toBe("0101234567");
    expect(normalizeTaxCode("001 088 012 345")).toBe("001088012345");
    expect(normalizeTaxCode("0101234567-001")).toBe("0101234567-001");
    expect(normalizeTaxCode("0101234567001")).toBe("0101234567-001");
    expect(normalizeTaxCode("0101.234.567")).toBe("0101234567");
    for (const bad of ["123456789", "12345678901", "1234567890123456", "01012345ab", "0101234567-01", ""]) expect(normalizeTaxCode(bad), bad).toBe(null);
  });
});

describe("the profile form, checked", () => {
  it("keeps what was typed (one line, trimmed), blanks allowed, and the choices", () => {
    const r = parseTaxProfile({ householdName: "  Hộ kinh doanh   Mai Lan ", taxCode: "001 088 012 345", pitMethod: "income", declareAs: "platform", einvoiceRequired: "1" });
    expect(r).toEqual({ ok: true, value: { ...EMPTY_TAX_PROFILE, householdName: "Hộ kinh doanh Mai Lan", taxCode: "001088012345", pitMethod: "income", declareAs: "platform", einvoiceRequired: true } });
    expect(parseTaxProfile({})).toEqual({ ok: true, value: EMPTY_TAX_PROFILE });
  });

  it("names each field that is wrong", () => {
    const r = parseTaxProfile({ householdName: "x".repeat(121), address: "y".repeat(201), taxCode: "12345", pitMethod: "khoán", declareAs: "chợ" });
    expect(!r.ok && r.reason).toEqual([
      { field: "householdName", problem: "too_long" },
      { field: "address", problem: "too_long" },
      { field: "taxCode", problem: "tax_code" },
      { field: "pitMethod", problem: "choice" },
      { field: "declareAs", problem: "choice" },
    ]);
  });

  it("gives the e-invoice threshold from the dated rules, with its source", () => {
    const rule = einvoiceRuleOn("2026-12-02");
    expect(rule.threshold).toBe(1_000_000_000);
    expect(rule.source).toContain("68/2026");
  });
});

describe("the stored profile", () => {
  let db: SqliteHandle;
  beforeEach(async () => {
    db = await migratedDb();
    await seedDemoShopIfEmpty(db.store, new Date("2026-12-02T03:00:00Z"), "Asia/Ho_Chi_Minh");
  });
  afterEach(() => db.close());

  it("reads as the defaults until saved, then as saved, and a second save replaces the first", async () => {
    expect(await taxProfile(db.store, 1)).toEqual({ ...EMPTY_TAX_PROFILE, saved: false, updatedAt: null });
    await saveTaxProfile(db.store, 1, { ...EMPTY_TAX_PROFILE, householdName: "Hộ Mai Lan", taxCode: "0101234567", einvoiceRequired: true }, new Date("2026-12-02T03:00:00Z"));
    expect(await taxProfile(db.store, 1)).toMatchObject({ householdName: "Hộ Mai Lan", taxCode: "0101234567", einvoiceRequired: true, saved: true, updatedAt: "2026-12-02T03:00:00.000Z" });
    await saveTaxProfile(db.store, 1, { ...EMPTY_TAX_PROFILE, representative: "Nguyễn Thị Lan", pitMethod: "income" }, new Date("2026-12-03T03:00:00Z"));
    expect(await taxProfile(db.store, 1)).toMatchObject({ householdName: "", representative: "Nguyễn Thị Lan", pitMethod: "income", einvoiceRequired: false, updatedAt: "2026-12-03T03:00:00.000Z" });
    expect(await db.store.db.selectFrom("shop_tax_profiles").select("shop_id").execute()).toHaveLength(1);
  });
});
