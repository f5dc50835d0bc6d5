// The invoice SePay is asked for, made from an order (pure: no database, no network). A sales
// invoice (mẫu số 2) carries no VAT rate; the buyer is a person, named as the order knows them or,
// anonymous, "Bán cho người tiêu dùng" (never blank, ND 254/TT 91 via ../shared/BOOKS.md §4); each
// order line and the delivery fee is a line; the total is whole đồng and is the order's.
import type { Order, OrderItem } from "../../db/schema";
import { fail, ok, type Result } from "../../result";
import { lineOptions } from "../orders/line-text";
import type { CreateInvoiceBody, EinvoiceItem } from "./sepay-einvoice-types";
import type { EinvoiceSettings } from "./settings";

/** What an anonymous buyer is called on an invoice. */
export const ANONYMOUS_BUYER = "Bán cho người tiêu dùng";

export interface InvoiceOrder {
  order: Pick<Order, "code" | "payment_method" | "phone" | "delivery_fee" | "total">;
  items: readonly Pick<OrderItem, "line_no" | "code" | "name" | "options" | "qty" | "unit_price" | "line_total">[];
  /** Each product's unit ("suất", "kg"), by order line code. */
  units: ReadonlyMap<string, string>;
  /** As the buyers row has it ("" for a web chat visitor, the phone for a typed-in one). */
  buyerName: string;
  /** The invoice's own words (always Vietnamese): the delivery line, its unit, the internal note. */
  words: { deliveryName: string; deliveryUnit: string; notes: string };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `at` in the shop's time zone as SePay takes it: "YYYY-MM-DD HH:mm:ss". */
export function sepayDateTime(at: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** A real name, or the anonymous buyer's words (a name that is only the phone number is none). */
export function invoiceBuyerName(name: string, phone: string | null): string {
  const n = name.normalize("NFC").trim();
  if (!n || (phone && n.replace(/\D/g, "") === phone.replace(/\D/g, ""))) return ANONYMOUS_BUYER;
  return n.slice(0, 200);
}

export type BodyProblem = "no_lines" | "total_mismatch";

/** The create body for `reference`, issued at `issuedDate` (shop-local, now), or why it cannot be made. */
export function invoiceBody(src: InvoiceOrder, settings: Pick<EinvoiceSettings, "providerAccountId" | "templateCode" | "invoiceSeries">, reference: string, issuedDate: string): Result<CreateInvoiceBody, BodyProblem> {
  const items: EinvoiceItem[] = [...src.items]
    .sort((a, b) => a.line_no - b.line_no)
    .map((i, n) => {
      const options = lineOptions(i.options);
      const unit = src.units.get(i.code);
      return {
        line_number: n + 1,
        line_type: 1,
        item_code: i.code,
        item_name: `${i.name}${options.length ? ` (${options.join(", ")})` : ""}`.slice(0, 500),
        ...(unit ? { unit } : {}),
        quantity: i.qty,
        unit_price: i.unit_price,
      };
    });
  if (items.length === 0) return fail("no_lines");
  if (src.order.delivery_fee > 0) {
    items.push({ line_number: items.length + 1, line_type: 1, item_name: src.words.deliveryName, unit: src.words.deliveryUnit, quantity: 1, unit_price: src.order.delivery_fee });
  }
  const total = items.reduce((sum, i) => sum + (i.quantity ?? 0) * (i.unit_price ?? 0), 0);
  // The order's total is its lines and its delivery fee: anything else (a price edited by hand) is
  // not sent, since SePay would print the total sent without checking it.
  if (!Number.isSafeInteger(total) || total !== src.order.total) return fail("total_mismatch");
  const phone = src.order.phone?.replace(/[^\d+]/g, "") ?? "";
  return ok({
    template_code: settings.templateCode,
    invoice_series: settings.invoiceSeries,
    issued_date: issuedDate,
    currency: "VND",
    provider_account_id: settings.providerAccountId,
    reference_code: reference,
    payment_method: src.order.payment_method === "vietqr" ? "CK" : "TM",
    is_draft: false,
    buyer: { type: "personal", name: invoiceBuyerName(src.buyerName, src.order.phone), ...(phone ? { phone } : {}) },
    items,
    notes: src.words.notes,
    total_amount: total,
  });
}
