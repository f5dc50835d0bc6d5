// Goods a buyer returned after delivery (hàng bán bị trả lại, order_returns in migrations/0027):
// revenue-lines.ts books each as a negative line on the day it was accepted, and the cash book as an
// outflow when money went back. Only a delivered order can have one, on or after its delivery day,
// and all its returns together are at most its total: the insert itself checks that (one conditional
// statement, no transaction: D1 has none), so two returns typed at once cannot pass it together.
import { sql } from "kysely";
import type { Order, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";
import { localTime } from "../../platform/shop-time";
import { parseVndAmount } from "../money";
import { findOrderByCode } from "../orders/queries";
import { checkBookDate, formText, markDeleted, type BookAccount, type BookDateProblem } from "./manual-entries";
import type { BookPeriod } from "./revenue-lines";

export const RETURN_REASON_MAX = 160;

export interface ReturnInput {
  code: string;
  acceptedDate: string;
  /** Null: all that is left of the order. */
  amount: number | null;
  reason: string;
  /** Where the money went back from; null: none went back (a swap, a credit). */
  refund: BookAccount | null;
}

export type ReturnFormProblem =
  | { field: "code"; problem: "empty" }
  | { field: "acceptedDate"; problem: BookDateProblem }
  | { field: "amount"; problem: "invalid" | "too_large" | "zero" }
  | { field: "reason"; problem: "too_long" }
  | { field: "refund"; problem: "choice" };

/** Why a return cannot be booked on an order. */
export type ReturnRefusal = "unknown_code" | "not_delivered" | "nothing_left" | "above_left" | "before_delivery";

/** A delivered order as far as returns go: what it was, what came back already, what still may. */
export interface Returnable {
  order: Order;
  deliveredDate: string;
  returned: number;
  left: number;
}

export interface OrderReturn {
  id: number;
  code: string;
  acceptedDate: string;
  amount: number;
  reason: string;
  refund: BookAccount | null;
  createdBy: string;
}

/** "#cc7k 2m9q", "7K2M9Q" → "CC7K2M9Q": what a seller copies from a chat or reads off a slip. */
export function normalizeOrderCode(text: string): string {
  const s = text.toUpperCase().replace(/[\s#]/g, "");
  return /^[A-Z2-9]{6}$/.test(s) ? `CC${s}` : s.slice(0, 12);
}

/** The return form checked: the order's code, the day accepted (today if blank), the amount (blank: the rest), the reason, where money went back from. */
export function parseReturnForm(form: Record<string, unknown>, today: string): Result<ReturnInput, ReturnFormProblem[]> {
  const problems: ReturnFormProblem[] = [];
  const code = normalizeOrderCode(formText(form.code));
  if (!code) problems.push({ field: "code", problem: "empty" });
  const dateText = formText(form.acceptedDate);
  const date = checkBookDate(dateText || today, today);
  if (!date.ok) problems.push({ field: "acceptedDate", problem: date.reason });
  const amountText = formText(form.amount);
  let amount: number | null = null;
  if (amountText) {
    const parsed = parseVndAmount(amountText);
    if (!parsed.ok) problems.push({ field: "amount", problem: parsed.reason === "too_large" ? "too_large" : "invalid" });
    else if (parsed.value <= 0) problems.push({ field: "amount", problem: "zero" });
    else amount = parsed.value;
  }
  const reason = formText(form.reason);
  if (reason.length > RETURN_REASON_MAX) problems.push({ field: "reason", problem: "too_long" });
  const refundText = form.refund ?? "none";
  const refund = refundText === "cash" || refundText === "bank" ? refundText : null;
  if (refund === null && refundText !== "none" && refundText !== "") problems.push({ field: "refund", problem: "choice" });
  if (problems.length || !date.ok) return fail(problems);
  return ok({ code, acceptedDate: date.value, amount, reason, refund });
}

/** The order behind a code, if goods from it can still be returned. */
export async function returnableOrder(store: Store, shop: Pick<Shop, "id" | "time_zone">, code: string): Promise<Result<Returnable, ReturnRefusal>> {
  const order = await findOrderByCode(store, shop.id, normalizeOrderCode(code));
  if (!order) return fail("unknown_code");
  if (order.status !== "delivered" || !order.delivered_at) return fail("not_delivered");
  const returned = await returnedOf(store, order.id);
  const left = Number(order.total) - returned;
  if (left <= 0) return fail("nothing_left");
  return ok({ order, deliveredDate: localTime(new Date(order.delivered_at), shop.time_zone).date, returned, left });
}

async function returnedOf(store: Store, orderId: number): Promise<number> {
  const row = await store.db
    .selectFrom("order_returns")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount"), eb.lit(0)).as("returned"))
    .where("order_id", "=", orderId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return Number(row?.returned ?? 0);
}

/** Books a return: refused for an unknown or undelivered order, a day before its delivery, or more than is left of it. */
export async function recordReturn(store: Store, shop: Pick<Shop, "id" | "time_zone">, input: ReturnInput, by: string, now: Date): Promise<Result<{ id: number; code: string; amount: number; left: number }, ReturnRefusal>> {
  const found = await returnableOrder(store, shop, input.code);
  if (!found.ok) return found;
  const { order, deliveredDate, left } = found.value;
  if (input.acceptedDate < deliveredDate) return fail("before_delivery");
  const amount = input.amount ?? left;
  if (amount > left) return fail("above_left");
  // The check again inside the insert: a return booked meanwhile (another tab, another owner) counts.
  const inserted = await sql<{ id: number }>`
    INSERT INTO order_returns (shop_id, order_id, accepted_date, amount, reason, refund_account, created_by, created_at)
    SELECT o.shop_id, o.id, ${input.acceptedDate}, ${amount}, ${input.reason}, ${input.refund}, ${by}, ${now.toISOString()} FROM orders o
     WHERE o.id = ${order.id} AND o.shop_id = ${shop.id} AND o.status = 'delivered'
       AND o.total - (SELECT COALESCE(SUM(r.amount), 0) FROM order_returns r WHERE r.order_id = o.id AND r.deleted_at IS NULL) >= ${amount}
    RETURNING id`.execute(store.db);
  const row = inserted.rows[0];
  if (!row) return fail("above_left");
  return ok({ id: Number(row.id), code: order.code, amount, left: left - amount });
}

/** The period's returns (by the day accepted), with their orders' codes. */
export async function returnsOf(store: Store, shopId: number, period: BookPeriod): Promise<OrderReturn[]> {
  const rows = await store.db
    .selectFrom("order_returns as r")
    .innerJoin("orders as o", "o.id", "r.order_id")
    .select(["r.id", "o.code", "r.accepted_date", "r.amount", "r.reason", "r.refund_account", "r.created_by"])
    .where("r.shop_id", "=", shopId)
    .where("r.deleted_at", "is", null)
    .where("r.accepted_date", ">=", period.from)
    .where("r.accepted_date", "<=", period.to)
    .orderBy("r.accepted_date")
    .orderBy("r.id")
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, acceptedDate: r.accepted_date, amount: Number(r.amount), reason: r.reason, refund: r.refund_account, createdBy: r.created_by }));
}

/** Takes back a return of this shop booked by mistake (only marked); false when there is none, or it was taken back already. */
export function deleteReturn(store: Store, shopId: number, id: number, now: Date): Promise<boolean> {
  return markDeleted(store, "order_returns", shopId, id, now);
}
