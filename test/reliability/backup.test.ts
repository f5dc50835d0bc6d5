import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../helpers/child-server";
import { migratedDb, serverAt, WebChatUser } from "../helpers/test-app";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
let server: ChildServer | undefined;
let dir = "";
afterEach(async () => {
  await server?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const restore = (file: string, dbPath: string) => run(process.execPath, ["--import", "tsx", "scripts/restore.ts", file], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath } });
const backup = (file: string, dbPath: string) => run(process.execPath, ["--import", "tsx", "scripts/backup.ts", file], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath } });
const mode = (file: string) => statSync(file).mode & 0o777;
const tables = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
  db.close();
  return names;
};
/** A web chat order taken over HTTP (cash, picked up). */
const order = async (url: string) => {
  const user = new WebChatUser(serverAt(url));
  await user.open();
  await user.say("A8");
  await user.say("1");
  await user.pickUpFromCart();
  await user.tap("Xác nhận đặt");
  await user.tap("Tiền mặt");
  return user;
};

const rows = (file: string, table: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  const all = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
  db.close();
  return all;
};

describe("backup and restore", () => {
  it("npm run backup copies the live database while the server takes orders; npm run restore puts it back", async () => {
    dir = mkdtempSync(join(tmpdir(), "cho-chat-backup-"));
    const dbPath = join(dir, "cho-chat.db");
    server = await startChildServer({ DATABASE_PATH: dbPath });
    const remote = serverAt(server.url);
    const order = async () => {
      const user = new WebChatUser(remote);
      await user.open();
      await user.say("A8");
      await user.say("1");
      await user.pickUpFromCart();
      await user.tap("Xác nhận đặt");
      await user.tap("Tiền mặt");
    };
    await order();
    await order();
    // Orders keep coming while the backup runs.
    const backupFile = join(dir, "backups", "copy.db");
    const [backup] = await Promise.all([run(process.execPath, ["--import", "tsx", "scripts/backup.ts", backupFile], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath } }), order()]);
    expect(backup.stdout).toMatch(/backup written: .*copy\.db \(\d+ bytes, [23] orders, integrity ok\)/);
    const copied = rows(backupFile, "orders");
    expect(copied.length).toBeGreaterThanOrEqual(2);
    await server.stop();
    server = undefined;
    const live = rows(dbPath, "orders");
    expect(live).toHaveLength(3);
    expect(live.slice(0, copied.length)).toEqual(copied);

    const restore = await run(process.execPath, ["--import", "tsx", "scripts/restore.ts", backupFile], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath } });
    expect(restore.stdout).toContain("restored");
    expect(rows(dbPath, "orders")).toEqual(copied);
    expect(existsSync(`${dbPath}.before-restore`)).toBe(true);
    for (const table of ["products", "stock_reservations", "order_items", "d1_migrations"]) expect(rows(dbPath, table)).toEqual(rows(backupFile, table));
    // The restored file serves again.
    server = await startChildServer({ DATABASE_PATH: dbPath });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 90_000);

  it("a restore refuses a file that is not a sound SQLite database", async () => {
    dir = mkdtempSync(join(tmpdir(), "cho-chat-backup-"));
    const bad = join(dir, "bad.db");
    await import("node:fs").then((fs) => fs.writeFileSync(bad, "not a database"));
    await expect(run(process.execPath, ["--import", "tsx", "scripts/restore.ts", bad], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: join(dir, "x.db") } })).rejects.toThrow(/restore failed/);
    expect(existsSync(join(dir, "x.db"))).toBe(false);
  }, 30_000);

  it("a restore refuses an SQLite file that is not a Chợ Chat database, and one made by a newer version; nothing is changed", async () => {
    dir = mkdtempSync(join(tmpdir(), "cho-chat-backup-"));
    const dbPath = join(dir, "cho-chat.db");
    const current = await migratedDb(dbPath);
    await current.store.db.insertInto("settings").values({ key: "marker", value: "the current database" }).execute();
    await current.close();
    const before = readFileSync(dbPath);

    const foreign = join(dir, "foreign.db");
    const other = new BetterSqlite3(foreign);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('a shopping list')");
    other.close();
    await expect(restore(foreign, dbPath)).rejects.toThrow(/restore failed: .*foreign\.db cannot be restored: it is not a Chợ Chat database \(no d1_migrations ledger\)\. Nothing was changed/);

    // A ledger alone is not enough: the shop's tables must be there.
    const ledgerOnly = join(dir, "ledger-only.db");
    const fake = new BetterSqlite3(ledgerOnly);
    fake.exec("CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY, name TEXT UNIQUE, applied_at TEXT); INSERT INTO d1_migrations (name) VALUES ('0001_init.sql')");
    fake.close();
    await expect(restore(ledgerOnly, dbPath)).rejects.toThrow(/not a Chợ Chat database \(no shops, products/);

    const newer = join(dir, "newer.db");
    copyFileSync(dbPath, newer);
    const future = new BetterSqlite3(newer);
    future.prepare("INSERT INTO d1_migrations (name) VALUES ('0999_from_the_future.sql')").run();
    future.close();
    await expect(restore(newer, dbPath)).rejects.toThrow(/made by a newer version of Chợ Chat \(migrations 0999_from_the_future\.sql\)/);

    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(existsSync(`${dbPath}.before-restore`)).toBe(false);
  }, 60_000);

  it("a restore refuses while the server runs (its lock), and what the server wrote afterwards is kept", async () => {
    dir = mkdtempSync(join(tmpdir(), "cho-chat-backup-"));
    const dbPath = join(dir, "cho-chat.db");
    server = await startChildServer({ DATABASE_PATH: dbPath });
    await order(server.url);
    const backupFile = join(dir, "backups", "copy.db");
    await backup(backupFile, dbPath);
    // A buyer comes after the backup was taken.
    const late = await order(server.url);

    await expect(restore(backupFile, dbPath)).rejects.toThrow(new RegExp(`restore failed: .*cho-chat\\.db is in use by a server \\(pid ${server.process.pid ?? "\\d+"}, since .*\\): stop the server first \\(nothing was changed\\)`));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const polled = await fetch(`${server.url}/api/webchat/demo/messages?session=${late.session}&after=0`);
    expect(polled.status).toBe(200);
    await server.stop();
    server = undefined;
    expect(rows(dbPath, "orders")).toHaveLength(2);
    expect(existsSync(`${dbPath}.before-restore`)).toBe(false);
    // And the other way round: a second server on the same file is refused too (one writer per database).
    server = await startChildServer({ DATABASE_PATH: dbPath });
    await expect(startChildServer({ DATABASE_PATH: dbPath })).rejects.toThrow(/Cannot start: .*cho-chat\.db is in use by a server/);
  }, 90_000);

  it("after a kill -9, the kept .before-restore is complete (schema and every order the -wal held); every file is 0600", async () => {
    dir = mkdtempSync(join(tmpdir(), "cho-chat-backup-"));
    const dbPath = join(dir, "cho-chat.db");
    server = await startChildServer({ DATABASE_PATH: dbPath });
    await order(server.url);
    const backupFile = join(dir, "backups", "copy.db");
    expect((await backup(backupFile, dbPath)).stdout).toMatch(/1 orders, integrity ok/);
    await order(server.url);
    await order(server.url);
    await server.kill();
    server = undefined;
    // The scenario: what the server wrote is still in the -wal, the main file alone lacks it.
    expect(statSync(`${dbPath}-wal`).size).toBeGreaterThan(0);
    const mainFileAlone = join(dir, "main-file-alone.db");
    copyFileSync(dbPath, mainFileAlone);
    expect(tables(mainFileAlone).includes("orders") ? rows(mainFileAlone, "orders").length : 0).toBeLessThan(3);

    const restored = await restore(backupFile, dbPath);
    expect(restored.stdout).toContain("restored");
    const kept = `${dbPath}.before-restore`;
    expect(tables(kept)).toEqual(expect.arrayContaining(["shops", "orders", "d1_migrations", "bots"]));
    expect(rows(kept, "orders")).toHaveLength(3);
    expect(restored.stdout).toMatch(/restored .*copy\.db → .*cho-chat\.db: 1 orders \(the previous database, with everything its -wal held, is .*cho-chat\.db\.before-restore: 3 orders\)/);
    expect(rows(dbPath, "orders")).toEqual(rows(backupFile, "orders"));
    expect(existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0).toBe(0);
    expect([mode(backupFile), mode(dbPath), mode(kept)]).toEqual([0o600, 0o600, 0o600]);

    server = await startChildServer({ DATABASE_PATH: dbPath });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(mode(dbPath)).toBe(0o600);
  }, 120_000);
});
