import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-api";
import { startChildServer, type ChildServer } from "../helpers/child-server";
import { migratedDb } from "../helpers/test-app";
import { prng } from "../../src/domain/shops/demo-orders";

// SIGKILL the real server at a seeded random moment while a comment burst, web chat checkouts, bank
// webhooks and a broadcast are all under way; restart it on the same file; let every sender retry
// what it had not seen acknowledged (and, as platforms do, some of what it had). Then nothing may be
// lost, doubled or oversold. `CRASH_SEEDS=50 npm test -- crash-restart` runs more seeds.

const SEEDS = Number(process.env.CRASH_SEEDS ?? 4);
const FIRST_SEED = Number(process.env.CRASH_FIRST_SEED ?? 1);
const TOKEN = "777000:AAHcrashRestartTokenForTests_012345";
const WEBHOOK_SECRET = "crash-restart-webhook-secret";
const ADMIN = "crash-restart-admin-token-0123456789";
const SEPAY_KEY = "crash_restart_sepay_key";
const A5_STOCK = 25;
const COMMENTERS = Array.from({ length: 60 }, (_, i) => 50_001 + i);
const COMMENT_GROUPS = [-400_001, -400_002, -400_003, -400_004];
const BROADCAST_GROUPS = Array.from({ length: 16 }, (_, i) => -410_000 - i);
const PAYMENTS = 15;
const CHECKOUTS = 3;

/** One HTTP request a platform or a browser would keep sending until it is acknowledged. */
interface Delivery {
  path: string;
  headers: Record<string, string>;
  body: string;
  acked: boolean;
}

async function deliver(url: string, d: Delivery): Promise<Response | undefined> {
  try {
    const res = await fetch(url + d.path, { method: "POST", headers: { "content-type": "application/json", ...d.headers }, body: d.body, signal: AbortSignal.timeout(10_000) });
    if (res.ok) d.acked = true;
    return res;
  } catch {
    return undefined; // the server died under it: the sender will try again
  }
}

/** A web chat buyer over real HTTP, who repeats a message (same id) until the server answers it. */
class HttpChatBuyer {
  session: string | undefined;
  private buttons: { label: string; action?: string }[] = [];
  step = 0;
  done = false;
  lastFailure = "";

  constructor(readonly name: string) {}

  /** The checkout, one step at a time: `tap:<label>` (`tap:*` is the first button), `say:<text>`. */
  static readonly SCRIPT = ["open", "tap:Xem thực đơn", "say:A1", "tap:Vừa", "tap:Không cay", "say:2", "tap:Đặt hàng", "tap:Tự đến lấy", "say:0912345678", "tap:*", "tap:Bỏ qua", "tap:Xác nhận đặt", "tap:Tiền mặt"];

  /** Tries the next step once; false when the server did not answer (it is then retried as is). */
  async next(url: string): Promise<boolean> {
    const step = HttpChatBuyer.SCRIPT[this.step] as string;
    const [kind, arg = ""] = step.split(/:(.*)/s) as [string, string?];
    const body: Record<string, string> = { id: `${this.name}-${this.step}` };
    if (this.session) body.session = this.session;
    if (kind === "say") body.text = arg;
    if (kind === "tap") {
      const button = arg === "*" ? this.buttons.find((b) => b.action) : this.buttons.find((b) => b.label.includes(arg) && b.action);
      if (!button?.action) throw new Error(`${this.name} at "${step}": no such button among ${this.buttons.map((b) => b.label).join(" | ")}`);
      body.action = button.action;
    }
    const d: Delivery = { path: "/api/webchat/demo/messages", headers: { "x-forwarded-for": `198.51.100.${this.name.length + this.step}` }, body: JSON.stringify(body), acked: false };
    const res = await deliver(url, d);
    this.lastFailure = res ? `${res.status} ${await res.clone().text()}` : "no connection";
    if (!res?.ok) return false;
    const answer = (await res.json()) as { session: string; replies: { text: string; buttons?: { label: string; action?: string }[] }[] };
    this.session = answer.session;
    this.buttons = answer.replies.flatMap((r) => r.buttons ?? []);
    this.step++;
    this.done = this.step >= HttpChatBuyer.SCRIPT.length;
    return true;
  }
}

let fake: FakeTelegram | undefined;
let server: ChildServer | undefined;
let dir = "";
afterEach(async () => {
  await server?.kill().catch(() => undefined);
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  fake = undefined;
});

/** Fresh database: the demo shop, A5 with little stock, linked broadcast groups, orders waiting for a transfer. */
async function prepareDatabase(dbPath: string): Promise<string[]> {
  const prepared = await migratedDb(dbPath);
  await seedDemoShopIfEmpty(prepared.store, new Date(), "Asia/Ho_Chi_Minh");
  const db = prepared.store.db;
  await db.updateTable("products").set({ stock: A5_STOCK }).where("code", "=", "A5").execute();
  const now = new Date().toISOString();
  for (const [i, id] of BROADCAST_GROUPS.entries()) {
    await db.insertInto("shop_groups").values({ shop_id: 1, channel: "telegram", bot_id: "777000", chat_id: String(id), title: `Nhóm ${i + 1}`, linked: 1, created_at: now, updated_at: now }).execute();
  }
  await sql`INSERT INTO buyers (channel, user_id, name, created_at, updated_at) VALUES ('webchat', 'payer', 'payer', ${now}, ${now})`.execute(db);
  const codes = Array.from({ length: PAYMENTS }, (_, i) => `CCPAYQ${"ABCDEFGHIJKLMNOP"[i]}2`);
  for (const [i, code] of codes.entries()) {
    await sql`INSERT INTO orders (shop_id, code, source_key, buyer_id, channel, bot_id, chat_id, status, payment_method, fulfilment, subtotal, total, pay_token, service_date, created_at, updated_at)
      VALUES (1, ${code}, ${`seed-pay:${i}`}, (SELECT id FROM buyers WHERE user_id = 'payer'), 'webchat', 'demo', 'x', 'pending_payment', 'vietqr', 'pickup', 45000, 45000, ${`crash-pay-token-${i}-abcdefgh`}, ${now.slice(0, 10)}, ${now}, ${now})`.execute(db);
  }
  await prepared.close();
  return codes;
}

async function runSeed(seed: number) {
  const random = prng(seed); // seeded, so a failing seed can be replayed
  dir = mkdtempSync(join(tmpdir(), "cho-chat-crash-restart-"));
  const dbPath = join(dir, "cho-chat.db");
  const codes = await prepareDatabase(dbPath);

  fake = await startFakeTelegram();
  fake.addBot({ token: TOKEN, id: 777000, username: "crash_restart_bot" });
  for (const id of [...COMMENT_GROUPS, ...BROADCAST_GROUPS]) fake.addGroup({ id, title: String(id), type: "supergroup", botIsAdmin: true });
  for (const id of COMMENTERS) fake.addUser({ id, firstName: `Khách${id}` });
  // Slow sends, so the kill finds messages done, in flight and waiting.
  fake.inject({ method: "sendMessage", times: Infinity, fault: { kind: "delay", ms: 15 } });

  const comments: Delivery[] = COMMENTERS.map((id, i) => {
    const update: Update = fake!.updates.groupText(id, COMMENT_GROUPS[i % COMMENT_GROUPS.length] as number, random() < 0.5 ? "chốt A5 x1" : "A5 1 nha shop");
    return { path: "/webhooks/telegram/777000", headers: { "x-telegram-bot-api-secret-token": WEBHOOK_SECRET }, body: JSON.stringify(update), acked: false };
  });
  const payments: Delivery[] = codes.map((code, i) => ({
    path: "/webhooks/sepay/demo",
    headers: { authorization: `Apikey ${SEPAY_KEY}` },
    body: JSON.stringify({ id: 700_000 + i, gateway: "Vietcombank", transactionDate: "2026-11-23 10:00:00", accountNumber: "0011001932418", content: `MBVCB.${i}.${code}.CT tu NGUYEN VAN A`, transferType: "in", transferAmount: 45_000 }),
    acked: false,
  }));
  const broadcast: Delivery = { path: "/api/shops/demo/broadcasts", headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ kind: "menu", reference: `crash-${seed}` }), acked: false };
  const buyers = Array.from({ length: CHECKOUTS }, (_, i) => new HttpChatBuyer(`buyer${i}-${seed}`));

  const env = { DATABASE_PATH: dbPath, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_MODE: "webhook", PUBLIC_URL: "https://cho.example", TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET, SEPAY_API_KEY: SEPAY_KEY, ADMIN_TOKEN: ADMIN };
  server = await startChildServer(env);
  const url = server.url;

  // Everything at once, four at a time, in a seeded order; the kill lands after a seeded number of
  // acknowledgements (requests in flight die with it), or a little after the last, amid the sending.
  const everything = [broadcast, ...comments, ...payments].sort(() => random() - 0.5);
  const killAtAck = 1 + Math.floor(random() * (everything.length + 8));
  const killAfterMs = Math.floor(random() * 800);
  let acks = 0;
  let reachedKillPoint: () => void = () => undefined;
  const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));
  let stop = false;
  let next = 0;
  const workers = [
    ...Array.from({ length: 4 }, async () => {
      while (!stop && next < everything.length) {
        const d = everything[next++] as Delivery;
        await deliver(url, d);
        if (d.acked && ++acks >= killAtAck) reachedKillPoint();
      }
    }),
    ...buyers.map(async (b) => {
      while (!stop && !b.done) if (!(await b.next(url))) return;
    }),
  ];
  void Promise.all(workers.slice(0, 4)).then(() => setTimeout(reachedKillPoint, killAfterMs));
  await killPoint;
  await server.kill();
  stop = true;
  await Promise.all(workers);
  const checkoutStepsAtKill = buyers.map((b) => b.step);
  const ackedBeforeKill = [...everything].filter((d) => d.acked).length;

  // Restart on the same file; senders retry the unacknowledged, and a third of the acknowledged again.
  server = await startChildServer(env);
  for (const d of everything) if (!d.acked || random() < 0.33) await deliver(server.url, d);
  for (const b of buyers) while (!b.done) if (!(await b.next(server.url))) throw new Error(`${b.name} got no answer after the restart at step ${b.step}: ${b.lastFailure}`);
  expect(everything.every((d) => d.acked)).toBe(true);

  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const busy = () => (db.prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')").get() as { n: number }).n;
    await expect.poll(busy, { timeout: 60_000, interval: 200 }).toBe(0);
    await server.stop();
    // What was in flight at the kill is told to the operator at the restart.
    const uncertainRows = (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'uncertain'").get() as { n: number }).n;
    if (uncertainRows > 0) expect(server.output()).toContain("messages in flight when the last run stopped");

    // Stock: never negative, and every unit is on exactly one live order or still on the shelf.
    const a5 = db.prepare("SELECT stock FROM products WHERE code = 'A5'").get() as { stock: number };
    const reserved = db.prepare("SELECT coalesce(sum(i.qty), 0) AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.code = 'A5' AND o.status <> 'cancelled'").get() as { n: number };
    expect(a5.stock).toBeGreaterThanOrEqual(0);
    expect(a5.stock + reserved.n).toBe(A5_STOCK);
    // More buyers than stock: all of it went, one unit each, nobody twice.
    expect(reserved.n).toBe(A5_STOCK);
    const perBuyer = db.prepare("SELECT o.chat_id, count(*) AS n FROM orders o JOIN order_items i ON i.order_id = o.id WHERE i.code = 'A5' GROUP BY o.buyer_id").all() as { n: number }[];
    expect(perBuyer.every((r) => r.n === 1)).toBe(true);
    // Every comment counted: a commenter without a unit was told it is sold out, unless that very
    // answer was in flight at the kill (then it is reported "uncertain", not posted twice).
    const ordered = new Set((db.prepare("SELECT b.user_id FROM orders o JOIN buyers b ON b.id = o.buyer_id JOIN order_items i ON i.order_id = o.id WHERE b.channel = 'telegram' AND i.code = 'A5'").all() as { user_id: string }[]).map((r) => r.user_id));
    const groupLines = COMMENT_GROUPS.flatMap((g) => fake!.sent(g).flatMap((m) => (m.text ?? "").split("\n")));
    const untold = COMMENTERS.filter((id) => !ordered.has(String(id)) && !groupLines.some((l) => l.startsWith(`❌ Khách${id}: A5`) && l.includes("đã hết")));
    const uncertainAnswers = (db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'group' AND status = 'uncertain'").get() as { n: number }).n;
    expect(untold.length, `told nothing: ${untold.join(", ")}`).toBeLessThanOrEqual(uncertainAnswers);
    expect((db.prepare("SELECT count(*) AS n FROM inbound_events WHERE response IS NULL").get() as { n: number }).n).toBe(0);

    // Payments: each transfer recorded once, each order paid once.
    const txs = db.prepare("SELECT provider_tx_id FROM bank_transactions WHERE provider = 'sepay'").all() as { provider_tx_id: string }[];
    expect(txs).toHaveLength(PAYMENTS);
    expect(new Set(txs.map((t) => t.provider_tx_id)).size).toBe(PAYMENTS);
    const paid = db.prepare(`SELECT o.payment_status, (SELECT sum(amount) FROM bank_transactions t WHERE t.order_id = o.id) AS received FROM orders o WHERE code IN (${codes.map(() => "?").join(",")}) ORDER BY code`).all(...codes) as { payment_status: string; received: number }[];
    expect(paid.map((o) => [o.payment_status, o.received])).toEqual(codes.map(() => ["paid", 45_000]));
    expect((db.prepare("SELECT count(*) AS n FROM bank_transactions WHERE outcome = 'pending'").get() as { n: number }).n).toBe(0);

    // Checkouts: one confirmed order each, with its two portions of A1.
    for (const b of buyers) {
      const orders = db.prepare("SELECT o.status, o.payment_status, sum(i.qty) AS qty FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.channel = 'webchat' AND o.chat_id = ? AND o.status <> 'draft' GROUP BY o.id").all(b.session);
      expect(orders, `${b.name}'s orders`).toEqual([{ status: "confirmed", payment_status: "cod", qty: 2 }]);
    }

    // The broadcast: one post per group at most; every post sent or reported uncertain, none pending.
    const posts = BROADCAST_GROUPS.map((g) => fake!.sent(g).length);
    expect(Math.max(...posts)).toBe(1);
    const statuses = db.prepare("SELECT status FROM outbox WHERE ref LIKE 'broadcast:%'").all() as { status: string }[];
    expect(statuses).toHaveLength(BROADCAST_GROUPS.length);
    expect(statuses.every((s) => s.status === "sent" || s.status === "uncertain")).toBe(true);

    // Group replies: no buyer is acknowledged twice.
    const groupTexts = COMMENT_GROUPS.flatMap((g) => fake!.sent(g).map((m) => m.text ?? ""));
    for (const id of COMMENTERS) {
      const mentions = groupTexts.filter((t) => t.includes(`Khách${id}`));
      expect(mentions.join("\n").split(`Khách${id}`).length - 1, `Khách${id} acknowledged more than once:\n${mentions.join("\n---\n")}`).toBeLessThanOrEqual(1);
    }
    return { killAtAck, ackedBeforeKill, total: everything.length, checkoutStepsAtKill, uncertainRows };
  } finally {
    db.close();
  }
}

describe("SIGKILL at a random moment, then restart on the same database", () => {
  for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
    it(`seed ${seed}: no order, payment or reservation lost or doubled, no stock oversold, the outbox resumes`, async () => {
      const figures = await runSeed(seed);
      console.log(`crash seed ${seed}: killed with ${figures.ackedBeforeKill}/${figures.total} webhooks acknowledged, checkouts at steps ${figures.checkoutStepsAtKill.join("/")}, ${figures.uncertainRows} group messages reported uncertain`);
    }, 120_000);
  }
});
