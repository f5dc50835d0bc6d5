// The invoices table (migrations/0027): one row per invoice asked of SePay for an order. At most
// one is not failed per order (a unique index), so a double tap or a retry finds the same one; each
// write is one conditional statement (or a batch with the buyer's message), as D1 needs.
import { sql } from "kysely";
import type { Selectable } from "kysely";
import type { InvoicesTable } from "../../db/schema";
import type { Store } from "../../db/store";
import { enqueueIfChangedQuery } from "../outbox/enqueue";
import type { OutboundMessage } from "../outbox/types";

export type InvoiceRow = Selectable<InvoicesTable>;

/** The prefix of a tracking code that follows an issue job (a draft being issued), not a create job. */
export const ISSUE_TRACKING = "issue:";

/** The reference SePay knows an order's invoice by: stable per order and attempt (a retry after a failure is a new one). */
export const referenceFor = (shopId: number, orderCode: string, attempt: number) => `S${shopId}-${orderCode}${attempt > 1 ? `-${attempt}` : ""}`;

/** The order's invoice that is not failed, if any. */
export async function liveInvoiceOf(store: Store, orderId: number): Promise<InvoiceRow | undefined> {
  return store.db.selectFrom("invoices").selectAll().where("order_id", "=", orderId).where("status", "<>", "failed").executeTakeFirst();
}

/** How many of the order's invoices failed (the next attempt's number is one more). */
export async function failedInvoices(store: Store, orderId: number): Promise<number> {
  const row = await store.db.selectFrom("invoices").select((eb) => eb.fn.countAll<number>().as("n")).where("order_id", "=", orderId).where("status", "=", "failed").executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Each order's invoice to show on its card: the live one, else the latest failed one. */
export async function invoicesOfOrders(store: Store, orderIds: readonly number[]): Promise<Map<number, InvoiceRow>> {
  const out = new Map<number, InvoiceRow>();
  if (orderIds.length === 0) return out;
  const rows = await store.db.selectFrom("invoices").selectAll().where("order_id", "in", [...orderIds]).orderBy("id").execute();
  for (const r of rows) {
    const kept = out.get(r.order_id);
    if (!kept || kept.status === "failed") out.set(r.order_id, r);
  }
  return out;
}

/**
 * Claims the order's invoice under `reference`: the new row, or undefined when another request
 * holds one already (the unique reference, or the one-live-per-order index, said no).
 */
export async function claimInvoice(store: Store, v: { shopId: number; orderId: number; reference: string; createdBy: string; now: Date }): Promise<InvoiceRow | undefined> {
  const at = v.now.toISOString();
  return store.db
    .insertInto("invoices")
    .values({ shop_id: v.shopId, order_id: v.orderId, reference_code: v.reference, status: "pending", created_by: v.createdBy, created_at: at, updated_at: at })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Records the job to follow (while the row is still pending). */
export async function setTracking(store: Store, id: number, tracking: string, now: Date): Promise<void> {
  await store.db.updateTable("invoices").set({ tracking_code: tracking, updated_at: now.toISOString() }).where("id", "=", id).where("status", "=", "pending").execute();
}

/** Gives a claim back that SePay never took (nothing is left half-written); a retry claims the same reference again. */
export async function dropClaim(store: Store, id: number): Promise<void> {
  await store.db.deleteFrom("invoices").where("id", "=", id).where("status", "=", "pending").where("tracking_code", "is", null).execute();
}

/** Pending → failed with SePay's reason; false when another poll settled it first. */
export async function markFailed(store: Store, id: number, error: string, now: Date): Promise<boolean> {
  const r = await store.db.updateTable("invoices").set({ status: "failed", error: error.slice(0, 500), updated_at: now.toISOString() }).where("id", "=", id).where("status", "=", "pending").executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * Pending → issued with its number and PDF link, and the buyer's message in the same batch (only if
 * this write made the change): a second poll that sees Success tells nobody twice.
 */
export async function markIssued(store: Store, id: number, issued: { number: string; pdfUrl: string | null }, notice: OutboundMessage | undefined, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const [changed] = await store.batch([
    sql`UPDATE invoices SET status = 'issued', invoice_number = ${issued.number}, pdf_url = ${issued.pdfUrl}, error = NULL, updated_at = ${at}
        WHERE id = ${id} AND status = 'pending'`.compile(store.db),
    ...(notice ? [enqueueIfChangedQuery(store, notice, now)] : []),
  ]);
  return (changed?.changes ?? 0) > 0;
}

/** Pending invoices to follow up (oldest first), with their shop and order ids. */
export async function pendingInvoices(store: Store, limit: number): Promise<InvoiceRow[]> {
  return store.db.selectFrom("invoices").selectAll().where("status", "=", "pending").orderBy("updated_at").limit(limit).execute();
}

/** Marks a pending row as just looked at (so the follow-up job takes the others first). */
export async function touchPending(store: Store, id: number, now: Date): Promise<void> {
  await store.db.updateTable("invoices").set({ updated_at: now.toISOString() }).where("id", "=", id).where("status", "=", "pending").execute();
}
