// `npm run demo:orders [-- --month YYYY-MM]`: fills the demo shop with a month of orders (last month by
// default), made the way the app makes them (src/domain/shops/demo-orders.ts, the same generator the
// books' tests check against), so the books, the declaration drafts and the cash book can be seen
// filled in at /dashboard/books. Only into a demo shop that has no orders yet: never mixed into a
// shop's real sales.
import { fileURLToPath } from "node:url";
import { configSchema } from "../src/config";
import { migrateToLatest } from "../src/db/migrate";
import { openSqlite, readMigrationFiles } from "../src/db/sqlite";
import { daysIn, monthEnd } from "../src/domain/books/period";
import { revenueLines, revenueTotals } from "../src/domain/books/revenue-lines";
import { RULES_COVER_FROM } from "../src/domain/books/rules/tax-rules";
import { formatVnd } from "../src/domain/money";
import { demoShopOrderCount, seedMonthOfOrders } from "../src/domain/shops/demo-orders";
import { seedDemoShopIfEmpty } from "../src/domain/shops/demo-seed";
import { addDays, localTime } from "../src/platform/shop-time";

const USAGE = "usage: npm run demo:orders [-- --month YYYY-MM]   (a month from 2026-01 to last month; last month by default)";

function stop(line: string): never {
  console.error(line);
  process.exit(1);
}

/** The month asked for (or last month), checked: from the rules' first month up to last month. */
function monthOf(argv: readonly string[], today: string): { from: string; days: number } {
  const args = argv.filter((a) => a !== "--");
  let month: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--month") month = args[++i];
    else stop(`unknown argument ${args[i]}\n${USAGE}`);
  }
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  month ??= lastMonth;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) stop(`--month must look like 2026-11\n${USAGE}`);
  if (`${month}-01` < RULES_COVER_FROM || month > lastMonth) stop(`--month must be from ${RULES_COVER_FROM.slice(0, 7)} to ${lastMonth}\n${USAGE}`);
  const from = `${month}-01`;
  return { from, days: daysIn({ from, to: monthEnd(from) }) };
}

async function main(): Promise<void> {
  const env = configSchema.pick({ DATABASE_PATH: true, TZ_SHOP: true }).safeParse(process.env);
  if (!env.success) stop(`DATABASE_PATH or TZ_SHOP: ${env.error.issues[0]?.message ?? "invalid"}`);
  const { DATABASE_PATH: path, TZ_SHOP: timeZone } = env.data;
  if (path === ":memory:") stop("DATABASE_PATH is :memory:, nothing would be kept: give the server's database file");
  const { from, days } = monthOf(process.argv.slice(2), localTime(new Date(), timeZone).date);
  const sqlite = openSqlite(path);
  const report = await migrateToLatest(sqlite.migrationTarget, readMigrationFiles(fileURLToPath(new URL("../migrations", import.meta.url))));
  if (report.error) stop(`migration ${report.error.name} failed: ${report.error.message}`);
  await seedDemoShopIfEmpty(sqlite.store, new Date(), timeZone);
  const count = await demoShopOrderCount(sqlite.store);
  if (count === null) stop(`${path} has shops but no demo shop (slug "demo"): nothing was added`);
  if (count > 0) stop(`the demo shop already has ${count} orders: nothing was added (this fills only an empty demo shop)`);
  const month = await seedMonthOfOrders(sqlite.store, { from, days });
  const lines = await revenueLines(sqlite.store, month.shop, { from: month.from, to: month.to });
  const delivered = month.orders.filter((o) => o.fate === "delivered").length;
  console.log(`demo shop: ${month.orders.length} orders from ${month.from} to ${month.to} (${delivered} delivered), with returns, transfers and rows added by hand`);
  console.log(`revenue in S1a-HKD for the month: ${formatVnd(revenueTotals(lines).total)}`);
  console.log(`see them: npm start, log in, then /dashboard/books?shop=demo&month=${from.slice(0, 7)}`);
  await sqlite.close();
}

main().catch((error: unknown) => stop(`demo:orders failed: ${error instanceof Error ? error.message : String(error)}`));
