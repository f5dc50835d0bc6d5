import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqliteHandle } from "../../src/db/sqlite";
import type { Store } from "../../src/db/store";
import { migratedDb } from "../helpers/test-app";

let dir = "";
let db: SqliteHandle;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "group-commit-"));
  db = await migratedDb(join(dir, "g.db"));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const addBuyer = (store: Store, id: string) => sql`INSERT INTO buyers (channel, user_id, name, created_at, updated_at) VALUES ('webchat', ${id}, ${id}, 't', 't')`.execute(store.db);
const buyersSeen = (store: Store) => sql<{ n: number }>`SELECT count(*) AS n FROM buyers`.execute(store.db).then((r) => Number(r.rows[0]?.n));
const atomic = (work: (store: Store) => Promise<unknown>) => (db.store.atomic as NonNullable<Store["atomic"]>)(work);

describe("atomic units that queue together share one commit", () => {
  it("each sees its own writes and those before it; all are on disk when their callers hear back", async () => {
    const before = db.statementsRun();
    const seen = await Promise.all(
      ["a", "b", "c", "d"].map((id) =>
        atomic(async (store) => {
          await addBuyer(store, id);
          return buyersSeen(store);
        }),
      ),
    );
    expect(seen).toEqual([1, 2, 3, 4]);
    // 4 units × 2 statements, one begin and one commit: not 4 of each.
    expect(db.statementsRun() - before).toBe(10);
    const other = new BetterSqlite3(join(dir, "g.db"), { readonly: true });
    try {
      expect((other.prepare("SELECT count(*) AS n FROM buyers").get() as { n: number }).n).toBe(4);
    } finally {
      other.close();
    }
  });

  it("a unit that fails is undone alone: the others commit, each caller gets its own answer", async () => {
    const outcomes = await Promise.allSettled(
      ["a", "b", "c"].map((id) =>
        atomic(async (store) => {
          await addBuyer(store, id);
          if (id === "b") throw new Error("crash in b");
          return id;
        }),
      ),
    );
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual(["a", "crash in b", "c"]);
    const names = await sql<{ user_id: string }>`SELECT user_id FROM buyers ORDER BY user_id`.execute(db.store.db);
    expect(names.rows.map((r) => r.user_id)).toEqual(["a", "c"]);
  });

  it("other queries wait for the group and never land inside it", async () => {
    const unit = atomic(async (store) => {
      await addBuyer(store, "a");
      await new Promise((r) => setTimeout(r, 20));
      throw new Error("undone");
    });
    const outside = addBuyer(db.store, "outside");
    await expect(unit).rejects.toThrow("undone");
    await outside;
    const names = await sql<{ user_id: string }>`SELECT user_id FROM buyers ORDER BY user_id`.execute(db.store.db);
    expect(names.rows.map((r) => r.user_id)).toEqual(["outside"]);
  });
});
