import type { Store } from "../../db/store";

// The dashboard's typed-in order form (migrations/0022): the outcome of a form's first submit, kept
// under its one-time token, so the board can show it after the redirect and a double submit finds it.

/** A form token as the page makes it: unguessable, URL-safe. */
export const FORM_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export interface TypedOrderFormOutcome {
  line: string;
  orderId: number | null;
  /** What staff are told when no order was made (their own words, from the catalog). */
  error: string | null;
}

/** Keeps the first outcome of a form (a later submit of the same token keeps the first). */
export async function saveTypedOrderForm(store: Store, v: { token: string; shopId: number; userId: number } & TypedOrderFormOutcome, now: Date): Promise<void> {
  await store.db
    .insertInto("typed_order_forms")
    .values({ token: v.token, shop_id: v.shopId, user_id: v.userId, line: v.line.slice(0, 1000), order_id: v.orderId, error: v.error?.slice(0, 1000) ?? null, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("token").doNothing())
    .execute();
}

/** The outcome of a form sent by this account for this shop; anyone else's token finds nothing. */
export async function typedOrderForm(store: Store, token: string, shopId: number, userId: number): Promise<TypedOrderFormOutcome | undefined> {
  if (!FORM_TOKEN.test(token)) return undefined;
  const row = await store.db
    .selectFrom("typed_order_forms")
    .select(["line", "order_id", "error"])
    .where("token", "=", token)
    .where("shop_id", "=", shopId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { line: row.line, orderId: row.order_id, error: row.error } : undefined;
}
