// A live-stream burst: N Telegram updates with comment orders (30% for a nearly sold-out item,
// duplicates and chatter mixed in) POSTed concurrently to the real webhook route of a started
// server, the outbox dispatcher delivering to the fake Bot API; and, on the same server and
// database file, the same number of requests doing one INSERT each: the floor.
import { sql } from "kysely";
import type { Update } from "grammy/types";
import { BOT_ID, SECRET, loadFromChild, peakRssMiB, percentile, startBenchServer, type BenchServer } from "./harness";

export interface BurstResult {
  updates: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  replyP50: number;
  replyP99: number;
  oversold: number;
  lost: number;
  duplicated: number;
  rssMiB: number;
  baselinePerSecond: number;
  baselineP99: number;
  ratio: number;
  ordersBefore: number;
}

const GROUPS = 50;
const HOT_STOCK = 40;
const CONCURRENCY = 64;

/** Fills the orders table with `count` old orders, to see whether the cost stays flat as it grows. */
async function preload(s: BenchServer, count: number): Promise<void> {
  if (count <= 0) return;
  await sql`INSERT INTO buyers (channel, user_id, name, created_at, updated_at) VALUES ('bench', 'old', 'old', '2026-01-01', '2026-01-01') ON CONFLICT DO NOTHING`.execute(s.db.store.db);
  await sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
    INSERT INTO orders (shop_id, code, source_key, buyer_id, channel, bot_id, chat_id, status, fulfilment, subtotal, total, pay_token, service_date, created_at, updated_at)
    SELECT 1, 'OLD' || i, 'old:' || i, (SELECT id FROM buyers WHERE user_id = 'old'), 'telegram', ${BOT_ID}, '1', 'delivered', 'pickup', 45000, 45000, 'old-token-' || i, '2026-01-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`.execute(s.db.store.db);
}

export async function benchCommentBurst(n: number, opts: { ordersBefore?: number } = {}): Promise<BurstResult> {
  const s = await startBenchServer();
  try {
    await preload(s, opts.ordersBefore ?? 0);
    await s.db.store.db.updateTable("products").set({ stock: 1_000_000 }).execute();
    await s.db.store.db.updateTable("products").set({ stock: HOT_STOCK }).where("code", "=", "A5").execute();
    const groups = Array.from({ length: GROUPS }, (_, i) => -500_000 - i);
    for (const g of groups) s.fake.addGroup({ id: g, title: `G${g}`, type: "supergroup", botIsAdmin: true });
    const users = Array.from({ length: 1000 }, (_, i) => 800_000 + i);
    for (const u of users) s.fake.addUser({ id: u, firstName: `U${u}` });

    // The mix: 70% orders (30% of all for the hot item), 20% chatter, 10% Telegram resending an update.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const updates: Update[] = [];
    let orders = 0;
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.1 && updates.length) {
        updates.push(updates[Math.floor(rnd() * updates.length)] as Update);
        continue;
      }
      const user = users[Math.floor(rnd() * users.length)] as number;
      const group = groups[Math.floor(rnd() * groups.length)] as number;
      const text = r < 0.4 ? `chốt A5 x1` : r < 0.8 ? `chốt ${rnd() < 0.5 ? "A1" : "A8"} x${1 + Math.floor(rnd() * 3)}` : ["ok shop", "giá bao nhiêu", "alo", "❤️"][Math.floor(rnd() * 4)] ?? "ok";
      if (r < 0.8) orders++;
      updates.push(s.fake.updates.groupText(user, group, text));
    }

    const bodies = updates.map((u) => JSON.stringify(u));
    const baseline = await loadFromChild(`${s.url}/bench/insert`, bodies, {}, CONCURRENCY);
    const ours = await loadFromChild(`${s.url}/webhooks/telegram/${BOT_ID}`, bodies, { "x-telegram-bot-api-secret-token": SECRET }, CONCURRENCY);
    const times = ours.times;
    const seconds = ours.seconds;
    const baselineSeconds = baseline.seconds;

    // Wait for every queued reply to leave the outbox.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const open = await s.db.store.db.selectFrom("outbox").select("id").where("status", "in", ["pending", "sending"]).execute();
      if (open.length === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const rows = await s.db.store.db.selectFrom("outbox").select(["dedupe_key", "status", "created_at", "sent_at"]).execute();
    const replyTimes = rows.filter((r) => r.sent_at).map((r) => Date.parse(r.sent_at ?? "") - Date.parse(r.created_at));
    const hot = await s.db.store.db.selectFrom("products").select("stock").where("code", "=", "A5").executeTakeFirstOrThrow();
    const held = await s.db.store.db
      .selectFrom("stock_reservations as r")
      .innerJoin("products as p", "p.id", "r.product_id")
      .select((eb) => eb.fn.sum<number>("r.qty").as("q"))
      .where("p.code", "=", "A5")
      .where("r.status", "=", "held")
      .executeTakeFirstOrThrow();
    const distinctOrders = new Set(updates.filter((u) => /chốt/.test(u.message?.text ?? "")).map((u) => u.update_id)).size;
    const perSecond = n / seconds;
    const baselinePerSecond = n / baselineSeconds;
    return {
      updates: n,
      perSecond,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      replyP50: percentile(replyTimes, 50),
      replyP99: percentile(replyTimes, 99),
      oversold: Math.max(0, Number(held.q ?? 0) - HOT_STOCK) + (hot.stock < 0 ? 1 : 0),
      lost: Math.max(0, distinctOrders - rows.length) + rows.filter((r) => r.status !== "sent").length,
      duplicated: Math.max(0, rows.length - distinctOrders),
      rssMiB: peakRssMiB(),
      baselinePerSecond,
      baselineP99: percentile(baseline.times, 99),
      ratio: perSecond / baselinePerSecond,
      ordersBefore: opts.ordersBefore ?? 0,
    };
  } finally {
    await s.stop();
  }
}
