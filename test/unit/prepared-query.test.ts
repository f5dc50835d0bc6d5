import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqliteHandle } from "../../src/db/sqlite";
import { preparedQuery } from "../../src/db/prepared";
import { migratedDb } from "../helpers/test-app";

let db: SqliteHandle;
beforeEach(async () => {
  db = await migratedDb();
});
afterEach(async () => {
  await db.close();
});

const buyerNamed = preparedQuery((k, v: { channel: string; userId: string }) => k.selectFrom("buyers").select(["name", "user_id"]).where("channel", "=", v.channel).where("user_id", "=", v.userId));
const addBuyer = preparedQuery((k, v: { userId: string; name: string }) => k.insertInto("buyers").values({ channel: "webchat", user_id: v.userId, name: v.name, created_at: "t", updated_at: "t" }).onConflict((oc) => oc.doNothing()));

describe("a query built once", () => {
  it("runs with each call's own values, the constants kept, the SQL compiled once", async () => {
    expect(await addBuyer.changes(db.store.db, { userId: "u1", name: "Lan" })).toBe(1);
    expect(await addBuyer.changes(db.store.db, { userId: "u2", name: "Huệ" })).toBe(1);
    expect(await addBuyer.changes(db.store.db, { userId: "u1", name: "again" })).toBe(0);
    expect(await buyerNamed.rows(db.store.db, { channel: "webchat", userId: "u2" })).toEqual([{ name: "Huệ", user_id: "u2" }]);
    expect(await buyerNamed.rows(db.store.db, { channel: "webchat", userId: "u1" })).toEqual([{ name: "Lan", user_id: "u1" }]);
    const first = buyerNamed.compile(db.store.db, { channel: "a", userId: "b" });
    const second = buyerNamed.compile(db.store.db, { channel: "c", userId: "d" });
    expect(second.sql).toBe(first.sql);
    expect(second.parameters).toEqual(["c", "d"]);
  });

  it("refuses a call that leaves a value out, instead of running with a placeholder", async () => {
    await expect(buyerNamed.rows(db.store.db, { channel: "webchat" } as never)).rejects.toThrow(/no value for userId/);
  });
});
