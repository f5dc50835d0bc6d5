import type { Store } from "../../db/store";

/** The items open in a live with their product ids: what its comments may order, by code. */
export async function liveItemCodes(store: Store, liveId: number): Promise<{ product_id: number; code: string }[]> {
  return store.db.selectFrom("live_items").select(["product_id", "code"]).where("live_id", "=", liveId).execute();
}

/** The items open in a live with their caps, by code (what `/live start` answers). */
export async function liveItemCaps(store: Store, liveId: number): Promise<{ code: string; cap: number }[]> {
  return store.db.selectFrom("live_items").select(["code", "cap"]).where("live_id", "=", liveId).orderBy("code").execute();
}
