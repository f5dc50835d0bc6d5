import type { DeliveryZone } from "../../db/schema";
import type { Store } from "../../db/store";

/** The shop's delivery zones (communes) with fee and minimum order, in display order. */
export async function listZones(store: Store, shopId: number): Promise<DeliveryZone[]> {
  return store.db.selectFrom("delivery_zones").selectAll().where("shop_id", "=", shopId).orderBy("sort").orderBy("id").execute();
}
