import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBroadcastProgress, runScheduledPosts } from "../../src/jobs/broadcast-jobs";
import { ADMIN_TOKEN, MONDAY_1030 } from "../helpers/test-app";
import { BOT_ID, inlineButtons, telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";

let w: TelegramWorld;
const OWNER = 9000;
const GROUPS = Array.from({ length: 40 }, (_, i) => -200_000 - i);
const api = (method: string, path: string, body?: unknown) =>
  w.t.app.request(`/api/shops/demo${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeEach(async () => {
  w = await telegramWorld({ limits: { perGroup: { max: 20, windowMs: 60_000 }, perChat: { max: 1, windowMs: 1_000 }, perBot: { max: 30, windowMs: 1_000 } } });
  w.fake.addUser({ id: OWNER, firstName: "Mây" });
  await api("POST", "/staff", { channel: "telegram", userId: String(OWNER), name: "Chị Mây", role: "owner" });
  const now = w.t.clock.now().toISOString();
  for (const [i, id] of GROUPS.entries()) {
    w.fake.addGroup({ id, title: `Nhóm ${i + 1}`, type: "supergroup", botIsAdmin: true });
    await w.t.sqlite.store.db
      .insertInto("shop_groups")
      .values({ shop_id: 1, channel: "telegram", bot_id: BOT_ID, chat_id: String(id), title: `Nhóm ${i + 1}`, linked: 1, created_at: now, updated_at: now })
      .execute();
  }
});
afterEach(async () => {
  await w.close();
});

/** Delivers and updates progress as time passes, until nothing is left to send. */
async function settle(rounds = 300) {
  for (let i = 0; i < rounds; i++) {
    await w.flush(0, 1);
    await runBroadcastProgress(w.t.sqlite.store, w.t.clock.now());
    const open = await w.t.sqlite.store.db.selectFrom("outbox").select("id").where("status", "in", ["pending", "sending"]).execute();
    if (open.length === 0) return;
    w.t.clock.advance(1_000);
  }
}

const postsIn = (group: number) => w.fake.sent(group).filter((m) => !m.deleted);

describe("Telegram: broadcasts", () => {
  it("/post A5 reaches 40 groups exactly once through a 429 storm and a dropped connection, with progress edited in place", async () => {
    w.fake.inject({ method: "sendMessage", times: 12, fault: { kind: "429", retryAfter: 2 } });
    w.fake.inject({ method: "sendMessage", chatId: GROUPS[7], times: 1, fault: { kind: "drop" } });
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/post A5");
    await settle();
    for (const g of GROUPS) expect(postsIn(g), `group ${g}`).toHaveLength(1);
    const post = postsIn(GROUPS[0] as number)[0];
    expect(post?.text).toContain("A5 · Mật ong hoa bạc hà — 250.000 ₫/hũ");
    expect(post?.text).toContain("OCOP 4 sao");
    expect(inlineButtons(post)).toEqual([{ text: "🛒 Đặt ngay", url: "https://t.me/bep_nha_may_bot?start=p_A5" }]);
    // One progress message in the owner's chat, edited to the end.
    const progress = w.fake.sent(OWNER).filter((m) => m.text?.startsWith("📣"));
    expect(progress).toHaveLength(1);
    expect(progress[0]?.edited).toBe(true);
    expect(progress[0]?.text).toBe("📣 Xong: đã gửi 40/40 nhóm.");
    expect(w.fake.calls.filter((c) => c.fault === "429")).toHaveLength(12);
    expect(w.fake.calls.filter((c) => c.fault === "drop")).toHaveLength(1);
  });

  it("a group that removed the bot is reported, marked, and skipped next time", async () => {
    w.fake.inject({ chatId: GROUPS[3], times: Infinity, fault: { kind: "400", description: "Bad Request: chat not found" } });
    const first = await api("POST", "/broadcasts", { kind: "menu", reference: "menu-1" });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ targets: 40 });
    await settle();
    const report = (await (await api("GET", "/broadcasts/1")).json()) as { sent: number; failed: number; deliveries: { title: string; status: string; error: string }[] };
    expect(report).toMatchObject({ sent: 39, failed: 1 });
    expect(report.deliveries.find((d) => d.status === "failed")).toMatchObject({ title: "Nhóm 4", error: "400 Bad Request: chat not found" });
    const second = await api("POST", "/broadcasts", { kind: "item", code: "A1", reference: "a1-1" });
    expect(await second.json()).toMatchObject({ targets: 39 });
    // The same reference again posts nothing new.
    const again = await api("POST", "/broadcasts", { kind: "item", code: "A1", reference: "a1-1" });
    expect(await again.json()).toMatchObject({ id: 2, targets: 39 });
    await settle();
    expect(postsIn(GROUPS[0] as number)).toHaveLength(2);
  });

  it("a reply to the bot's item post orders that item without naming it", async () => {
    w.fake.addUser({ id: 7001, firstName: "Bình" });
    await api("POST", "/broadcasts", { kind: "item", code: "A6", reference: "a6" });
    await settle();
    const post = postsIn(GROUPS[0] as number)[0];
    await w.post(w.fake.updates.groupText(7001, GROUPS[0] as number, "chốt 2 gói", { replyTo: post?.messageId ?? 0 }));
    await w.flush();
    const order = await w.t.sqlite.store.db.selectFrom("order_items").select(["code", "qty"]).executeTakeFirstOrThrow();
    expect(order).toEqual({ code: "A6", qty: 2 });
  });

  it("bad requests get clear errors", async () => {
    expect((await api("POST", "/broadcasts", { kind: "item", code: "ZZ" })).status).toBe(400);
    expect((await api("POST", "/broadcasts", { kind: "free" })).status).toBe(400);
    expect((await api("POST", "/schedules", { cron: "61 10 * * *", kind: "menu" })).status).toBe(400);
    const bad = await api("POST", "/schedules", { cron: "every day at noon", kind: "menu" });
    expect(((await bad.json()) as { error: string }).error).toMatch(/^invalid schedule: a schedule has 5 fields/);
    expect((await api("GET", "/broadcasts/999")).status).toBe(404);
  });
});

describe("scheduled posts", () => {
  it("the lunch menu at 10:30 every day: once per day, across a restart and a day boundary; a missed run is posted once within its window", async () => {
    w.t.clock.set(new Date("2026-11-23T03:00:00.000Z")); // 10:00 Monday
    const created = await api("POST", "/schedules", { cron: "30 10 * * *", kind: "menu", windowMinutes: 60 });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ nextRunAt: "2026-11-23T03:30:00.000Z" });
    const run = () => runScheduledPosts(w.t.sqlite.store, w.t.clock.now());
    const broadcasts = () => w.t.sqlite.store.db.selectFrom("broadcasts").select("source_key").orderBy("id").execute();

    w.t.clock.set(new Date("2026-11-23T03:29:00.000Z"));
    expect(await run()).toBe(0);
    w.t.clock.set(new Date("2026-11-23T03:30:05.000Z"));
    expect(await run()).toBe(1);
    // A second runner, or a restart, in the same minute posts nothing more.
    expect(await run()).toBe(0);
    expect(await broadcasts()).toHaveLength(1);

    // The server is down from Tuesday 10:00 to 10:50: the 10:30 run is posted once at restart.
    w.t.clock.set(new Date("2026-11-24T03:50:00.000Z"));
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    // Down from Wednesday 09:00 to 12:00: 90 minutes late is past the 60-minute window: skipped, not posted twice later.
    w.t.clock.set(new Date("2026-11-25T05:00:00.000Z"));
    expect(await run()).toBe(0);
    w.t.clock.set(new Date("2026-11-26T03:30:00.000Z"));
    expect(await run()).toBe(1);
    expect((await broadcasts()).map((b) => b.source_key)).toEqual([
      "sched:1:2026-11-23T03:30:00.000Z",
      "sched:1:2026-11-24T03:30:00.000Z",
      "sched:1:2026-11-26T03:30:00.000Z",
    ]);
    expect(MONDAY_1030.getUTCDate()).toBe(23);
  });
});
