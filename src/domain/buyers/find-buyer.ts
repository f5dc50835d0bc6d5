import type { Buyer } from "../../db/schema";
import type { Store } from "../../db/store";

/** A buyer by id; a row that points to them (a waiting line, an order) makes them exist, so a missing one throws. */
export async function getBuyer(store: Store, id: number): Promise<Buyer> {
  return store.db.selectFrom("buyers").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
