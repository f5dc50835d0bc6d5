// `npm run prune [-- --shop <slug> --chat-hours N --sent-days N --broadcast-days N]`: removes now what
// the scheduled prune would (src/jobs/prune.ts), run after run until nothing is left, and prints what
// it removed. With --shop and a setting, that shop's retention is changed first. Safe while the server
// runs (each run is short batches; SQLite lets the server go on meanwhile).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configSchema } from "../src/config";
import { migrateToLatest } from "../src/db/migrate";
import { openSqlite, readMigrationFiles } from "../src/db/sqlite";
import { setShopRetention, shopRetention, type RetentionSettings } from "../src/domain/retention/settings";
import { runPrune, type PruneStep } from "../src/jobs/prune";

const USAGE = "usage: npm run prune [-- --shop <slug> [--chat-hours N] [--sent-days N] [--broadcast-days N]]";
const SETTINGS = { "--chat-hours": "chatHours", "--sent-days": "sentDays", "--broadcast-days": "broadcastDays" } as const satisfies Record<string, keyof RetentionSettings>;

function stop(line: string): never {
  console.error(line);
  process.exit(1);
}

function readArgs(argv: readonly string[]): { shop?: string; change: Partial<RetentionSettings> } {
  const change: Partial<RetentionSettings> = {};
  let shop: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--") continue;
    if (a === "--shop") shop = argv[++i];
    else if (a in SETTINGS) {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) stop(`${a} needs a whole number (1 or more)\n${USAGE}`);
      change[SETTINGS[a as keyof typeof SETTINGS]] = n;
    } else stop(`unknown argument ${a}\n${USAGE}`);
  }
  if (Object.keys(change).length && !shop) stop(`say which shop: --shop <slug>\n${USAGE}`);
  return { ...(shop ? { shop } : {}), change };
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  const env = configSchema.pick({ DATABASE_PATH: true }).safeParse(process.env);
  const path = env.success ? env.data.DATABASE_PATH : "./data/cho-chat.db";
  if (path === ":memory:" || !existsSync(path)) stop(`no database at ${path} (set DATABASE_PATH)`);
  const sqlite = openSqlite(path);
  const report = await migrateToLatest(sqlite.migrationTarget, readMigrationFiles(fileURLToPath(new URL("../migrations", import.meta.url))));
  if (report.error) stop(`migration ${report.error.name} failed: ${report.error.message}`);
  if (args.shop && !(await setShopRetention(sqlite.store, args.shop, args.change))) stop(`no shop "${args.shop}"`);
  for (const s of await shopRetention(sqlite.store)) {
    if (!args.shop || s.slug === args.shop) console.log(`shop ${s.slug}: chat ${s.retention.chatHours} h, sent messages ${s.retention.sentDays} days, broadcast posts ${s.retention.broadcastDays} days`);
  }
  const pagesBefore = sqlite.raw.pragma("page_count", { simple: true }) as number;
  const total: Partial<Record<PruneStep, number>> = {};
  for (let run = 0; run < 10_000; run++) {
    const pruned = await runPrune(sqlite.store, new Date());
    for (const [step, n] of Object.entries(pruned.removed) as [PruneStep, number][]) total[step] = (total[step] ?? 0) + n;
    await sqlite.compact(10_000);
    if (!pruned.more) break;
  }
  const removed = Object.entries(total).filter(([step, n]) => n > 0 && step !== "webchat_session_rows");
  console.log(removed.length ? `removed: ${removed.map(([step, n]) => `${step} ${n}`).join(", ")}` : "removed: nothing (all within retention)");
  if (total.webchat_sessions) console.log(`  (${total.webchat_session_rows} rows with the ${total.webchat_sessions} idle web chat sessions: their messages, conversations, buyers)`);
  const pagesAfter = sqlite.raw.pragma("page_count", { simple: true }) as number;
  const free = sqlite.raw.pragma("freelist_count", { simple: true }) as number;
  console.log(`database: ${pagesBefore} → ${pagesAfter} pages${free ? ` (${free} free, reused before the file grows)` : ""}`);
  await sqlite.close();
}

main().catch((error: unknown) => stop(`prune failed: ${error instanceof Error ? error.message : String(error)}`));
