import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { webchatSender } from "../../bots/webchat/sender";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { Store } from "../../src/db/store";
import { INBOUND_EVENT_KEEP_HOURS, setShopRetention } from "../../src/domain/retention/settings";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import { runPrune } from "../../src/jobs/prune";
import { enqueue } from "../../src/domain/outbox/enqueue";
import { dispatchOutbox } from "../../src/domain/outbox/dispatch";
import { ManualClock } from "../../src/platform/clock";
import { memoryLogger } from "../../src/platform/logger";
import { placeTransferOrder } from "../helpers/orders";
import { ADMIN_TOKEN, migratedDb, MONDAY_1030, testAssets, type TestApp } from "../helpers/test-app";

// Issue 18 item 5: nothing was ever deleted, so each junk web chat message added about 1 KB for
// good. The shop's records stay; the rest is pruned on a schedule, in bounded batches.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const SEPAY_KEY = "retention_sepay_key_1234";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp | undefined;
let dir = "";
afterEach(async () => {
  await t?.close();
  t = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = "";
});

/** The real app over a real SQLite file in a temp dir, with the demo shop. */
async function fileApp(): Promise<TestApp> {
  dir = mkdtempSync(join(tmpdir(), "cho-chat-retention-"));
  const path = join(dir, "cho-chat.db");
  const sqlite = await migratedDb(path);
  const clock = new ManualClock(MONDAY_1030);
  await seedDemoShopIfEmpty(sqlite.store, clock.now(), "Asia/Ho_Chi_Minh");
  const config = loadConfig({ DATABASE_PATH: path, ADMIN_TOKEN, SEPAY_API_KEY: SEPAY_KEY });
  if (!config.ok) throw new Error(config.reason);
  const logger = memoryLogger();
  const app = createApp({ store: sqlite.store, config: config.value, clock, logger, assets: testAssets(), channels: {}, webchatRateLimit: false });
  return { app, sqlite, clock, logger, close: () => sqlite.close() };
}

async function counts(store: Store): Promise<Record<string, number>> {
  const names = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(store.db)).rows.map((r) => r.name);
  const out: Record<string, number> = {};
  for (const name of names) out[name] = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(store.db)).rows[0]?.n ?? 0);
  return out;
}

const pages = (t: TestApp) => {
  const total = t.sqlite.raw.pragma("page_count", { simple: true }) as number;
  const free = t.sqlite.raw.pragma("freelist_count", { simple: true }) as number;
  return { total, used: total - free };
};

const shopRecords = async (store: Store) => ({
  orders: await store.db.selectFrom("orders").selectAll().orderBy("id").execute(),
  items: await store.db.selectFrom("order_items").selectAll().orderBy("id").execute(),
  payments: await store.db.selectFrom("bank_transactions").selectAll().orderBy("id").execute(),
  reservations: await store.db.selectFrom("stock_reservations").selectAll().orderBy("id").execute(),
  buyersWithOrders: await store.db.selectFrom("buyers").selectAll().where("id", "in", store.db.selectFrom("orders").select("buyer_id")).orderBy("id").execute(),
});

/** Prunes run after run (each bounded) until nothing is left; returns how many runs it took. */
async function pruneAll(store: Store, now: Date): Promise<number> {
  for (let runs = 1; runs <= 100; runs++) if (!(await runPrune(store, now)).more) return runs;
  throw new Error("pruning did not finish in 100 runs");
}

describe("retention: the database stays bounded", () => {
  it("a junk web chat flood (5,000 messages from 1,000 sessions) is pruned back to the baseline; orders and payments are untouched", async () => {
    t = await fileApp();
    const store = t.sqlite.store;
    // The shop's real business: a paid transfer order and a cash order, their pushes delivered.
    const paid = await placeTransferOrder(t);
    const sepay = await t.app.request("/webhooks/sepay/demo", {
      method: "POST",
      headers: { authorization: `Apikey ${SEPAY_KEY}` },
      body: JSON.stringify({ id: 555001, gateway: "Vietcombank", transactionDate: "2026-11-23 10:40:00", accountNumber: "0011001932418", content: `${paid.order.code} chuyen tien`, transferType: "in", transferAmount: paid.order.total }),
    });
    expect(sepay.status).toBe(200);
    const cod = await placeTransferOrder(t, { method: "cod" });
    await dispatchOutbox(store, { webchat: webchatSender(store, t.clock) }, t.logger, t.clock.now());
    const records = await shopRecords(store);
    expect(records.orders).toHaveLength(2);
    expect(records.payments).toHaveLength(1);
    const baseline = await counts(store);
    const baselinePages = pages(t);

    // The flood: each visitor opens the chat and types four lines of nonsense, a minute apart.
    const junk = "x".repeat(400);
    for (let s = 0; s < 1_000; s++) {
      let session: string | undefined;
      for (let m = 0; m < 5; m++) {
        const res = await t.app.request("/api/webchat/demo/messages", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ ...(session ? { session, text: `${junk} ${s}-${m}` } : {}), id: `j${m}` }),
        });
        expect(res.status).toBe(200);
        session = ((await res.json()) as { session: string }).session;
      }
      if (s % 100 === 99) t.clock.advance(60_000);
    }
    const flooded = await counts(store);
    expect(flooded.webchat_sessions).toBe(baseline.webchat_sessions! + 1_000);
    expect(flooded.inbound_events).toBeGreaterThanOrEqual(baseline.inbound_events! + 4_000);
    const floodedPages = pages(t);
    expect(floodedPages.used).toBeGreaterThan(baselinePages.used * 1.5);

    // Nothing is removed while the sessions are fresh.
    t.clock.advance(HOUR);
    await pruneAll(store, t.clock.now());
    expect((await counts(store)).webchat_sessions).toBe(flooded.webchat_sessions);

    // Four days later (past the 72-hour chat retention and the redelivery window): back to the baseline.
    t.clock.advance(4 * DAY);
    await pruneAll(store, t.clock.now());
    const freed = await t.sqlite.compact(1_000_000);
    const after = await counts(store);
    expect(after.webchat_sessions).toBe(baseline.webchat_sessions);
    expect(after.buyers).toBe(baseline.buyers);
    expect(after.conversations).toBeLessThanOrEqual(baseline.conversations!);
    expect(after.inbound_events).toBeLessThanOrEqual(baseline.inbound_events!);
    expect(after.webchat_messages).toBe(baseline.webchat_messages);
    expect(after.outbox).toBe(baseline.outbox);
    expect(await shopRecords(store)).toEqual(records);
    const afterPages = pages(t);
    expect(freed).toBeGreaterThan(0);
    expect(afterPages.used).toBeLessThanOrEqual(Math.ceil(baselinePages.used * 1.1) + 8);
    expect(afterPages.total).toBeLessThanOrEqual(Math.ceil(baselinePages.total * 1.1) + 8);

    // The real buyers keep their sessions: their pages still poll, their orders are theirs.
    for (const user of [paid.user, cod.user]) expect((await t.app.request(`/api/webchat/demo/messages?session=${user.session}&after=0`)).status).toBe(200);
    const api = await t.app.request(`/api/shops/demo/orders/${paid.order.code}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(await api.json()).toMatchObject({ code: paid.order.code, paymentStatus: "paid" });
  }, 180_000);

  it("each run is bounded; successive runs finish the work", async () => {
    t = await fileApp();
    const store = t.sqlite.store;
    const old = new Date(t.clock.now().getTime() - 10 * DAY).toISOString();
    await sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1250)
      INSERT INTO inbound_events (channel, bot_id, event_id, response, received_at) SELECT 'telegram', '1', 'u' || i, '', ${old} FROM n`.execute(store.db);
    const first = await runPrune(store, t.clock.now(), { batchSize: 100, maxBatches: 3 });
    expect(first.removed.inbound_events).toBe(300);
    expect(first.more).toBe(true);
    let runs = 1;
    while ((await runPrune(store, t.clock.now(), { batchSize: 100, maxBatches: 3 })).more) runs++;
    // 1,250 rows at 300 a run: four runs that stop at their bound, and a fifth that finishes.
    expect(runs + 1).toBe(5);
    expect((await counts(store)).inbound_events).toBe(0);
  });
});

describe("retention rules", () => {
  const at = (t: TestApp, msAgo: number) => new Date(t.clock.now().getTime() - msAgo).toISOString();

  it("inbound event ids are kept through the platforms' redelivery window (Telegram keeps updates 24 h), with a margin", async () => {
    t = await fileApp();
    const store = t.sqlite.store;
    for (const [id, ago] of [["inside", (INBOUND_EVENT_KEEP_HOURS - 1) * HOUR], ["day-old", 25 * HOUR], ["past", (INBOUND_EVENT_KEEP_HOURS + 1) * HOUR]] as const) {
      await store.db.insertInto("inbound_events").values({ channel: "telegram", bot_id: "1", event_id: id, response: "", received_at: at(t, ago) }).execute();
    }
    await runPrune(store, t.clock.now());
    expect((await store.db.selectFrom("inbound_events").select("event_id").orderBy("event_id").execute()).map((r) => r.event_id)).toEqual(["day-old", "inside"]);
    expect(INBOUND_EVENT_KEEP_HOURS).toBeGreaterThanOrEqual(48);
  });

  it("outbox: never a pending or sending row, nor one an unfinished broadcast or an open live still reads; settled rows go after the shop's retention", async () => {
    t = await fileApp();
    const store = t.sqlite.store;
    const month = at(t, 30 * DAY);
    const row = async (key: string, status: "pending" | "sending" | "sent" | "failed" | "uncertain", created: string, extra: { kind?: string; ref?: string; bot?: string } = {}) =>
      store.db
        .insertInto("outbox")
        .values({ channel: "webchat", bot_id: extra.bot ?? "demo", chat_id: "s", payload: "{}", dedupe_key: key, kind: extra.kind ?? "message", ref: extra.ref ?? null, status, next_attempt_at: created, created_at: created })
        .execute();
    await row("old-pending", "pending", month);
    await row("old-sending", "sending", month);
    await row("old-sent", "sent", month);
    await row("old-failed", "failed", month);
    await row("old-uncertain", "uncertain", month);
    await row("recent-sent", "sent", at(t, 2 * DAY));
    await row("ten-days-sent", "sent", at(t, 10 * DAY));
    // A broadcast still going (its progress message and a post) and a finished one.
    const now = t.clock.now().toISOString();
    const open = await store.db.insertInto("broadcasts").values({ shop_id: 1, kind: "menu", source_key: "b-open", targets: 1, created_at: month }).returning("id").executeTakeFirstOrThrow();
    const done = await store.db.insertInto("broadcasts").values({ shop_id: 1, kind: "menu", source_key: "b-done", targets: 1, created_at: month, finished_at: now }).returning("id").executeTakeFirstOrThrow();
    await row(`bc:${open.id}:progress`, "sent", month);
    await row(`bc:${open.id}:webchat:g1`, "sent", month, { kind: "broadcast", ref: `broadcast:${open.id}` });
    await row(`bc:${done.id}:webchat:g1`, "sent", month, { kind: "broadcast", ref: `broadcast:${done.id}` });
    await row(`bc:${done.id}:webchat:g2`, "sent", at(t, 200 * DAY), { kind: "broadcast", ref: `broadcast:${done.id}` });
    // A live still open: its summary message is edited through the first row.
    const live = await store.db.insertInto("lives").values({ shop_id: 1, channel: "webchat", bot_id: "demo", chat_id: "g", started_at: month }).returning("id").executeTakeFirstOrThrow();
    await row(`live:${live.id}:summary`, "sent", month);
    // A bot no longer registered: the defaults apply.
    await row("unknown-bot-old", "sent", month, { bot: "nobody" });

    const kept = async () => (await store.db.selectFrom("outbox").select("dedupe_key").orderBy("dedupe_key").execute()).map((r) => r.dedupe_key);
    await runPrune(store, t.clock.now());
    expect(await kept()).toEqual(
      [`bc:${done.id}:webchat:g1`, `bc:${open.id}:progress`, `bc:${open.id}:webchat:g1`, `live:${live.id}:summary`, "old-pending", "old-sending", "recent-sent", "ten-days-sent"].sort(),
    );

    // A shop that keeps sent messages 5 days (and broadcast posts 20): the ten-day-old row and the month-old post go too.
    expect(await setShopRetention(store, "demo", { sentDays: 5, broadcastDays: 20 })).toBe(true);
    await store.db.updateTable("lives").set({ status: "closed" }).where("id", "=", live.id).execute();
    await runPrune(store, t.clock.now());
    expect(await kept()).toEqual([`bc:${open.id}:progress`, `bc:${open.id}:webchat:g1`, "old-pending", "old-sending", "recent-sent"].sort());
    // The floor: three days, whatever the setting (a redelivered event must still find its dedupe key).
    await setShopRetention(store, "demo", { sentDays: 1 });
    expect((await store.db.selectFrom("shops").select("retain_sent_days").where("slug", "=", "demo").executeTakeFirstOrThrow()).retain_sent_days).toBe(3);
    await runPrune(store, t.clock.now());
    expect(await kept()).toContain("recent-sent");
  });

  it("a web chat session with an order is kept; one without is removed after the shop's retain_chat_hours; a redelivered message in the window still replays", async () => {
    t = await fileApp();
    const store = t.sqlite.store;
    const buyer = await placeTransferOrder(t, { method: "cod" });
    const say = async (session: string | undefined, id: string, text?: string) => {
      const res = await t!.app.request("/api/webchat/demo/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...(session ? { session } : {}), ...(text ? { text } : {}), id }) });
      return (await res.json()) as { session: string; replies: unknown[] };
    };
    const visitor = (await say(undefined, "a")).session;
    const first = await say(visitor, "b", "xem menu");
    // Waitlist and numbered choices of the visitor go with it.
    await store.db.insertInto("waitlist").values({ shop_id: 1, product_id: 1, channel: "webchat", bot_id: "demo", user_id: visitor, chat_id: visitor, created_at: t.clock.now().toISOString() }).execute();

    await setShopRetention(store, "demo", { chatHours: 6 });
    t.clock.advance(5 * HOUR);
    await runPrune(store, t.clock.now());
    expect(await say(visitor, "b", "xem menu")).toEqual(first);
    t.clock.advance(2 * HOUR);
    await runPrune(store, t.clock.now());
    const sessions = (await store.db.selectFrom("webchat_sessions").select("id").execute()).map((r) => r.id);
    expect(sessions).toContain(buyer.user.session);
    expect(sessions).not.toContain(visitor);
    expect(await store.db.selectFrom("buyers").select("id").where("user_id", "=", visitor).execute()).toEqual([]);
    expect(await store.db.selectFrom("waitlist").select("id").where("user_id", "=", visitor).execute()).toEqual([]);
    expect(await store.db.selectFrom("conversations").select("id").where("chat_id", "=", visitor).execute()).toEqual([]);
    // The buyer with an order keeps their buyer row (and name, phone) with the order.
    expect(await store.db.selectFrom("buyers").select("id").where("user_id", "=", buyer.user.session ?? "").execute()).toHaveLength(1);
    // A visitor whose session went starts afresh.
    const back = await say(visitor, "c", "xin chào");
    expect(back.session).not.toBe(visitor);
  });

  it("expired conversations and numbered choices of any channel go after the shop's retain_chat_hours; live ones stay", async () => {
    t = await fileApp();
    const store = t.sqlite.store;
    await store.db.insertInto("bots").values({ shop_id: 1, channel: "zalo", platform_id: "9001", token: "9001:abcd", webhook_secret: "s", created_at: at(t, 9 * DAY) }).execute();
    const conversation = (chat: string, expired: string) =>
      store.db.insertInto("conversations").values({ channel: "zalo", bot_id: "9001", chat_id: chat, user_id: chat, shop_id: 1, state: "{}", expires_at: expired, updated_at: expired }).execute();
    await conversation("expired-long-ago", at(t, 4 * DAY));
    await conversation("expired-an-hour-ago", at(t, HOUR));
    await conversation("current", at(t, -HOUR));
    const choices = (chat: string, updated: string) => store.db.insertInto("numbered_choices").values({ channel: "zalo", bot_id: "9001", chat_id: chat, actions: "[]", updated_at: updated }).execute();
    await choices("offered-long-ago", at(t, 4 * DAY));
    await choices("offered-today", at(t, HOUR));
    await runPrune(store, t.clock.now());
    expect((await store.db.selectFrom("conversations").select("chat_id").orderBy("chat_id").execute()).map((r) => r.chat_id)).toEqual(["current", "expired-an-hour-ago"]);
    expect((await store.db.selectFrom("numbered_choices").select("chat_id").execute()).map((r) => r.chat_id)).toEqual(["offered-today"]);
    // A setting below the floor (0 hours) keeps chats an hour.
    await setShopRetention(store, "demo", { chatHours: 0 });
    t.clock.advance(90 * 60_000);
    await runPrune(store, t.clock.now());
    expect((await store.db.selectFrom("conversations").select("chat_id").execute()).map((r) => r.chat_id)).toEqual(["current"]);
    expect(await store.db.selectFrom("numbered_choices").select("chat_id").execute()).toEqual([]);
  });

  it("stale login counters, expired dashboard sessions and links go; current ones stay", async () => {
    t = await fileApp();
    const store = t.sqlite.store;
    const user = await store.db.insertInto("dashboard_users").values({ username: "lan", role: "owner", shop_id: 1, created_at: at(t, 100 * DAY) }).returning("id").executeTakeFirstOrThrow();
    await store.db.insertInto("login_attempts").values([{ key: "old", failures: 3, updated_at: at(t, 8 * DAY) }, { key: "recent", failures: 3, updated_at: at(t, HOUR) }]).execute();
    await store.db.insertInto("dashboard_sessions").values([
      { token_hash: "expired", user_id: user.id, csrf_token: "c", created_at: at(t, 9 * DAY), expires_at: at(t, 2 * DAY) },
      { token_hash: "live", user_id: user.id, csrf_token: "c", created_at: at(t, DAY), expires_at: at(t, -6 * DAY) },
    ]).execute();
    await store.db.insertInto("login_links").values([{ token_hash: "old-link", user_id: user.id, expires_at: at(t, 8 * DAY), used_at: null }, { token_hash: "new-link", user_id: user.id, expires_at: at(t, -600_000), used_at: null }]).execute();
    await store.db.insertInto("link_codes").values([{ code: "OLD", shop_id: 1, created_at: at(t, 9 * DAY), expires_at: at(t, 8 * DAY) }, { code: "NEW", shop_id: 1, created_at: at(t, HOUR), expires_at: at(t, -DAY) }]).execute();
    const report = await runPrune(store, t.clock.now());
    expect(report.removed).toMatchObject({ login_attempts: 1, dashboard_sessions: 1, expired_links: 2 });
    expect((await store.db.selectFrom("login_attempts").select("key").execute()).map((r) => r.key)).toEqual(["recent"]);
    expect((await store.db.selectFrom("dashboard_sessions").select("token_hash").execute()).map((r) => r.token_hash)).toEqual(["live"]);
    expect((await store.db.selectFrom("login_links").select("token_hash").execute()).map((r) => r.token_hash)).toEqual(["new-link"]);
    expect((await store.db.selectFrom("link_codes").select("code").execute()).map((r) => r.code)).toEqual(["NEW"]);
  });

  it("Zalo bot usage of months before last (who wrote, who was turned away) and typed-in order forms of past days go; the current ones stay", async () => {
    const app = await fileApp();
    t = app;
    const store = app.sqlite.store;
    const month = app.clock.now().toISOString().slice(0, 7);
    const [y, m] = month.split("-").map(Number) as [number, number];
    const monthsAgo = (n: number) => new Date(Date.UTC(y, m - 1 - n, 15)).toISOString().slice(0, 7);
    await store.db.insertInto("bot_usage_users").values([0, 1, 2, 3].map((n) => ({ channel: "zalo", bot_id: "1", month: monthsAgo(n), user_id: `u${n}`, first_at: at(app, n * 30 * DAY) }))).execute();
    const user = await store.db.insertInto("dashboard_users").values({ username: "mai", role: "staff", shop_id: 1, created_at: at(app, 100 * DAY) }).returning("id").executeTakeFirstOrThrow();
    await store.db.insertInto("typed_order_forms").values([
      { token: "old-form-token-0123456789", shop_id: 1, user_id: user.id, line: "x", created_at: at(app, 2 * DAY) },
      { token: "new-form-token-0123456789", shop_id: 1, user_id: user.id, line: "x", created_at: at(app, HOUR) },
    ]).execute();
    const report = await runPrune(store, app.clock.now());
    expect(report.removed).toMatchObject({ bot_usage: 2, typed_order_forms: 1 });
    expect((await store.db.selectFrom("bot_usage_users").select("user_id").orderBy("user_id").execute()).map((r) => r.user_id)).toEqual(["u0", "u1"]);
    expect((await store.db.selectFrom("typed_order_forms").select("token").execute()).map((r) => r.token)).toEqual(["new-form-token-0123456789"]);
  });

  it("npm run prune removes it now, prints what it removed, and changes a shop's settings", async () => {
    t = await fileApp();
    const store = t.sqlite.store;
    const long = "2020-01-01T00:00:00.000Z";
    for (let i = 0; i < 3; i++) {
      await store.db.insertInto("webchat_sessions").values({ id: `gone${i}`, shop_id: 1, created_at: long, last_seen_at: long }).execute();
      await store.db.insertInto("buyers").values({ channel: "webchat", user_id: `gone${i}`, created_at: long, updated_at: long }).execute();
      await store.db.insertInto("conversations").values({ channel: "webchat", bot_id: "demo", chat_id: `gone${i}`, user_id: `gone${i}`, shop_id: 1, expires_at: long, updated_at: long }).execute();
    }
    await enqueue(store, { channel: "webchat", botId: "demo", chatId: "gone0", reply: { text: "x" }, dedupeKey: "old" }, new Date(long));
    await store.db.updateTable("outbox").set({ status: "sent" }).execute();
    await t.close();
    const path = join(dir, "cho-chat.db");
    const env = { ...process.env, DATABASE_PATH: path };
    const out = await run(process.execPath, ["--import", "tsx", "scripts/prune.ts", "--shop", "demo", "--chat-hours", "24"], { cwd: ROOT, env });
    expect(out.stdout).toContain("shop demo: chat 24 h, sent messages 14 days, broadcast posts 180 days");
    // The sessions' conversations and buyers go with them (counted with the sessions' rows).
    expect(out.stdout).toMatch(/removed: webchat_sessions 3, outbox 1\n/);
    expect(out.stdout).toMatch(/\(9 rows with the 3 idle web chat sessions/);
    const again = await run(process.execPath, ["--import", "tsx", "scripts/prune.ts"], { cwd: ROOT, env });
    expect(again.stdout).toContain("removed: nothing (all within retention)");
    await expect(run(process.execPath, ["--import", "tsx", "scripts/prune.ts", "--chat-hours", "x"], { cwd: ROOT, env })).rejects.toThrow(/--chat-hours needs a whole number/);
    t = undefined;
  }, 60_000);
});
