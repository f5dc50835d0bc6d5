// Node-only: Kysely's driver for one better-sqlite3 connection, written here for two reasons.
// Kysely's own SqliteDriver guards the connection with a lock that wakes every waiter on each
// release (all but one go back to sleep, hundreds of wake-ups per query with 200 buyers waiting),
// and it never lets the event loop turn while queries queue (see FairLock). And here every
// statement is prepared once.
import type BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";

// Taken once: a test's fake timers must not be able to stall the database.
const nextTurn = globalThis.setImmediate;

/**
 * One holder at a time; the longest waiting goes next. better-sqlite3 is synchronous, so without
 * care a busy server would run query after query in one turn of the event loop while sockets wait:
 * Node accepts one new connection per turn, and 200 buyers opening the chat at once waited seconds
 * to be accepted. So the lock works in slices: once the holders of one turn have had `sliceMs`,
 * the next holder waits for the next turn (setImmediate), after the event loop has polled again.
 */
export class FairLock {
  #held = false;
  #sliceStart = performance.now();
  #turnScheduled = false;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly sliceMs = 5) {}

  acquire(): Promise<void> {
    if (!this.#held && this.#waiting.length === 0 && this.#inSlice()) {
      this.#held = true;
      return Promise.resolve();
    }
    const granted = new Promise<void>((resolve) => this.#waiting.push(resolve));
    if (!this.#held) this.#nextTurn();
    return granted;
  }

  release(): void {
    this.#held = false;
    if (this.#waiting.length === 0) return;
    if (this.#inSlice()) this.#grant();
    else this.#nextTurn();
  }

  #inSlice(): boolean {
    return performance.now() - this.#sliceStart < this.sliceMs;
  }

  #grant(): void {
    const next = this.#waiting.shift();
    if (!next) return;
    this.#held = true;
    next();
  }

  #nextTurn(): void {
    if (this.#turnScheduled) return;
    this.#turnScheduled = true;
    nextTurn(() => {
      this.#turnScheduled = false;
      this.#sliceStart = performance.now();
      if (!this.#held) this.#grant();
    });
  }
}

/** better-sqlite3's statements, prepared once per distinct SQL text (bounded: ad-hoc SQL cannot grow it without end). */
export function statementCache(raw: BetterSqlite3.Database, max = 2_000) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  let run = 0;
  return {
    prepare(sql: string): BetterSqlite3.Statement {
      run++;
      let statement = statements.get(sql);
      if (!statement) {
        statement = raw.prepare(sql);
        if (statements.size >= max) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
    /** How many statements have been run through it. */
    count: () => run,
  };
}

type Prepare = (sql: string) => BetterSqlite3.Statement;

class Connection implements DatabaseConnection {
  constructor(private readonly prepare: Prepare) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming is not used with SQLite here");
  }
}

class QueuedSqliteDriver implements Driver {
  readonly #lock = new FairLock();
  readonly #connection: Connection;

  constructor(
    private readonly raw: BetterSqlite3.Database,
    prepare: Prepare,
  ) {
    this.#connection = new Connection(prepare);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.#lock.release();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }

  /** Closes once the work already queued has run (closing under it would fail it half done). */
  async destroy(): Promise<void> {
    await this.#lock.acquire();
    this.raw.close();
  }
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A Kysely dialect for SQLite over one better-sqlite3 connection, with the queued driver above. */
export function queuedSqliteDialect(raw: BetterSqlite3.Database, prepare: Prepare): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new QueuedSqliteDriver(raw, prepare),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
  };
}
