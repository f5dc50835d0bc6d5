// `npm run backup [-- <file>]`: a consistent copy of the live SQLite database, taken with SQLite's
// online backup API while the server keeps running (WAL mode lets it read and write meanwhile).
import { mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";

const source = process.env.DATABASE_PATH ?? "./data/cho-chat.db";
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? join(dirname(source), "backups", `cho-chat-${stamp}.db`);

async function main(): Promise<void> {
  if (source === ":memory:") throw new Error("DATABASE_PATH is :memory: — there is nothing on disk to back up");
  mkdirSync(dirname(target), { recursive: true });
  const db = new BetterSqlite3(source, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  await db.backup(target);
  db.close();
  const copy = new BetterSqlite3(target, { readonly: true });
  const check = copy.pragma("integrity_check", { simple: true });
  const orders = (copy.prepare("SELECT count(*) AS n FROM orders").get() as { n: number }).n;
  copy.close();
  if (check !== "ok") throw new Error(`the copy failed its integrity check: ${String(check)}`);
  console.log(`backup written: ${target} (${statSync(target).size} bytes, ${orders} orders, integrity ok)`);
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
