import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";

/** Every shop: the timer jobs walk them all (summaries, payment reminders). */
export async function listShops(store: Store): Promise<Shop[]> {
  return store.db.selectFrom("shops").selectAll().execute();
}

/** The shop a row (a live, an order) points to; it must exist (a foreign key), so a missing one throws. */
export async function getShop(store: Store, id: number): Promise<Shop> {
  return store.db.selectFrom("shops").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
