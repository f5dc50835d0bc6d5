import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqliteHandle } from "../../src/db/sqlite";
import { loadCatalog } from "../../src/domain/catalog/catalog";
import { setSoldOut, setStock } from "../../src/domain/catalog/stock-admin";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import { migratedDb, MONDAY_1030 } from "../helpers/test-app";

let db: SqliteHandle;
const version = async () => (await db.store.db.selectFrom("shops").select("catalog_version").where("id", "=", 1).executeTakeFirstOrThrow()).catalog_version;
const item = async (code: string) => (await loadCatalog(db.store, 1)).find((p) => p.code === code);

beforeEach(async () => {
  db = await migratedDb();
  await seedDemoShopIfEmpty(db.store, MONDAY_1030, "Asia/Ho_Chi_Minh");
});
afterEach(async () => {
  await db.close();
});

describe("the catalog kept behind its version", () => {
  it("the version trigger names every product column a catalog read returns, all but the stock", () => {
    const columns = (db.raw.prepare("SELECT name FROM pragma_table_info('products')").all() as { name: string }[]).map((c) => c.name).filter((c) => c !== "id" && c !== "stock");
    const trigger = (db.raw.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'products_version_update'").get() as { sql: string }).sql;
    const missing = columns.filter((c) => !trigger.includes(`NEW.${c} IS NOT OLD.${c}`));
    expect(columns.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it("a seller's edit is seen at the next read, whichever way it was written", async () => {
    expect((await item("A1"))?.name).not.toBe("Cơm gà mới");
    await db.store.db.updateTable("products").set({ name: "Cơm gà mới" }).where("code", "=", "A1").execute();
    expect((await item("A1"))?.name).toBe("Cơm gà mới");

    const a1 = (await item("A1"))!;
    const group = a1.optionGroups[0]!;
    await db.store.db.insertInto("product_options").values({ group_id: group.id, name: "Siêu lớn", price_delta: 20_000, sort: 9 }).execute();
    expect((await item("A1"))?.optionGroups[0]?.options.map((o) => o.name)).toContain("Siêu lớn");
    await db.store.db.deleteFrom("product_options").where("name", "=", "Siêu lớn").execute();
    expect((await item("A1"))?.optionGroups[0]?.options.map((o) => o.name)).not.toContain("Siêu lớn");

    await setSoldOut(db.store, 1, "A8", true);
    expect((await item("A8"))?.soldOut).toBe(true);
  });

  it("stock is always read as it is now, and only running out or coming back bumps the version", async () => {
    await setStock(db.store, 1, "A1", 5);
    const before = await version();
    await db.store.db.updateTable("products").set({ stock: 3 }).where("code", "=", "A1").execute();
    expect((await item("A1"))?.stock).toBe(3);
    expect(await version()).toBe(before);
    await db.store.db.updateTable("products").set({ stock: 0 }).where("code", "=", "A1").execute();
    expect(await version()).toBe(before + 1);
    expect((await item("A1"))?.stock).toBe(0);
    await setStock(db.store, 1, "A1", 7);
    expect(await version()).toBe(before + 2);
    expect((await item("A1"))?.stock).toBe(7);
  });

  it("is one per database and frozen, so no caller can change what the next one reads", async () => {
    const other = await migratedDb();
    try {
      await seedDemoShopIfEmpty(other.store, MONDAY_1030, "Asia/Ho_Chi_Minh");
      await other.store.db.updateTable("products").set({ name: "Ở chỗ khác" }).where("code", "=", "A1").execute();
      await loadCatalog(other.store, 1);
      expect((await item("A1"))?.name).not.toBe("Ở chỗ khác");
    } finally {
      await other.close();
    }
    const a1 = (await item("A1"))!;
    expect(() => {
      (a1 as { name: string }).name = "changed";
    }).toThrow(TypeError);
    expect(await loadCatalog(db.store, 999)).toEqual([]);
  });
});
