import type { Broadcast } from "../../db/schema";
import type { Store } from "../../db/store";

/**
 * One of the shop's broadcasts by id. The id comes from a URL: a broadcast of another shop is
 * undefined, exactly like one that does not exist, so ids cannot be probed across shops.
 */
export async function shopBroadcast(store: Store, shopId: number, id: number): Promise<Broadcast | undefined> {
  return store.db.selectFrom("broadcasts").selectAll().where("id", "=", id).where("shop_id", "=", shopId).executeTakeFirst();
}

/**
 * Whether a broadcast was already posted under this source key (a form's one-time id, an API
 * caller's reference): the dashboard answers "already sent" instead of re-rendering the post.
 */
export async function postedUnder(store: Store, sourceKey: string): Promise<boolean> {
  const done = await store.db.selectFrom("broadcasts").select("id").where("source_key", "=", sourceKey).executeTakeFirst();
  return done !== undefined;
}
