import type { Store } from "../../db/store";

/** Replaces a draft's note (what the buyer said of delivery); a placed order's note is the staff's to change. */
export async function setDraftNote(store: Store, orderId: number, note: string): Promise<void> {
  await store.db.updateTable("orders").set({ note }).where("id", "=", orderId).where("status", "=", "draft").execute();
}
