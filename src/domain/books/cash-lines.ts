// The money movements S2e-HKD (the cash and bank book) is made of, each on its shop-local day:
// - bank (Tiền gửi): transfers the SePay / Casso / payOS webhooks matched to an order (outcomes paid,
//   partial, overpaid, late), on the bank's credit day (transaction_at, which the notifiers send as
//   Vietnam wall time; else when it was recorded); ref = the provider's transaction id;
// - cash (Tiền mặt): "Đã nhận tiền" confirmations (provider 'manual': money staff say reached them
//   outside the bank notifiers: in hand, at the counter, from the shop's own shipper), on the day they
//   were recorded; a cash-on-delivery order delivered by the shop's own shipper or picked up, on its
//   delivery day, for what no transfer or confirmation already counted;
// - refunds of returns, out of the account the seller named; rows added by hand with an account
//   (sale, deposit, opening: in; expense, withdrawal: out).
// Left out, and told in the book's notes: COD a carrier collects (it is the carrier's until it pays out:
// /dashboard/cod), and transfers not matched to an order (not surely a sale).
import { sql } from "kysely";
import type { Store } from "../../db/store";
import { addDays, localTime } from "../../platform/shop-time";
import { manualEntriesOf } from "./manual-entries";
import type { BookPeriod } from "./revenue-lines";

export type MoneyKind = "transfer" | "manual_confirmation" | "cod" | "refund" | "entry";

export interface MoneyLine {
  date: string;
  account: "cash" | "bank";
  /** For bank lines: the account's digits ("" when the shop has none on record). */
  bankAccount: string;
  kind: MoneyKind;
  ref: string | null;
  orderId: number | null;
  entryId: number | null;
  description: string;
  /** Đồng: positive in, negative out. */
  amount: number;
  /** Added by hand. */
  manual: boolean;
}

/** What the period had that the book leaves out, for its notes. */
export interface MoneyLeftOut {
  carrierCod: { count: number; amount: number };
  unmatched: { count: number; amount: number };
}

const COUNTED = ["paid", "partial", "overpaid", "late"] as const;
const NOT_MATCHED = ["unmatched", "other_account", "unreadable"] as const;
const PROVIDER_NAMES: Record<string, string> = { sepay: "SePay", casso: "Casso", payos: "payOS" };
const OUTCOME_NOTES: Record<string, string> = { partial: " (một phần)", overpaid: " (nhiều hơn số tiền đơn)", late: " (đến sau khi đơn đã hủy)" };
// A notifier sends a transfer within minutes; one recorded a month after `to` is not read for this book.
const LATE_NOTICE_DAYS = 31;

const digits = (s: string | null | undefined) => (s ?? "").replace(/\D/g, "");

/**
 * The shop-local day of a transfer: the notifiers' "YYYY-MM-DD HH:mm:ss" is Vietnam wall time (taken as
 * it is); an instant with a zone is converted; anything else falls back to when it was recorded.
 */
export function transferDay(transactionAt: string | null, createdAt: string, timeZone: string): string {
  if (transactionAt && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(transactionAt.trim())) return transactionAt.trim().slice(0, 10);
  if (transactionAt && !Number.isNaN(Date.parse(transactionAt))) return localTime(new Date(transactionAt), timeZone).date;
  return localTime(new Date(createdAt), timeZone).date;
}

/** Every money line from `period.from` to `period.to` (callers ask from the rules' first day for opening balances). */
export async function moneyLines(
  store: Store,
  shop: { id: number; time_zone: string; bank_account: string | null },
  period: BookPeriod,
  leftOutFrom: string = period.from,
): Promise<{ lines: MoneyLine[]; leftOut: MoneyLeftOut }> {
  const shopAccount = digits(shop.bank_account);
  const inPeriod = (d: string) => d >= period.from && d <= period.to;
  const lowUtc = `${addDays(period.from, -1)}T00:00:00`;
  const highUtc = `${addDays(period.to, 2)}T00:00:00`;
  const local = (iso: string) => localTime(new Date(iso), shop.time_zone).date;

  const [txs, cod, refunds, entries, unmatched] = await Promise.all([
    sql<{ id: number; provider: string; provider_tx_id: string; amount: number; account_number: string | null; transaction_at: string | null; created_at: string; outcome: string; order_id: number; code: string }>`
      SELECT t.id, t.provider, t.provider_tx_id, t.amount, t.account_number, t.transaction_at, t.created_at, t.outcome, o.id AS order_id, o.code
        FROM bank_transactions t JOIN orders o ON o.id = t.order_id
       WHERE t.shop_id = ${shop.id} AND t.outcome IN (${sql.join([...COUNTED])})
         AND t.created_at >= ${lowUtc} AND t.created_at < ${`${addDays(period.to, LATE_NOTICE_DAYS)}T00:00:00`}
       ORDER BY t.id`.execute(store.db),
    sql<{ id: number; code: string; total: number; delivered_at: string; received: number; carrier_cod: number }>`
      SELECT o.id, o.code, o.total, o.delivered_at,
             (SELECT COALESCE(SUM(t.amount), 0) FROM bank_transactions t WHERE t.order_id = o.id AND t.outcome IN (${sql.join([...COUNTED])})) AS received,
             (SELECT COALESCE(SUM(s.cod_amount), 0) FROM shipments s WHERE s.order_id = o.id AND s.cod_amount > 0 AND s.cancelled_at IS NULL) AS carrier_cod
        FROM orders o
       WHERE o.shop_id = ${shop.id} AND o.status = 'delivered' AND o.payment_method = 'cod'
         AND o.delivered_at >= ${lowUtc} AND o.delivered_at < ${highUtc}
       ORDER BY o.delivered_at, o.id`.execute(store.db),
    sql<{ id: number; order_id: number; code: string; accepted_date: string; amount: number; refund_account: "cash" | "bank" }>`
      SELECT r.id, r.order_id, o.code, r.accepted_date, r.amount, r.refund_account FROM order_returns r JOIN orders o ON o.id = r.order_id
       WHERE r.shop_id = ${shop.id} AND r.deleted_at IS NULL AND r.refund_account IS NOT NULL AND r.accepted_date >= ${period.from} AND r.accepted_date <= ${period.to}
       ORDER BY r.accepted_date, r.id`.execute(store.db),
    manualEntriesOf(store, shop.id, period).then((rows) => rows.filter((e) => e.account !== null)),
    sql<{ amount: number; transaction_at: string | null; created_at: string }>`
      SELECT amount, transaction_at, created_at FROM bank_transactions
       WHERE shop_id = ${shop.id} AND outcome IN (${sql.join([...NOT_MATCHED])})
         AND created_at >= ${`${addDays(leftOutFrom, -1)}T00:00:00`} AND created_at < ${`${addDays(period.to, LATE_NOTICE_DAYS)}T00:00:00`}`.execute(store.db),
  ]);

  const lines: MoneyLine[] = [];
  for (const t of txs.rows) {
    const date = transferDay(t.transaction_at, t.created_at, shop.time_zone);
    if (!inPeriod(date)) continue;
    const amount = Number(t.amount);
    if (t.provider === "manual") {
      lines.push({ date, account: "cash", bankAccount: "", kind: "manual_confirmation", ref: t.code, orderId: t.order_id, entryId: null, description: `Thu tiền đơn ${t.code} (xác nhận "Đã nhận tiền")${OUTCOME_NOTES[t.outcome] ?? ""}`, amount, manual: false });
      continue;
    }
    const via = PROVIDER_NAMES[t.provider] ?? t.provider;
    lines.push({ date, account: "bank", bankAccount: digits(t.account_number) || shopAccount, kind: "transfer", ref: t.provider_tx_id, orderId: t.order_id, entryId: null, description: `Thu tiền đơn ${t.code} qua ${via}${OUTCOME_NOTES[t.outcome] ?? ""}`, amount, manual: false });
  }
  const leftOut: MoneyLeftOut = { carrierCod: { count: 0, amount: 0 }, unmatched: { count: 0, amount: 0 } };
  for (const o of cod.rows) {
    const date = local(o.delivered_at);
    if (!inPeriod(date)) continue;
    if (Number(o.carrier_cod) > 0) {
      if (date >= leftOutFrom) {
        leftOut.carrierCod.count++;
        leftOut.carrierCod.amount += Number(o.carrier_cod);
      }
      continue;
    }
    const due = Number(o.total) - Number(o.received);
    if (due <= 0) continue;
    const part = Number(o.received) > 0 ? " (phần còn lại)" : "";
    lines.push({ date, account: "cash", bankAccount: "", kind: "cod", ref: o.code, orderId: o.id, entryId: null, description: `Thu tiền mặt khi giao đơn ${o.code}${part}`, amount: due, manual: false });
  }
  for (const r of refunds.rows) {
    lines.push({ date: r.accepted_date, account: r.refund_account, bankAccount: r.refund_account === "bank" ? shopAccount : "", kind: "refund", ref: r.code, orderId: r.order_id, entryId: null, description: `Trả lại tiền hàng bị trả lại đơn ${r.code}`, amount: -Number(r.amount), manual: false });
  }
  for (const e of entries) {
    const account = e.account as "cash" | "bank";
    const out = e.kind === "expense" || e.kind === "withdrawal";
    lines.push({ date: e.date, account, bankAccount: account === "bank" ? shopAccount : "", kind: "entry", ref: e.ref, orderId: null, entryId: e.id, description: e.description, amount: out ? -e.amount : e.amount, manual: true });
  }
  for (const u of unmatched.rows) {
    const date = transferDay(u.transaction_at, u.created_at, shop.time_zone);
    if (date < leftOutFrom || date > period.to) continue;
    leftOut.unmatched.count++;
    leftOut.unmatched.amount += Number(u.amount);
  }
  const kindOrder: Record<MoneyKind, number> = { entry: 0, cod: 1, manual_confirmation: 2, transfer: 3, refund: 4 };
  // Opening rows first on their day, then by kind and reference: the same order every time.
  lines.sort((a, b) => a.date.localeCompare(b.date) || kindOrder[a.kind] - kindOrder[b.kind] || (a.ref ?? "").localeCompare(b.ref ?? "") || (a.entryId ?? 0) - (b.entryId ?? 0));
  return { lines, leftOut };
}
