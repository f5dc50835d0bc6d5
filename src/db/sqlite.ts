// Node-only wiring: better-sqlite3 behind Kysely, the atomic batch, and the migration files on disk.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, type CompiledQuery } from "kysely";
import type { Keyring } from "../domain/secrets/keyring";
import type { Database } from "./schema";
import { groupedAtomic } from "./group-commit";
import { queuedSqliteDialect, statementCache } from "./sqlite-driver";
import type { Store } from "./store";
import type { MigrationFile, MigrationTarget } from "./migrate";

export interface SqliteHandle {
  store: Store;
  raw: BetterSqlite3.Database;
  migrationTarget: MigrationTarget;
  /** How many SQL statements this connection has run (each query and each statement of a batch): for the benchmarks. */
  statementsRun(): number;
  /** Gives up to `pages` free pages back to the file system (a no-op on a database made without incremental auto-vacuum). */
  compact(pages: number): Promise<number>;
  close(): Promise<void>;
}

/** Read and write for the owner only: the database holds buyers' phones and addresses, and secrets. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `path` empty with mode 0600 if it does not exist, and takes away group and other access
 * from it (and from its -wal and -shm files) if it does. SQLite creates the -wal and -shm files with
 * the database file's mode, so they are 0600 too.
 */
export function ensurePrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, "a", PRIVATE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

/** Opens (creating if needed, mode 0600) a SQLite file, or `:memory:`, tuned for one writer process. */
export function openSqlite(path: string, opts: { keyring?: Keyring } = {}): SqliteHandle {
  if (path !== ":memory:") ensurePrivateFile(path);
  const raw = new BetterSqlite3(path);
  // A new file gets incremental auto-vacuum (only possible before the first table), so pruning can
  // give space back (compact); an older file keeps reusing its free pages instead.
  if (path !== ":memory:" && (raw.pragma("page_count", { simple: true }) as number) === 0) raw.pragma("auto_vacuum = INCREMENTAL");
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  const statements = statementCache(raw);
  const prepared = statements.prepare;
  const db = new Kysely<Database>({ dialect: queuedSqliteDialect(raw, prepared) });
  // better-sqlite3 is synchronous: the whole batch runs inside one transaction with nothing in between.
  const runBatch = raw.transaction((queries: readonly CompiledQuery[]) =>
    queries.map((q) => ({ changes: prepared(q.sql).run(...(q.parameters as unknown[])).changes })),
  );

  const migrationTarget: MigrationTarget = {
    exec: async (sql) => void raw.exec(sql),
    appliedNames: async () => (raw.prepare("SELECT name FROM d1_migrations").all() as { name: string }[]).map((r) => r.name),
    applyOne: async (file) => {
      raw.transaction(() => {
        raw.exec(file.sql);
        raw.prepare("INSERT INTO d1_migrations (name) VALUES (?)").run(file.name);
      })();
    },
  };

  return {
    raw,
    store: sqliteStore(db, runBatch, opts.keyring),
    migrationTarget,
    statementsRun: statements.count,
    compact: async (pages) => {
      const before = raw.pragma("freelist_count", { simple: true }) as number;
      raw.pragma(`incremental_vacuum(${Math.max(0, Math.floor(pages))})`);
      return before - (raw.pragma("freelist_count", { simple: true }) as number);
    },
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * The store over one better-sqlite3 connection. Kysely lets one caller at a time use it; a batch
 * takes its turn the same way, so it can never land inside another caller's open transaction.
 */
function sqliteStore(db: Kysely<Database>, runBatch: (queries: readonly CompiledQuery[]) => { changes: number }[], keyring?: Keyring): Store {
  const shared = { ...(keyring ? { keyring } : {}), memo: new Map<string, unknown>() };
  // Inside a unit the connection is already this caller's: a batch runs as a savepoint.
  const unitStore = (conn: Kysely<Database>): Store => ({ db: conn, batch: async (queries) => runBatch(queries), ...shared });
  return {
    db,
    batch: async (queries) => db.connection().execute(async () => runBatch(queries)),
    atomic: groupedAtomic(db, unitStore),
    ...shared,
  };
}

/** Reads `migrations/NNNN_name.sql` from disk, in order. */
export function readMigrationFiles(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), "utf8") }));
}

export type DatabaseLock = { ok: true; release(): void } | { ok: false; reason: string };

/**
 * Holds `<database>.lock` for as long as this process runs (or until `release`), so that one server
 * at a time uses a database and `npm run restore` never replaces it under a running one. The lock
 * is SQLite's own on that small file (an open write transaction), which the operating system drops
 * when the process ends in any way, kill -9 included: a lock left by a dead process cannot exist.
 * The file also records who holds it (pid, role, since), for the refusal's message.
 */
export function lockDatabase(path: string, role: "server" | "restore"): DatabaseLock {
  const lockPath = `${path}.lock`;
  ensurePrivateFile(lockPath);
  const lock = new BetterSqlite3(lockPath, { timeout: 0 });
  const refused = (): DatabaseLock => {
    let holder = "another process";
    try {
      const row = lock.prepare("SELECT pid, role, since FROM holder").get() as { pid: number; role: string; since: string } | undefined;
      if (row) holder = `${row.role === "restore" ? "a restore" : "a server"} (pid ${row.pid}, since ${row.since})`;
    } catch {
      // the holder had not written its name yet
    }
    lock.close();
    return { ok: false, reason: `${path} is in use by ${holder}` };
  };
  const begin = () => {
    try {
      lock.exec("BEGIN IMMEDIATE");
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
      throw error;
    }
  };
  if (!begin()) return refused();
  lock.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, role TEXT NOT NULL, since TEXT NOT NULL)");
  lock.exec("DELETE FROM holder");
  lock.prepare("INSERT INTO holder (pid, role, since) VALUES (?, ?, ?)").run(process.pid, role, new Date().toISOString());
  lock.exec("COMMIT");
  // Held from here on: others may read who holds it, none may write.
  if (!begin()) return refused();
  let held = true;
  return {
    ok: true,
    release: () => {
      if (!held) return;
      held = false;
      lock.exec("ROLLBACK");
      lock.close();
    },
  };
}
