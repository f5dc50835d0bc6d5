// `npm run restore -- <backup file>`: puts a backup back as the database (DATABASE_PATH). It refuses
// - a file that is not a sound Chợ Chat database: integrity check, the d1_migrations ledger of our
//   migrations (none this version does not know), and the tables a shop's data lives in;
// - while a server (or another restore) holds the database: the lock the server takes at start
//   (<database>.lock, released by the OS however the server ended, kill -9 included).
// Before anything is replaced, the current database is copied whole, its -wal included, to
// <database>.before-restore (SQLite's backup API, then checked) and checkpointed, so no -wal of the
// old file is left behind to be read into the new one. Every file written is mode 0600.
import { chmodSync, existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { lockDatabase, PRIVATE_FILE_MODE } from "../src/db/sqlite";

const backup = process.argv.slice(2).find((a) => a !== "--");
const target = process.env.DATABASE_PATH || "./data/cho-chat.db";
const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));
// Where a shop's data is: a file without these is not ours, whatever else it holds.
const REQUIRED_TABLES = ["shops", "products", "buyers", "orders", "order_items", "bank_transactions", "outbox", "settings", "bots"];

// Every file this writes (the copies, the restored database) is for the owner only.
process.umask(0o077);

/** Why `file` cannot be restored, or undefined when it is a sound Chợ Chat database this version can run. */
function refusal(file: string): string | undefined {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return `it failed its integrity check: ${String(integrity)}`;
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has("d1_migrations")) return "it is not a Chợ Chat database (no d1_migrations ledger)";
    const applied = (db.prepare("SELECT name FROM d1_migrations").all() as { name: string }[]).map((r) => r.name);
    const known = new Set(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql")));
    if (!applied.includes("0001_init.sql")) return "it is not a Chợ Chat database (its migration ledger lacks 0001_init.sql)";
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length) return `it was made by a newer version of Chợ Chat (migrations ${unknown.join(", ")}); update this one first`;
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) return `it is not a Chợ Chat database (no ${missing.join(", ")} table)`;
    return undefined;
  } catch (error) {
    return `it is not a readable SQLite database (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db?.close();
  }
}

function ordersIn(file: string): string {
  try {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      return String((db.prepare("SELECT count(*) AS n FROM orders").get() as { n: number }).n);
    } finally {
      db.close();
    }
  } catch {
    return "unreadable, kept as it was:";
  }
}

/** A consistent single-file copy of a database (its WAL included) at `to`, written beside it first, checked, 0600. */
async function copyDatabase(from: BetterSqlite3.Database, to: string): Promise<void> {
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  await from.backup(partial);
  chmodSync(partial, PRIVATE_FILE_MODE);
  const check = new BetterSqlite3(partial, { readonly: true, fileMustExist: true });
  const integrity = check.pragma("integrity_check", { simple: true });
  check.close();
  if (integrity !== "ok") throw new Error(`the copy ${to} failed its integrity check: ${String(integrity)}`);
  // A -wal left beside an older file of that name would be read into this one.
  for (const side of ["-wal", "-shm"]) rmSync(to + side, { force: true });
  renameSync(partial, to);
}

/**
 * Keeps the current database as `before`, complete, and leaves no -wal of it beside `target`. Through
 * SQLite, so what is still only in the -wal (after a kill -9, possibly everything) is in the copy;
 * then the -wal is folded into the file and emptied. A file too damaged to read is kept as its files
 * are (`before` and `before`-wal, which SQLite reads together).
 */
async function keepCurrent(before: string): Promise<void> {
  let current: BetterSqlite3.Database | undefined;
  try {
    current = new BetterSqlite3(target, { fileMustExist: true, timeout: 5_000 });
    await copyDatabase(current, before);
  } catch (error) {
    current?.close();
    console.warn(`the current database does not read (${error instanceof Error ? error.message : String(error)}); keeping its files as they are`);
    rmSync(`${before}-shm`, { force: true });
    renameSync(target, before);
    if (existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${before}-wal`);
    else rmSync(`${before}-wal`, { force: true });
    return;
  }
  try {
    const [checkpoint] = current.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
    if (checkpoint && checkpoint.busy !== 0) throw new Error(`another program has ${target} open; close it first (the database is unchanged; a copy is at ${before})`);
  } finally {
    current.close();
  }
  const wal = `${target}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw new Error(`${wal} was written after the checkpoint: another program has the database open (nothing was replaced)`);
}

async function main(): Promise<void> {
  if (!backup || !existsSync(backup)) throw new Error("give the backup file: npm run restore -- data/backups/cho-chat-….db");
  if (target === ":memory:") throw new Error("DATABASE_PATH is :memory: — there is no file to restore into");
  const why = refusal(backup);
  if (why) throw new Error(`${backup} cannot be restored: ${why}. Nothing was changed`);

  const lock = lockDatabase(target, "restore");
  if (!lock.ok) throw new Error(`${lock.reason}: stop the server first (nothing was changed)`);
  try {
    const before = `${target}.before-restore`;
    if (existsSync(target)) await keepCurrent(before);
    const source = new BetterSqlite3(backup, { readonly: true, fileMustExist: true });
    try {
      await copyDatabase(source, `${target}.restoring`);
    } finally {
      source.close();
    }
    for (const side of ["-wal", "-shm"]) rmSync(target + side, { force: true });
    renameSync(`${target}.restoring`, target);
    const kept = existsSync(before) ? ` (the previous database, with everything its -wal held, is ${before}: ${ordersIn(before)} orders)` : "";
    console.log(`restored ${backup} → ${target}: ${ordersIn(target)} orders${kept}`);
  } finally {
    lock.release();
  }
}

main().catch((error: unknown) => {
  console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
