import type { DashboardUser, Shop } from "../../db/schema";
import type { Store } from "../../db/store";

/**
 * The shops a dashboard account may see, by id: an operator all of them, staff only their own
 * (an account with no shop sees none). Every dashboard page picks its shop from this list, so
 * another shop's slug is refused whether or not it exists.
 */
export async function visibleShops(store: Store, user: Pick<DashboardUser, "role" | "shop_id">): Promise<Shop[]> {
  const q = store.db.selectFrom("shops").selectAll().orderBy("id");
  return user.role === "operator" ? q.execute() : q.where("id", "=", user.shop_id ?? -1).execute();
}
