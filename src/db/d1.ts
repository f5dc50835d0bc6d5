// Workers-only wiring: D1 behind Kysely (kysely-d1), and the atomic batch as D1's own batch().
import type { D1Database } from "@cloudflare/workers-types";
import { Kysely, type CompiledQuery } from "kysely";
import { D1Dialect } from "kysely-d1";
import type { Database } from "./schema";
import type { Store } from "./store";

/** What a D1 binding has been asked to run: every statement (alone or in a batch) and every batch. */
export interface D1Usage {
  statements: number;
  batches: number;
}

/** The binding, counting into `usage` (kysely-d1 and our batch prepare each statement they run once). */
function countingD1(d1: D1Database, usage: D1Usage): D1Database {
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "prepare") return (query: string) => (usage.statements++, target.prepare(query));
      if (prop === "batch") return (statements: Parameters<D1Database["batch"]>[0]) => (usage.batches++, target.batch(statements));
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The store over a D1 binding. D1 has no interactive transactions; `batch` runs statements as one. */
export function d1Store(binding: D1Database, usage?: D1Usage): Store {
  const d1 = usage ? countingD1(binding, usage) : binding;
  const db = new Kysely<Database>({ dialect: new D1Dialect({ database: d1 as never }) });
  return {
    db,
    // Kept per isolate; every reader checks what it keeps against D1 first.
    memo: new Map<string, unknown>(),
    batch: async (queries: readonly CompiledQuery[]) => {
      if (queries.length === 0) return [];
      const results = await d1.batch(queries.map((q) => d1.prepare(q.sql).bind(...(q.parameters as unknown[]))));
      return results.map((r) => ({ changes: r.meta.changes ?? 0 }));
    },
  };
}
