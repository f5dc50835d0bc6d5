import type { BankTransaction, Shop } from "../../db/schema";
import type { Store } from "../../db/store";

/** What an unreadable notice said, as written, each field capped: what the seller checks against the bank app. */
export interface WrittenFields {
  amount?: string;
  memo?: string;
  reference?: string;
  account?: string;
  time?: string;
  orderCode?: string;
}

/**
 * A notice whose signature is right but whose fields do not fit (an amount written "45.000", a
 * field far too long). It may be real money, so it is kept and shown to the seller; but nothing
 * in it can be trusted to settle an order, so it counts nowhere (amount 0, no order).
 */
export interface UnreadableTransfer {
  provider: "sepay" | "casso" | "payos";
  /** The same for every redelivery of the notice (e.g. a hash of the signed data), so it is kept once. */
  providerTxId: string;
  /** The names of the fields that did not fit. */
  problems: string[];
  /** The fields as they came (any JSON value); kept as capped text. */
  sent: Partial<Record<keyof WrittenFields, unknown>>;
}

const CAPS: Required<{ [K in keyof WrittenFields]: number }> = { amount: 40, memo: 500, reference: 100, account: 40, time: 40, orderCode: 40 };

/**
 * A field's value as text, as the sender wrote it: strings as they are, numbers in JS form, anything
 * else as JSON (callers pass depth-checked values); control characters become spaces, and the text
 * is capped so a hostile notice cannot fill the row.
 */
export function asWritten(value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : (JSON.stringify(value) ?? "");
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function capped(sent: UnreadableTransfer["sent"]): WrittenFields {
  const out: WrittenFields = {};
  for (const k of Object.keys(CAPS) as (keyof WrittenFields)[]) {
    const v = asWritten(sent[k], CAPS[k]);
    if (v) out[k] = v;
  }
  return out;
}

/**
 * Keeps an unreadable notice once (a redelivery inserts nothing: same natural key as every transfer)
 * with outcome `unreadable`, so it shows among the transfers waiting for the seller. The raw column
 * holds only the capped fields and the problems, always valid JSON.
 */
export async function recordUnreadableTransfer(store: Store, shop: Shop, u: UnreadableTransfer, now: Date): Promise<{ transaction: BankTransaction; duplicate: boolean }> {
  const written = capped(u.sent);
  const problems = u.problems.slice(0, 10).map((p) => p.slice(0, 40));
  const inserted = await store.db
    .insertInto("bank_transactions")
    .values({
      shop_id: shop.id,
      provider: u.provider,
      provider_tx_id: u.providerTxId.slice(0, 200),
      amount: 0,
      content: written.memo ?? "",
      account_number: written.account ?? null,
      reference: written.reference ?? null,
      transaction_at: written.time ?? null,
      order_id: null,
      outcome: "unreadable",
      recorded_by: null,
      raw: JSON.stringify({ unreadable: problems, written }),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(["shop_id", "provider", "provider_tx_id"]).doNothing())
    .executeTakeFirst();
  const transaction = await store.db
    .selectFrom("bank_transactions")
    .selectAll()
    .where("shop_id", "=", shop.id)
    .where("provider", "=", u.provider)
    .where("provider_tx_id", "=", u.providerTxId.slice(0, 200))
    .executeTakeFirstOrThrow();
  return { transaction, duplicate: (inserted.numInsertedOrUpdatedRows ?? 0n) === 0n };
}

/** The written fields and problems of an unreadable row's raw column (empty when it holds something else). */
export function readUnreadable(raw: string | null | undefined): { problems: string[]; written: WrittenFields } {
  try {
    const parsed = JSON.parse(raw ?? "") as { unreadable?: unknown; written?: unknown };
    const problems = Array.isArray(parsed.unreadable) ? parsed.unreadable.filter((p): p is string => typeof p === "string") : [];
    const w = parsed.written && typeof parsed.written === "object" ? (parsed.written as Record<string, unknown>) : {};
    const written: WrittenFields = {};
    for (const k of Object.keys(CAPS) as (keyof WrittenFields)[]) if (typeof w[k] === "string") written[k] = w[k] as string;
    return { problems, written };
  } catch {
    return { problems: [], written: {} };
  }
}
