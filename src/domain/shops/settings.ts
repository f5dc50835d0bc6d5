import type { Store } from "../../db/store";
import { newSecretToken } from "../orders/codes";
import { openSecret, sealSecret } from "../secrets/sealed";

/** A server-wide secret made once and kept in the database (sealed with DATA_KEY; never logged, never shown). */
export async function serverSecret(store: Store): Promise<string> {
  await store.db
    .insertInto("settings")
    .values({ key: "server_secret", value: await sealSecret(store, "settings.server_secret", newSecretToken(32)) })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await store.db.selectFrom("settings").select("value").where("key", "=", "server_secret").executeTakeFirstOrThrow();
  return openSecret(store, "settings.server_secret", row.value);
}
