import { sql } from "kysely";
import type { Store } from "../../db/store";
import { currentPattern, open, seal, UnreadableSecretError } from "./keyring";
import { SECRET_COLUMNS } from "./sealed";

export interface ResealReport {
  /** Values rewritten: clear ones sealed, ones of a previous key sealed with DATA_KEY (or opened back to clear with no DATA_KEY). */
  resealed: number;
  /** Values no key given can open, by column ("bots.token"); the values themselves are never reported. */
  unreadable: string[];
  /** True when the run stopped at `maxRows` with more to do. */
  more: boolean;
}

/**
 * Brings every secret column to the current key: clear values from before DATA_KEY are sealed,
 * values of a DATA_KEY_PREVIOUS key are sealed again with DATA_KEY, and with no DATA_KEY sealed
 * values are written back in clear. Finds its rows by the key id in the prefix (no decryption), so
 * on a database already current it is one small query per column. Each row is one compare-and-set
 * UPDATE (no transaction; D1 has none), so a value written meanwhile is never overwritten.
 */
export async function resealSecrets(store: Store, opts: { batchSize?: number; maxRows?: number } = {}): Promise<ResealReport> {
  const batchSize = opts.batchSize ?? 100;
  let budget = opts.maxRows ?? 10_000;
  const pattern = currentPattern(store.keyring);
  const report: ResealReport = { resealed: 0, unreadable: [], more: false };
  for (const spec of SECRET_COLUMNS) {
    const field = spec.field;
    const col = sql.ref(spec.column);
    const key = sql.ref(spec.key);
    let cursor: string | number = spec.key === "id" ? 0 : "";
    for (;;) {
      if (budget <= 0) return { ...report, more: true };
      const limit = Math.min(batchSize, budget);
      const rows = await sql<{ k: string | number; v: string }>`
        SELECT ${key} AS k, ${col} AS v FROM ${sql.table(spec.table)}
        WHERE ${col} IS NOT NULL AND ${pattern ? sql`${col} NOT LIKE ${pattern}` : sql`${col} LIKE 'enc:v1:%'`}
          AND ${key} > ${cursor} ${"only" in spec ? sql`AND ${key} = ${spec.only}` : sql``}
        ORDER BY ${key} LIMIT ${limit}`.execute(store.db);
      for (const row of rows.rows) {
        cursor = row.k;
        budget--;
        let next: string;
        try {
          next = await seal(store.keyring, field, await open(store.keyring, field, row.v));
        } catch (error) {
          if (!(error instanceof UnreadableSecretError)) throw error;
          report.unreadable.push(field);
          continue;
        }
        const done = await sql`UPDATE ${sql.table(spec.table)} SET ${col} = ${next} WHERE ${key} = ${row.k} AND ${col} = ${row.v}`.execute(store.db);
        if (Number(done.numAffectedRows ?? 0n) === 1) report.resealed++;
      }
      if (rows.rows.length < limit) break;
    }
  }
  return report;
}
