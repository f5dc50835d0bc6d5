import type { Store } from "../../db/store";

/**
 * Calls `set` (a platform's setWebhook) unless the settings row `key` already holds `value` — the
 * url and a fingerprint of what was set — and records it after a success, so a cron tick after a
 * deploy sets a webhook once, and a failure is retried at the next tick.
 */
export async function setWebhookOnce(store: Store, key: string, value: string, force: boolean, set: () => Promise<unknown>): Promise<boolean> {
  if (!force) {
    const done = await store.db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
    if (done?.value === value) return false;
  }
  await set();
  await store.db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
  return true;
}

/** A JSON column written by this server (a bot's getMe answer), or null when it is missing or unreadable. */
export function parseStoredJson<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
