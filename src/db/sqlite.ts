// Node-only wiring: better-sqlite3 behind Kysely, the atomic batch, and the migration files on disk.
import { readdirSync, readFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, type CompiledQuery } from "kysely";
import type { Database } from "./schema";
import type { Store } from "./store";
import type { MigrationFile, MigrationTarget } from "./migrate";

export interface SqliteHandle {
  store: Store;
  raw: BetterSqlite3.Database;
  migrationTarget: MigrationTarget;
  close(): Promise<void>;
}

/** Opens (creating if needed) a SQLite file, or `:memory:`, tuned for one writer process. */
export function openSqlite(path: string): SqliteHandle {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  // Kysely prepares every query anew; most of ours repeat the same SQL with other values, so keep
  // the compiled statements (bounded, so ad-hoc SQL cannot grow it without end).
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = raw.prepare(sql);
      if (statements.size >= 2_000) statements.clear();
      statements.set(sql, s);
    }
    return s;
  };
  const cachedDatabase = new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === "prepare") return (sql: string) => prepared(sql);
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachedDatabase }) });
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
    store: { db, batch: async (queries) => runBatch(queries) },
    migrationTarget,
    close: async () => {
      await db.destroy();
    },
  };
}

/** Reads `migrations/NNNN_name.sql` from disk, in order. */
export function readMigrationFiles(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), "utf8") }));
}
