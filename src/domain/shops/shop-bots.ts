import type { Store } from "../../db/store";
import { openSecret } from "../secrets/sealed";

/** A bot of a shop as the shops page lists it. */
export interface ShopBot {
  id: number;
  channel: string;
  /** The bot's token in the clear: the page shows only a masked form of it. */
  token: string;
  username: string | null;
}

/**
 * A shop's bots, oldest first. Tokens are sealed at rest (DATA_KEY); they are opened here only so
 * the page can show their masked form, never to show them whole.
 */
export async function botsOfShop(store: Store, shopId: number): Promise<ShopBot[]> {
  const rows = await store.db.selectFrom("bots").select(["id", "channel", "token", "username"]).where("shop_id", "=", shopId).orderBy("id").execute();
  return Promise.all(rows.map(async (b) => ({ ...b, token: await openSecret(store, "bots.token", b.token) })));
}
