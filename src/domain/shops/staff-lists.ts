import type { Staff } from "../../db/schema";
import type { Store } from "../../db/store";

/** Every staff member of a shop, oldest first (what `/staff` lists). */
export async function listStaff(store: Store, shopId: number): Promise<Staff[]> {
  return store.db.selectFrom("staff").selectAll().where("shop_id", "=", shopId).orderBy("id").execute();
}

/** The shop's shippers by name, to choose who delivers an order. */
export async function listShippers(store: Store, shopId: number): Promise<{ id: number; name: string }[]> {
  return store.db.selectFrom("staff").select(["id", "name"]).where("shop_id", "=", shopId).where("role", "=", "shipper").orderBy("name").execute();
}

/** A staff member of this shop by id (a button carries the id; another shop's member is not found). */
export async function findStaffById(store: Store, shopId: number, staffId: number): Promise<Staff | undefined> {
  return store.db.selectFrom("staff").selectAll().where("shop_id", "=", shopId).where("id", "=", staffId).executeTakeFirst();
}
