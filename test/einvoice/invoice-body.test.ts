import { describe, expect, it } from "vitest";
import { ANONYMOUS_BUYER, invoiceBody, invoiceBuyerName, sepayDateTime, type InvoiceOrder } from "../../src/domain/einvoice/invoice-body";
import { isPaidOrder } from "../../src/domain/einvoice/issue-invoice";
import { referenceFor } from "../../src/domain/einvoice/invoices";
import { INVOICE_SERIES } from "../../src/domain/einvoice/settings";

// The invoice made from an order, with no database or network: plain input, the body or why not.
const settings = { providerAccountId: "acc-1", templateCode: "2", invoiceSeries: "C26TMB" };
const words = { deliveryName: "Phí giao hàng", deliveryUnit: "lần", notes: "Đơn CC7K2M9Q (Chợ Chat)" };
const src = (over: Partial<InvoiceOrder> = {}): InvoiceOrder => ({
  order: { code: "CC7K2M9Q", payment_method: "vietqr", phone: "0912 345 678", delivery_fee: 20_000, total: 2 * 45_000 + 30_000 + 20_000 },
  items: [
    { line_no: 2, code: "B2", name: "Trà đá", options: "[]", qty: 1, unit_price: 30_000, line_total: 30_000 },
    { line_no: 1, code: "A1", name: "Cơm gà", options: '["Lớn","Cay nhiều"]', qty: 2, unit_price: 45_000, line_total: 90_000 },
  ],
  units: new Map([["A1", "suất"]]),
  buyerName: "Lò Thị Mai",
  words,
  ...over,
});

describe("the invoice body", () => {
  it("is a sales invoice of the order's lines in order, the delivery fee last, whole đồng, no VAT rate", () => {
    const r = invoiceBody(src(), settings, "S1-CC7K2M9Q", "2026-12-02 10:00:00");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      template_code: "2",
      invoice_series: "C26TMB",
      issued_date: "2026-12-02 10:00:00",
      currency: "VND",
      provider_account_id: "acc-1",
      reference_code: "S1-CC7K2M9Q",
      payment_method: "CK",
      is_draft: false,
      buyer: { type: "personal", name: "Lò Thị Mai", phone: "0912345678" },
      items: [
        { line_number: 1, line_type: 1, item_code: "A1", item_name: "Cơm gà (Lớn, Cay nhiều)", unit: "suất", quantity: 2, unit_price: 45_000 },
        { line_number: 2, line_type: 1, item_code: "B2", item_name: "Trà đá", quantity: 1, unit_price: 30_000 },
        { line_number: 3, line_type: 1, item_name: "Phí giao hàng", unit: "lần", quantity: 1, unit_price: 20_000 },
      ],
      notes: "Đơn CC7K2M9Q (Chợ Chat)",
      total_amount: 140_000,
    });
  });

  it("cash on delivery is TM; no delivery fee, no delivery line; no phone, none sent", () => {
    const r = invoiceBody(src({ order: { code: "CC7K2M9Q", payment_method: "cod", phone: null, delivery_fee: 0, total: 120_000 } }), settings, "R", "2026-12-02 10:00:00");
    expect(r.ok && r.value.payment_method).toBe("TM");
    expect(r.ok && r.value.items.length).toBe(2);
    expect(r.ok && r.value.buyer).toEqual({ type: "personal", name: "Lò Thị Mai" });
  });

  it("refuses an order whose total is not its lines and fee, or that has no lines", () => {
    expect(invoiceBody(src({ order: { ...src().order, total: 139_999 } }), settings, "R", "x")).toEqual({ ok: false, reason: "total_mismatch" });
    expect(invoiceBody(src({ items: [] }), settings, "R", "x")).toEqual({ ok: false, reason: "no_lines" });
  });

  it("names an anonymous buyer 'Bán cho người tiêu dùng' (empty, spaces, or only the phone number)", () => {
    expect(invoiceBuyerName("", "0912345678")).toBe(ANONYMOUS_BUYER);
    expect(invoiceBuyerName("   ", null)).toBe(ANONYMOUS_BUYER);
    expect(invoiceBuyerName("0912345678", "0912 345 678")).toBe(ANONYMOUS_BUYER);
    expect(invoiceBuyerName(" Nguyễn Văn A ", "0912345678")).toBe("Nguyễn Văn A");
    expect(invoiceBuyerName("Nguye\u0302\u0303n", null)).toBe("Nguyễn");
  });

  it("dates it in the shop's time zone, to the second", () => {
    expect(sepayDateTime(new Date("2026-12-01T17:05:09Z"), "Asia/Ho_Chi_Minh")).toBe("2026-12-02 00:05:09");
    expect(sepayDateTime(new Date("2026-12-01T17:05:09Z"), "UTC")).toBe("2026-12-01 17:05:09");
  });

  it("references are stable per shop, order and attempt", () => {
    expect(referenceFor(1, "CC7K2M9Q", 1)).toBe("S1-CC7K2M9Q");
    expect(referenceFor(1, "CC7K2M9Q", 2)).toBe("S1-CC7K2M9Q-2");
    expect(referenceFor(12, "CC7K2M9Q", 1)).not.toBe(referenceFor(1, "CC7K2M9Q", 1));
  });

  it("only paid orders (or delivered COD) are invoiced, never cancelled ones", () => {
    expect(isPaidOrder({ status: "confirmed", payment_status: "paid", payment_method: "vietqr" })).toBe(true);
    expect(isPaidOrder({ status: "preparing", payment_status: "overpaid", payment_method: "vietqr" })).toBe(true);
    expect(isPaidOrder({ status: "delivered", payment_status: "cod", payment_method: "cod" })).toBe(true);
    expect(isPaidOrder({ status: "out_for_delivery", payment_status: "cod", payment_method: "cod" })).toBe(false);
    expect(isPaidOrder({ status: "pending_payment", payment_status: "partial", payment_method: "vietqr" })).toBe(false);
    expect(isPaidOrder({ status: "cancelled", payment_status: "paid", payment_method: "vietqr" })).toBe(false);
  });

  it("the series shape of TT 91 Annex I", () => {
    for (const ok of ["C26TMB", "K26MAB", "C26L01", "C27XYZ"]) expect(INVOICE_SERIES.test(ok), ok).toBe(true);
    for (const bad of ["c26tmb", "A26TMB", "C2TMB1", "C26ZAB", "C26TMBB", "C26TM"]) expect(INVOICE_SERIES.test(bad), bad).toBe(false);
  });
});
