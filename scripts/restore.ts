// `npm run restore -- <backup file>`: puts a backup back as the database. Stop the server first:
// the running process holds the old file open. The backup is checked before anything is replaced,
// and the current database is kept beside it as <name>.before-restore.
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";

const backup = process.argv[2];
const target = process.env.DATABASE_PATH ?? "./data/cho-chat.db";

function main(): void {
  if (!backup || !existsSync(backup)) throw new Error("give the backup file: npm run restore -- data/backups/cho-chat-….db");
  const check = new BetterSqlite3(backup, { readonly: true, fileMustExist: true });
  const ok = check.pragma("integrity_check", { simple: true });
  check.close();
  if (ok !== "ok") throw new Error(`the backup failed its integrity check: ${String(ok)}`);
  if (existsSync(target)) {
    renameSync(target, `${target}.before-restore`);
    for (const side of ["-wal", "-shm"]) if (existsSync(target + side)) rmSync(target + side);
  }
  copyFileSync(backup, target);
  console.log(`restored ${backup} → ${target} (the previous file is ${target}.before-restore)`);
}

try {
  main();
} catch (error) {
  console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
