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
  /**
   * Runs `work` as one unit, all or nothing, where the runtime has interactive transactions (a
   * better-sqlite3 transaction on Node: `work` gets a store bound to it, and every other query
   * waits until it ends). Absent on D1: there each step stands alone and the caller puts its last
   * writes in one `batch`. `work` must await nothing but this store (no network): it holds the
   * database.
   */
  atomic?: <T>(work: (store: Store) => Promise<T>) => Promise<T>;
  /**
   * What this database's readers keep between requests (the catalog behind its version): shared by
   * the store and its atomic views, one per database, never trusted without checking it against the
   * database first. None: nothing is kept.
   */
  memo?: Map<string, unknown>;
  /** The DATA_KEY keyring secret columns are sealed with (src/domain/secrets/sealed.ts); none: kept in clear. */
  keyring?: Keyring;
}
