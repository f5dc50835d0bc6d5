import type { Store } from "../../db/store";

/**
 * A registered bot's public username (for t.me links), or null. Reads only that column: unlike
 * findBot it opens no sealed secret, so a live's summary never needs the data key.
 */
export async function botUsername(store: Store, channel: string, platformId: string): Promise<string | null> {
  const bot = await store.db.selectFrom("bots").select("username").where("channel", "=", channel).where("platform_id", "=", platformId).executeTakeFirst();
  return bot?.username ?? null;
}
