import type { Store } from "../../db/store";

/** The groups a shop's bots have been in, oldest first, linked or not, present or removed. */
export async function groupsOfShop(store: Store, shopId: number) {
  return store.db.selectFrom("shop_groups").selectAll().where("shop_id", "=", shopId).orderBy("id").execute();
}
