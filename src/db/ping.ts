import type { Store } from "./store";

/** One cheap read that fails when the database is unreachable: what /healthz answers from. */
export async function pingDatabase(store: Store): Promise<void> {
  await store.db.selectFrom("shops").select("id").limit(1).execute();
}
