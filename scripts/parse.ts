// `npm run parse -- --shop <slug> [--json] "<comment>"`: how that shop's catalog reads a comment —
// the items with options and quantities, the phone, the note, what was read past, and what the bot
// would answer. With --json, exactly the CONTRACT.md shape. The same reading the dashboard's
// "Thử bình luận" box shows (explainComment).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { explainComment, type CommentExplanation } from "../flows/comment/explain";
import { configSchema } from "../src/config";
import { migrateToLatest } from "../src/db/migrate";
import { openSqlite, readMigrationFiles, type SqliteHandle } from "../src/db/sqlite";
import { loadCatalog, type CatalogItem } from "../src/domain/catalog/catalog";
import { seedDemoShopIfEmpty } from "../src/domain/shops/demo-seed";

const USAGE = 'usage: npm run parse -- --shop <slug> [--json] "<comment>"';

interface Args {
  shop: string;
  json: boolean;
  comment: string;
}

function readArgs(argv: readonly string[]): Args | undefined {
  let shop = "";
  let json = false;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--json") json = true;
    else if (a === "--shop") shop = argv[++i] ?? "";
    else if (a.startsWith("--shop=")) shop = a.slice("--shop=".length);
    else if (a === "--") continue;
    else words.push(a);
  }
  // Unquoted words are one comment too: `npm run parse -- --shop demo chốt A1 2`.
  const comment = words.join(" ");
  return shop && comment.trim() ? { shop, json, comment } : undefined;
}

function stop(line: string, code: number): never {
  console.error(line);
  process.exit(code);
}

async function migrated(path: string): Promise<SqliteHandle> {
  const sqlite = openSqlite(path);
  const report = await migrateToLatest(sqlite.migrationTarget, readMigrationFiles(fileURLToPath(new URL("../migrations", import.meta.url))));
  if (report.error) stop(`parse: migration ${report.error.name} failed: ${report.error.message}`, 1);
  return sqlite;
}

/**
 * The server's database (DATABASE_PATH), migrated as `npm start` would. With no shop in it (or no
 * file yet: a fresh clone) and DEMO not false, a database in memory with the demo shop, so the
 * command works before the server ever ran; the file is never created here.
 */
async function openDatabase(env: { DATABASE_PATH: string; DEMO: boolean; TZ_SHOP: string }): Promise<{ sqlite: SqliteHandle; where: string }> {
  const onDisk = env.DATABASE_PATH !== ":memory:" && existsSync(env.DATABASE_PATH);
  if (onDisk) {
    const sqlite = await migrated(env.DATABASE_PATH);
    const any = await sqlite.store.db.selectFrom("shops").select("id").limit(1).executeTakeFirst();
    if (any || !env.DEMO) return { sqlite, where: env.DATABASE_PATH };
    await sqlite.close();
  }
  const sqlite = await migrated(":memory:");
  if (env.DEMO) await seedDemoShopIfEmpty(sqlite.store, new Date(), env.TZ_SHOP);
  const why = onDisk ? "has no shop yet" : "does not exist yet";
  return { sqlite, where: env.DEMO ? `the demo database (${env.DATABASE_PATH} ${why})` : `${env.DATABASE_PATH} (it ${why})` };
}

/** The reading as a few lines for a person. */
function readingText(e: CommentExplanation, catalog: readonly CatalogItem[]): string {
  const lines: string[] = [];
  if (e.items.length) {
    lines.push("order:");
    for (const i of e.items) {
      const p = catalog.find((x) => x.code === i.code);
      lines.push(`  ${i.code}${p ? ` ${p.name}` : ""} × ${i.qty}${p ? ` ${p.unit}` : ""}${i.options.length ? ` — ${i.options.join(", ")}` : ""}`);
    }
  } else lines.push(e.answer ? "not read in full: no order is taken" : "chatter: not an order, the bot stays silent");
  if (e.phone) lines.push(`phone:   ${e.phone}`);
  if (e.note) lines.push(`note:    ${e.note}`);
  if (e.ignored.length) lines.push(`ignored: ${e.ignored.join(" · ")}`);
  if (e.answer) lines.push(`answer:  ${e.answer}`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  if (!args) stop(USAGE, 2);
  const env = configSchema.pick({ DATABASE_PATH: true, DEMO: true, TZ_SHOP: true }).safeParse(process.env);
  if (!env.success) stop(env.error.issues.map((i) => `parse: ${String(i.path[0] ?? "environment")}: ${i.message}`).join("\n"), 1);
  const { sqlite, where } = await openDatabase(env.data);
  try {
    const shop = await sqlite.store.db.selectFrom("shops").selectAll().where("slug", "=", args.shop).executeTakeFirst();
    if (!shop) {
      const slugs = (await sqlite.store.db.selectFrom("shops").select("slug").orderBy("id").execute()).map((s) => s.slug);
      stop(`parse: no shop "${args.shop}" in ${where}${slugs.length ? ` (shops: ${slugs.join(", ")})` : ""}`, 2);
    }
    const catalog = await loadCatalog(sqlite.store, shop.id);
    const explanation = explainComment(catalog, shop, args.comment);
    console.log(args.json ? JSON.stringify(explanation) : `${shop.name} (${shop.slug}) reads this comment as\n${readingText(explanation, catalog)}`);
  } finally {
    await sqlite.close();
  }
}

main().catch((error: unknown) => {
  console.error(`parse failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
