import type { D1Database } from "@cloudflare/workers-types";
import type { MigrationTarget } from "./migrate";
import { splitSqlStatements } from "./sql-statements";

/**
 * Our migrator on D1, so a Worker started without `wrangler d1 migrations apply` still gets its
 * tables. It writes the same `d1_migrations` ledger wrangler does, and each file goes in one D1
 * batch (a transaction) with its ledger row.
 */
export function d1MigrationTarget(d1: D1Database): MigrationTarget {
  return {
    exec: async (sql) => {
      await d1.batch(splitSqlStatements(sql).map((s) => d1.prepare(s)));
    },
    appliedNames: async () => ((await d1.prepare("SELECT name FROM d1_migrations").all<{ name: string }>()).results ?? []).map((r) => r.name),
    applyOne: async (file) => {
      await d1.batch([...splitSqlStatements(file.sql).map((s) => d1.prepare(s)), d1.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(file.name)]);
    },
  };
}
