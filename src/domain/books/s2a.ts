// S2a-HKD (Circular 152/2025, BOOKS.md §2): the revenue book of a household paying VAT and PIT on a %
// of revenue. Per activity group: "1. Ngành nghề: …", its lines (A Số hiệu: the e-invoice number when
// the order has one issued, else the order code; B Ngày, tháng; C Diễn giải; 1 Số tiền), Tổng cộng (1),
// Thuế GTGT, Thuế TNCN; at the end Tổng số thuế GTGT / TNCN phải nộp. The tax is tax-on-revenue.ts's.
import type { Store } from "../../db/store";
import type { BookRow, BookSection } from "./book";
import { revenueRow } from "./s1a";
import { percentText, type TaxOnRevenue } from "./tax-on-revenue";

/** S2a's sections (one per group with revenue, then the tax totals) and its totals by key. */
export async function s2aSections(store: Store, tax: TaxOnRevenue): Promise<{ sections: BookSection[]; totals: Record<string, number> }> {
  const invoices = await issuedInvoiceNumbers(store, [...new Set(tax.lines.flatMap((l) => (l.orderId === null ? [] : [l.orderId])))]);
  const totals: Record<string, number> = { total: tax.revenue.amount, vat: tax.vat.amount, pit: tax.pit.amount };
  const sections: BookSection[] = tax.groups.map((g, i) => {
    const rows: BookRow[] = tax.lines.flatMap((line) => {
      const amount = line.byGroup[g.group];
      if (amount === undefined) return [];
      const invoice = line.orderId !== null ? invoices.get(line.orderId) : undefined;
      const row = revenueRow(line);
      return [{ ...row, ...(invoice ? { ref: invoice } : {}), amount, group: g.group }];
    });
    totals[`revenue.${g.group}`] = g.revenue.amount;
    totals[`vat.${g.group}`] = g.vat.amount;
    totals[`pit.${g.group}`] = g.pit.amount;
    return {
      key: g.group,
      title: `${i + 1}. Ngành nghề: ${g.name}`,
      rows,
      summary: [
        { key: "revenue", label: "Tổng cộng (1)", amount: g.revenue.amount, how: g.revenue.how },
        { key: "vat", label: `Thuế GTGT (${percentText(g.vatPercent)} %)`, amount: g.vat.amount, how: g.vat.how },
        { key: "pit", label: `Thuế TNCN (${percentText(g.pitPercent)} %)`, amount: g.pit.amount, how: g.pit.how },
      ],
    };
  });
  sections.push({
    key: "tax",
    title: "Tổng số thuế phải nộp",
    rows: [],
    summary: [
      { key: "vat", label: "Tổng số thuế GTGT phải nộp", amount: tax.vat.amount, how: tax.vat.how },
      { key: "pit", label: "Tổng số thuế TNCN phải nộp", amount: tax.pit.amount, how: tax.pit.how },
    ],
  });
  return { sections, totals };
}

/** The number of each order's issued e-invoice (an order has at most one live invoice). */
async function issuedInvoiceNumbers(store: Store, orderIds: readonly number[]): Promise<Map<number, string>> {
  const map = new Map<number, string>();
  // Chunks keep each statement under SQLite's (and D1's) bound-parameter limit.
  for (let i = 0; i < orderIds.length; i += 90) {
    const rows = await store.db
      .selectFrom("invoices")
      .select(["order_id", "invoice_number"])
      .where("order_id", "in", orderIds.slice(i, i + 90))
      .where("status", "=", "issued")
      .where("invoice_number", "is not", null)
      .execute();
    for (const r of rows) if (r.invoice_number) map.set(r.order_id, r.invoice_number);
  }
  return map;
}
