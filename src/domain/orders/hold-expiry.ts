import type { Store } from "../../db/store";

/** Sets when an order's hold runs out, whatever its status (the caller has just seen it a draft). */
export async function setOrderExpiry(store: Store, orderId: number, expiresAt: Date): Promise<void> {
  await store.db.updateTable("orders").set({ expires_at: expiresAt.toISOString() }).where("id", "=", orderId).execute();
}

/** Gives a draft a new hold end (each change in a live gives the buyer the full time again); a placed order is left alone. */
export async function renewDraftHold(store: Store, orderId: number, expiresAt: Date): Promise<void> {
  await store.db.updateTable("orders").set({ expires_at: expiresAt.toISOString() }).where("id", "=", orderId).where("status", "=", "draft").execute();
}
