// `npm run backup [-- <file>]`: a consistent copy of the live SQLite database, taken with SQLite's
// online backup API while the server keeps running (WAL mode lets it read and write meanwhile).
// The copy holds what the database holds (buyers' phones, sealed or clear secrets): it is written
// mode 0600, in a directory made 0700.
import { chmodSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";

const source = process.env.DATABASE_PATH || "./data/cho-chat.db";
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv.slice(2).find((a) => a !== "--") ?? join(dirname(source), "backups", `cho-chat-${stamp}.db`);

async function main(): Promise<void> {
  if (source === ":memory:") throw new Error("DATABASE_PATH is :memory: — there is nothing on disk to back up");
  // Every file SQLite creates for the copy (and its journal) is for the owner only, from the first byte.
  process.umask(0o077);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(source, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  await db.backup(target);
  db.close();
  // Also when the file already existed with a wider mode.
  chmodSync(target, 0o600);
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
