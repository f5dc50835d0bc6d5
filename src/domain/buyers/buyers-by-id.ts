import type { Buyer } from "../../db/schema";
import type { Store } from "../../db/store";

/** Who the buyers of some orders are (channel, user id, name), by id; none asked, no query. */
export async function buyersById(store: Store, ids: readonly number[]): Promise<Map<number, Pick<Buyer, "id" | "channel" | "user_id" | "name">>> {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await store.db.selectFrom("buyers").select(["id", "channel", "user_id", "name"]).where("id", "in", unique).execute() : [];
  return new Map(rows.map((b) => [b.id, b]));
}
