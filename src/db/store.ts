import type { CompiledQuery, Kysely } from "kysely";
import type { Keyring } from "../domain/secrets/keyring";
import type { Database } from "./schema";

/**
 * Runs several statements atomically, all or none, with no code running between them.
 * On SQLite it is a transaction; on D1 it is `d1.batch()`. Domain code never opens an
 * interactive transaction (D1 has none): what must be atomic is one statement or one batch.
 */
export type RunBatch = (queries: readonly CompiledQuery[]) => Promise<{ changes: number }[]>;

/** The database as domain code sees it: typed queries plus atomic batches. */
export interface Store {
  db: Kysely<Database>;
  batch: RunBatch;
  /** The DATA_KEY keyring secret columns are sealed with (src/domain/secrets/sealed.ts); none: kept in clear. */
  keyring?: Keyring;
}
