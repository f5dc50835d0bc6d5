// Workers-only wiring: D1 behind Kysely (kysely-d1), and the atomic batch as D1's own batch().
import type { D1Database } from "@cloudflare/workers-types";
import { Kysely, type CompiledQuery } from "kysely";
import { D1Dialect } from "kysely-d1";
import type { Database } from "./schema";
import type { Store } from "./store";

/** The store over a D1 binding. D1 has no interactive transactions; `batch` runs statements as one. */
export function d1Store(d1: D1Database): Store {
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
