/** A migration file: `NNNN_name.sql` and its text. The same files `wrangler d1 migrations apply` reads. */
export interface MigrationFile {
  name: string;
  sql: string;
}

/** What the migrator needs from a database: run a multi-statement script, read one column. */
export interface MigrationTarget {
  exec(sql: string): Promise<void>;
  appliedNames(): Promise<string[]>;
  /** Runs the script and records its name in one transaction (or one D1 batch). */
  applyOne(file: MigrationFile): Promise<void>;
}

export type MigrationReport = { applied: string[]; error?: undefined } | { applied: string[]; error: { name: string; message: string } };

/**
 * The ledger is wrangler's own `d1_migrations` table, so a database migrated on Node and one
 * migrated by `wrangler d1 migrations apply` agree on what has run. Never throws: the caller
 * reads `error` and stops the start.
 */
export const LEDGER_DDL =
  "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)";

/** Applies, in name order, every migration file not yet in the ledger. */
export async function migrateToLatest(target: MigrationTarget, files: readonly MigrationFile[]): Promise<MigrationReport> {
  const applied: string[] = [];
  let current = "";
  try {
    await target.exec(LEDGER_DDL);
    const done = new Set(await target.appliedNames());
    const pending = [...files].filter((f) => !done.has(f.name)).sort((a, b) => a.name.localeCompare(b.name));
    for (const file of pending) {
      current = file.name;
      await target.applyOne(file);
      applied.push(file.name);
    }
    return { applied };
  } catch (e) {
    return { applied, error: { name: current || "(ledger)", message: e instanceof Error ? e.message : String(e) } };
  }
}
