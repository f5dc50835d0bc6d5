// A live-stream burst: unique Telegram comment updates (30% for a 40-unit item, chatter mixed in)
// POSTed by wrk to the real webhook route of a started server, with the outbox dispatcher
// delivering to the fake Bot API; and first, on the same server, database file, client and number
// of connections, requests doing one INSERT each: the floor. Then 10% of what was sent is sent
// again (Telegram resends): it must change nothing.
import { sql } from "kysely";
import type { Update } from "grammy/types";
import { startCpuProfile, type HotFunction } from "./cpu-profile";
import { BOT_ID, SECRET, percentile, startBenchServer, type BenchServer } from "./harness";
import { runWrk, type WrkResult } from "./wrk";

export interface BurstResult {
  burst: WrkResult;
  baseline: WrkResult;
  /** p50 / p99 of the time in the server (bench/harness.ts), for the baseline and the burst. */
  inServer: { baseline: [number, number]; burst: [number, number] };
  ratio: number;
  statementsPerUpdate: number;
  /** The server process's CPU time per request (it shares the process with the fake Bot API and the dispatcher). */
  cpuMsPerRequest: { baseline: number; burst: number };
  replyP50: number;
  replyP99: number;
  oversold: number;
  lost: number;
  duplicated: number;
  resentChangedSomething: number;
  rssMiB: number;
  ordersBefore: number;
  hot: HotFunction[];
}

const GROUPS = 50;
const HOT_STOCK = 40;
export const BURST_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

/** Fills the orders table with `count` old orders, to see whether the cost stays flat as it grows. */
async function preload(s: BenchServer, count: number): Promise<void> {
  if (count <= 0) return;
  await sql`INSERT INTO buyers (channel, user_id, name, created_at, updated_at) VALUES ('bench', 'old', 'old', '2026-01-01', '2026-01-01') ON CONFLICT DO NOTHING`.execute(s.db.store.db);
  await sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
    INSERT INTO orders (shop_id, code, source_key, buyer_id, channel, bot_id, chat_id, status, fulfilment, subtotal, total, pay_token, service_date, created_at, updated_at)
    SELECT 1, 'OLD' || i, 'old:' || i, (SELECT id FROM buyers WHERE user_id = 'old'), 'telegram', ${BOT_ID}, '1', 'delivered', 'pickup', 45000, 45000, 'old-token-' || i, '2026-01-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`.execute(s.db.store.db);
}

/**
 * `count` unique comment updates: 70% orders (30% of all for the hot item), 30% chatter. Written as
 * Telegram's JSON directly (not through the fake's update builders, which keep every message):
 * the server's memory is what is measured.
 */
const groups = Array.from({ length: GROUPS }, (_, i) => -500_000 - i);
const users = Array.from({ length: 1000 }, (_, i) => 800_000 + i);

function commentUpdates(count: number): { bodies: string[]; comments: { id: string; text: string }[] } {
  let seed = 7;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const date = Math.floor(Date.now() / 1000);
  const updates = Array.from({ length: count }, (_, i) => {
    const r = rnd();
    const user = users[Math.floor(rnd() * users.length)] as number;
    const group = groups[Math.floor(rnd() * groups.length)] as number;
    const text = r < 0.3 ? `chốt A5 x1` : r < 0.7 ? `chốt ${rnd() < 0.5 ? "A1" : "A8"} x${1 + Math.floor(rnd() * 3)}` : (["ok shop", "giá bao nhiêu", "alo", "❤️"][Math.floor(rnd() * 4)] ?? "ok");
    return {
      update_id: 900_000_000 + i,
      message: { message_id: 10_000 + i, date, chat: { id: group, type: "supergroup", title: `G${group}` }, from: { id: user, is_bot: false, first_name: `U${user}` }, text },
    } as Update;
  });
  // Only the JSON and what the checks need are kept: the server's memory is what is measured.
  return { bodies: updates.map((u) => JSON.stringify(u)), comments: updates.map((u) => ({ id: String(u.update_id), text: u.message?.text ?? "" })) };
}

/** The process's resident memory, sampled while `work` runs: its peak, in MiB. */
async function peakRssDuring<T>(work: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  try {
    const value = await work();
    return { value, peakMiB: Math.round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

export async function benchCommentBurst(opts: { seconds: number; pool: number; ordersBefore?: number; profile?: boolean }): Promise<BurstResult> {
  const s = await startBenchServer({ groups, users });
  try {
    await preload(s, opts.ordersBefore ?? 0);
    await s.db.store.db.updateTable("products").set({ stock: 1_000_000 }).execute();
    await s.db.store.db.updateTable("products").set({ stock: HOT_STOCK }).where("code", "=", "A5").execute();
    const { bodies, comments } = commentUpdates(opts.pool);

    const inServer = async <T>(work: () => Promise<T>): Promise<[T, [number, number]]> => {
      s.serverTimes.ms = [];
      s.serverTimes.recording = true;
      try {
        const value = await work();
        return [value, [percentile(s.serverTimes.ms, 50), percentile(s.serverTimes.ms, 99)]];
      } finally {
        s.serverTimes.recording = false;
      }
    };
    const cpu0 = process.cpuUsage();
    const [baseline, baselineInServer] = await inServer(() => runWrk({ url: `${s.url}/bench/insert`, bodies, connections: BURST_CONNECTIONS, seconds: opts.seconds }));
    const cpu1 = process.cpuUsage(cpu0);
    const cpu2 = process.cpuUsage();
    const statementsBefore = s.db.statementsRun();
    const [{ value: burst, peakMiB }, burstInServer] = await inServer(() =>
      peakRssDuring(() => runWrk({ url: `${s.url}/webhooks/telegram/${BOT_ID}`, bodies, headers: { "x-telegram-bot-api-secret-token": SECRET }, connections: BURST_CONNECTIONS, seconds: opts.seconds })),
    );
    const statements = s.db.statementsRun() - statementsBefore;
    const cpu3 = process.cpuUsage(cpu2);
    // The profile costs the server time of its own: taken in a short run of its own, on updates not sent yet.
    let hot: HotFunction[] = [];
    if (opts.profile) {
      const stop = await startCpuProfile();
      await runWrk({ url: `${s.url}/webhooks/telegram/${BOT_ID}`, bodies: bodies.slice(burst.bodiesSent + 64), headers: { "x-telegram-bot-api-secret-token": SECRET }, connections: BURST_CONNECTIONS, seconds: Math.min(3, opts.seconds) });
      hot = await stop(10);
    }
    if (burst.bodiesSent * 1.5 >= bodies.length) throw new Error(`the burst ran out of fresh updates (${bodies.length}): raise BENCH_POOL`);

    // Requests wrk left in flight (or in a socket's buffer) when it stopped finish first: wait until nothing moves.
    const outboxCount = async () => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM outbox`.execute(s.db.store.db)).rows[0]?.n ?? 0);
    for (let last = -1, i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const now = (await outboxCount()) + (await s.db.store.db.selectFrom("inbound_events").select("event_id").execute()).length;
      if (now === last) break;
      last = now;
    }
    // Telegram resends some: a tenth of what was taken, sent again, must queue nothing more.
    const outboxBefore = await outboxCount();
    const taken = new Set((await s.db.store.db.selectFrom("inbound_events").select("event_id").where("channel", "=", "telegram").execute()).map((r) => r.event_id));
    const sent = bodies.filter((_, i) => taken.has(comments[i]?.id ?? ""));
    for (const body of sent.filter((_, i) => i % 10 === 0)) {
      const res = await fetch(`${s.url}/webhooks/telegram/${BOT_ID}`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body });
      await res.arrayBuffer();
    }
    const outboxAfter = await outboxCount();

    // Wait for every queued reply to leave the outbox.
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const open = await s.db.store.db.selectFrom("outbox").select("id").where("status", "in", ["pending", "sending"]).execute();
      if (open.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const answered = new Set((await s.db.store.db.selectFrom("inbound_events").select("event_id").where("channel", "=", "telegram").where("response", "is not", null).execute()).map((r) => r.event_id));
    const rows = await s.db.store.db.selectFrom("outbox").select(["dedupe_key", "status", "created_at", "sent_at"]).execute();
    const replyTimes = rows.filter((r) => r.sent_at).map((r) => Date.parse(r.sent_at ?? "") - Date.parse(r.created_at));
    const hotStock = await s.db.store.db.selectFrom("products").select("stock").where("code", "=", "A5").executeTakeFirstOrThrow();
    const held = await s.db.store.db
      .selectFrom("stock_reservations as r")
      .innerJoin("products as p", "p.id", "r.product_id")
      .select((eb) => eb.fn.sum<number>("r.qty").as("q"))
      .where("p.code", "=", "A5")
      .where("r.status", "=", "held")
      .executeTakeFirstOrThrow();
    // Every order comment taken gets exactly one reply (the group's line, or the sold-out line).
    const orderComments = comments.filter((c) => answered.has(c.id) && /chốt/.test(c.text)).length;
    return {
      burst,
      baseline,
      inServer: { baseline: baselineInServer, burst: burstInServer },
      ratio: burst.perSecond / baseline.perSecond,
      statementsPerUpdate: statements / Math.max(1, burst.requests),
      cpuMsPerRequest: { baseline: (cpu1.user + cpu1.system) / 1000 / Math.max(1, baseline.requests), burst: (cpu3.user + cpu3.system) / 1000 / Math.max(1, burst.requests) },
      replyP50: percentile(replyTimes, 50),
      replyP99: percentile(replyTimes, 99),
      oversold: Math.max(0, Number(held.q ?? 0) - HOT_STOCK) + (hotStock.stock < 0 ? 1 : 0),
      lost: Math.max(0, orderComments - rows.length) + rows.filter((r) => r.status !== "sent").length,
      duplicated: Math.max(0, rows.length - orderComments),
      resentChangedSomething: outboxAfter - outboxBefore,
      rssMiB: peakMiB,
      ordersBefore: opts.ordersBefore ?? 0,
      hot,
    };
  } finally {
    await s.stop();
  }
}
