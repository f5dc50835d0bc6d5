import type { Live } from "../../db/schema";
import type { Store } from "../../db/store";

/** A live by id; a row that points to it (a waiting buyer) makes it exist, so a missing one throws. */
export async function getLive(store: Store, id: number): Promise<Live> {
  return store.db.selectFrom("lives").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** The shop's most recent live, open or not (what a bare `/live` shows). */
export async function latestLiveId(store: Store, shopId: number): Promise<number | undefined> {
  const row = await store.db.selectFrom("lives").select("id").where("shop_id", "=", shopId).orderBy("id", "desc").executeTakeFirst();
  return row?.id;
}
