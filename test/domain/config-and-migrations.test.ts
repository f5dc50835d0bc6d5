import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { migrateToLatest, type MigrationTarget } from "../../src/db/migrate";
import { openSqlite, readMigrationFiles } from "../../src/db/sqlite";
import { MIGRATIONS_DIR } from "../helpers/test-app";

describe("config", () => {
  it("starts with no environment at all, on the contract's defaults", () => {
    const c = loadConfig({});
    expect(c.ok && c.value).toMatchObject({ PORT: 3000, HOST: "0.0.0.0", DATABASE_PATH: "./data/cho-chat.db", DEMO: true, TZ_SHOP: "Asia/Ho_Chi_Minh", TELEGRAM_API_ROOT: "https://api.telegram.org" });
  });
  it("names each wrong variable on its own line", () => {
    const c = loadConfig({ PORT: "abc", TELEGRAM_BOT_TOKEN: "not-a-token", TZ_SHOP: "Mars/Olympus", DEMO: "maybe" });
    expect(c.ok).toBe(false);
    const lines = c.ok ? [] : c.reason.split("\n");
    expect(lines.map((l) => l.split(":")[0]).sort()).toEqual(["DEMO", "PORT", "TELEGRAM_BOT_TOKEN", "TZ_SHOP"]);
  });
  it("reads DEMO=false and trims a trailing slash from PUBLIC_URL", () => {
    const c = loadConfig({ DEMO: "false", PUBLIC_URL: "https://shop.example.vn/" });
    expect(c.ok && [c.value.DEMO, c.value.PUBLIC_URL]).toEqual([false, "https://shop.example.vn"]);
  });
});

describe("migrations", () => {
  it("apply once, recorded in wrangler's d1_migrations ledger", async () => {
    const db = openSqlite(":memory:");
    const files = readMigrationFiles(MIGRATIONS_DIR);
    expect(files[0]?.name).toBe("0001_init.sql");
    expect(await migrateToLatest(db.migrationTarget, files)).toEqual({ applied: files.map((f) => f.name) });
    expect(await migrateToLatest(db.migrationTarget, files)).toEqual({ applied: [] });
    const ledger = db.raw.prepare("SELECT name FROM d1_migrations").all();
    expect(ledger).toEqual(files.map((f) => ({ name: f.name })));
    await db.close();
  });

  it("report a failing migration instead of throwing, and leave nothing half-applied", async () => {
    const db = openSqlite(":memory:");
    const report = await migrateToLatest(db.migrationTarget, [
      { name: "0001_ok.sql", sql: "CREATE TABLE a (x INTEGER);" },
      { name: "0002_bad.sql", sql: "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;" },
    ]);
    expect(report.applied).toEqual(["0001_ok.sql"]);
    expect(report.error?.name).toBe("0002_bad.sql");
    expect(db.raw.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").all()).toEqual([]);
    await db.close();
  });

  it("a target that cannot even create the ledger is reported too", async () => {
    const broken: MigrationTarget = {
      exec: async () => {
        throw new Error("disk I/O error");
      },
      appliedNames: async () => [],
      applyOne: async () => undefined,
    };
    expect(await migrateToLatest(broken, [])).toEqual({ applied: [], error: { name: "(ledger)", message: "disk I/O error" } });
  });
});
