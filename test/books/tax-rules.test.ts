import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTIVITY_GROUPS } from "../../src/domain/books/activity-groups";
import { checkSeries, dueDate, ratesOn, ruleOn, TAX_RULES } from "../../src/domain/books/rules/tax-rules";

const FILE = JSON.parse(readFileSync(new URL("../../src/domain/books/rules/tax-rules.json", import.meta.url), "utf8")) as typeof TAX_RULES;
const entry = (from: string, to: string | null, value: unknown = 1) => ({ effective_from: from, effective_to: to, value, cite: "Nghị định 1, Điều 1", source: "a document, article 1" });

describe("tax-rules.json", () => {
  it("has no overlap and no day without a rule, in any series", () => {
    const problems = Object.entries(FILE.series).flatMap(([key, entries]) => checkSeries(key, entries, FILE.coverage_from));
    expect(problems).toEqual([]);
  });

  it("names a source for every entry, cited in Vietnamese for the seller, and gives every activity group its rates", () => {
    for (const entries of Object.values(FILE.series))
      for (const e of entries) {
        expect(e.source.length).toBeGreaterThan(10);
        // The trails on the seller's pages quote the cite: a Vietnamese document name, never the English note.
        expect(e.cite, e.source).toMatch(/^(Luật|Nghị quyết|Nghị định|Thông tư|Chưa có quy định)/);
        expect(e.cite, e.source).not.toMatch(/\b(Decree|Circular|Law|Art\.)\b/);
      }
    for (const g of ACTIVITY_GROUPS) expect(FILE.series[`rate.${g}`]?.length).toBeGreaterThan(0);
  });

  it("the check finds an overlap, a gap, a late start, an end and a wrong value", () => {
    expect(checkSeries("threshold.x", [entry("2026-01-01", "2026-06-30"), entry("2026-06-30", null)], "2026-01-01")).toEqual(["threshold.x: 2026-01-01 and 2026-06-30 overlap"]);
    expect(checkSeries("threshold.x", [entry("2026-01-01", "2026-06-29"), entry("2026-07-01", null)], "2026-01-01")).toEqual(["threshold.x: no rule from 2026-06-30 to 2026-06-30"]);
    expect(checkSeries("threshold.x", [entry("2026-02-01", null)], "2026-01-01")).toEqual(["threshold.x: no rule from 2026-01-01 to 2026-01-31"]);
    expect(checkSeries("threshold.x", [entry("2026-01-01", "2026-12-31")], "2026-01-01")).toEqual(["threshold.x: no rule after 2026-12-31"]);
    expect(checkSeries("threshold.x", [entry("2026-01-01", null, "much")], "2026-01-01")).toEqual(["threshold.x from 2026-01-01: its value is not a threshold"]);
    expect(checkSeries("threshold.x", [entry("2026-01-01", null), entry("2027-01-01", null)], "2026-01-01")).toEqual(["threshold.x: 2026-01-01 and 2027-01-01 overlap"]);
  });

  it("answers with the entry in force on a date", () => {
    expect(ruleOn("threshold.no_tax", "2026-03-15").value).toBe(1_000_000_000);
    expect(ratesOn("goods", "2026-11-30").value).toEqual({ vat_percent: 1, pit_percent: 0.5 });
    expect(ratesOn("food_service", "2026-11-30").value).toEqual({ vat_percent: 3, pit_percent: 1.5 });
    expect(ruleOn("reduction.vat", "2026-12-31").value.factor).toBe(0.8);
    expect(ruleOn("reduction.vat", "2027-01-01").value.factor).toBe(1);
    expect(ruleOn("form.01/TKN-CNKD", "2026-05-13").value.version).toContain("50/2026");
    expect(ruleOn("form.01/TKN-CNKD", "2026-07-01").value.version).toContain("89/2026");
    expect(() => ruleOn("threshold.no_tax", "2025-12-31")).toThrow(/no "threshold.no_tax" on 2025-12-31/);
  });

  it("computes due dates as the decree words them", () => {
    expect(dueDate("quarter", "2026-03-31").date).toBe("2026-04-30");
    expect(dueDate("quarter", "2026-12-31").date).toBe("2027-01-31");
    expect(dueDate("month", "2026-01-31").date).toBe("2026-02-20");
    expect(dueDate("year_notice", "2026-12-31").date).toBe("2027-01-31");
    expect(dueDate("half_year_notice", "2026-06-30").date).toBe("2026-07-31");
    expect(dueDate("pit_finalization", "2026-12-31").date).toBe("2027-03-31");
  });
});
