import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../helpers/child-server";
import { serverAt, WebChatUser } from "../helpers/test-app";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
let server: ChildServer | undefined;
let dir = "";
afterEach(async () => {
  await server?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

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
});
