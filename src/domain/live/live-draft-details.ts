import type { Store } from "../../db/store";

/** A phone typed in a live's group goes on the buyer's live order while it is a draft. */
export async function setLiveDraftPhone(store: Store, liveId: number, buyerId: number, phone: string): Promise<void> {
  await store.db
    .updateTable("orders")
    .set({ phone })
    .where("id", "in", store.db.selectFrom("live_orders").select("order_id").where("live_id", "=", liveId).where("buyer_id", "=", buyerId))
    .where("status", "=", "draft")
    .execute();
}
