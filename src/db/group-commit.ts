// Node-only: atomic units that queue for the connection at the same moment share one commit.
// Each commit writes every page its transaction touched to the WAL, and a burst of comments
// touches the same few pages (the ends of the orders, lines, holds, outbox and events tables):
// committing several at once writes them once. A unit still sees only its own effects and the
// ones before it, and its caller hears back only once its commit is on disk.
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";
import type { Store } from "./store";

type Work = (store: Store) => Promise<unknown>;
interface Unit {
  work: Work;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A group closes after this many units, or this long: a unit never waits long for its commit. */
const MAX_UNITS = 32;
const MAX_MS = 10;

/**
 * `Store.atomic` over one connection, grouping. A unit that throws undoes its whole group, and
 * then every unit of that group runs again alone, in a transaction of its own: the others commit,
 * the failing one fails by itself (units are database work only, so running one again is safe).
 */
export function groupedAtomic(db: Kysely<Database>, storeFor: (db: Kysely<Database>) => Store): Store["atomic"] & {} {
  const pending: Unit[] = [];
  let running = false;

  const alone = async (unit: Unit) => {
    try {
      unit.resolve(await db.transaction().execute((trx) => unit.work(storeFor(trx))));
    } catch (error) {
      unit.reject(error);
    }
  };

  const runGroup = async (): Promise<void> => {
    running = true;
    const group: Unit[] = [];
    const results: unknown[] = [];
    try {
      await db.connection().execute(async (conn) => {
        await sql`begin`.execute(conn);
        const started = performance.now();
        const store = storeFor(conn);
        try {
          while (pending.length && group.length < MAX_UNITS && performance.now() - started < MAX_MS) {
            const unit = pending.shift() as Unit;
            group.push(unit);
            results.push(await unit.work(store));
          }
          await sql`commit`.execute(conn);
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      });
      group.forEach((unit, i) => unit.resolve(results[i]));
    } catch {
      for (const unit of group) await alone(unit);
    } finally {
      running = false;
      if (pending.length) void runGroup();
    }
  };

  return <T>(work: (store: Store) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!running) void runGroup();
    });
}
