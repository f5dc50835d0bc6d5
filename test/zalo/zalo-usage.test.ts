import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { savePlanLimits } from "../../src/domain/usage/plan-limits";
import { shopBotUsage } from "../../src/domain/usage/usage-view";
import { levelsReached, percentUsed, reachedLevel } from "../../src/domain/usage/thresholds";
import { usageMonth } from "../../src/domain/usage/month";
import { previousMonth, pruneUsageBefore } from "../../src/domain/usage/prune-usage";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { ZALO_BOT_ID, zaloWorld, ZaloBuyer, type ZaloWorld } from "../helpers/zalo";

let w: ZaloWorld;
const OWNER = "0a0a0a0a0a0a0a0a0a0a";
const GROUP = "g0000000000000000001";
const WEBCHAT = "https://cho.example.vn/go/demo/chat";
const PHONE = "0912345678";
const buyerId = (n: number) => `b${String(n).padStart(19, "0")}`;

beforeEach(async () => {
  w = await zaloWorld();
  w.fake.addUser({ id: OWNER, name: "Mây" });
  for (let n = 1; n <= 60; n++) w.fake.addUser({ id: buyerId(n), name: `Khách ${n}` });
  w.fake.addGroup({ id: GROUP, name: "Chợ", members: [OWNER, buyerId(1), buyerId(2)] });
});
afterEach(async () => {
  await w.close();
});

const store = () => w.t.sqlite.store;
const shop = () => store().db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
const usage = async () => (await shopBotUsage(store(), await shop(), w.t.clock.now()))[0];
const api = (path: string, body: unknown) =>
  w.t.app.request(`/api/shops/demo${path}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });

/** The owner as staff, who has written to the bot (so notices reach them): user 1 of the month. */
async function ownerStarts(): Promise<ZaloBuyer> {
  await api("/staff", { channel: "zalo", userId: OWNER, name: "Chị Mây", role: "owner" });
  const owner = new ZaloBuyer(w, OWNER);
  await owner.say("/start");
  return owner;
}

/** Buyers `from`..`to` each write once (webhook only; the outbox is sent once at the end). */
async function buyersWrite(from: number, to: number, text = "xin chào") {
  for (let n = from; n <= to; n++) expect(await w.post(w.fake.updates.privateText(buyerId(n), text))).toBe(200);
  await w.flush();
}

describe("Zalo Bot Platform limits: counted, shown, and no silent drop", () => {
  it("serves 50 users; the 51st gets the web chat link and the phone, once a day, and is listed as turned away; staff hear at 80% and 100% once", async () => {
    const owner = await ownerStarts();
    await buyersWrite(1, 49);
    for (let n = 1; n <= 49; n++) expect(w.fake.sent(buyerId(n)).at(-1)?.text ?? "").not.toContain(WEBCHAT);
    const notices = () => owner.texts.filter((x) => x.includes("người dùng của tháng"));
    expect(notices()).toHaveLength(2);
    expect(notices()[0]).toContain("40/50 người dùng của tháng 2026-11 (80%)");
    expect(notices()[1]).toContain("50/50 người dùng của tháng 2026-11 (100%)");
    expect(notices()[1]).toContain("https://cho.example.vn/dashboard/zalo-usage?shop=demo");

    const late = new ZaloBuyer(w, buyerId(50));
    const answer = await late.say("chốt A1 x2 nha");
    expect(answer).toHaveLength(1);
    expect(answer[0]).toContain(WEBCHAT);
    expect(answer[0]).toContain(PHONE);
    // Not in the pipeline: no conversation, no order, no buyer row for them.
    expect(await store().db.selectFrom("conversations").select("id").where("user_id", "=", buyerId(50)).execute()).toEqual([]);
    // Again the same day: recorded, not answered again (each answer costs a message).
    expect(await late.say("alo shop ơi")).toEqual([]);
    // A user already counted this month is still served.
    expect((await new ZaloBuyer(w, buyerId(7)).say("/menu")).join("\n")).toContain("Thực đơn");

    const u = await usage();
    expect(u?.usage.users).toBe(50);
    expect(u?.turnedAway).toMatchObject([{ userId: buyerId(50), name: "Khách 50", firstText: "chốt A1 x2 nha", times: 2 }]);
    // Every message in and out: 50 users' first messages, the 51st's two, the /menu, and what the bot sent.
    const sentByBot = w.fake.sent().length;
    expect(u?.usage.messagesIn).toBe(1 + 49 + 2 + 1);
    expect(u?.usage.messagesOut).toBe(sentByBot);
    // No more user notices for this month, however many more come.
    await buyersWrite(51, 52);
    expect(notices()).toHaveLength(2);
    expect((await usage())?.turnedAway.map((x) => x.userId).sort()).toEqual([buyerId(50), buyerId(51), buyerId(52)]);

    // The next day the fallback is sent again, once.
    w.t.clock.advance(24 * 3600_000);
    expect((await late.say("còn hàng không"))[0]).toContain(WEBCHAT);
  });

  it("a redelivered update is counted once, and a redelivered turned-away message is answered and listed once", async () => {
    const body = w.fake.updates.privateText(buyerId(1), "xin chào");
    expect(await w.post(body)).toBe(200);
    expect(await w.post(body)).toBe(200);
    await w.flush();
    expect((await usage())?.usage).toMatchObject({ users: 1, messagesIn: 1 });

    await savePlanLimits(store(), "zalo", ZALO_BOT_ID, { maxUsers: 1, maxMessages: 3000, maxGroups: 3 }, w.t.clock.now());
    const away = w.fake.updates.privateText(buyerId(2), "cho mình 1 phần");
    expect(await w.post(away)).toBe(200);
    expect(await w.post(away)).toBe(200);
    await w.flush();
    expect(w.fake.sent(buyerId(2))).toHaveLength(1);
    expect((await usage())?.turnedAway).toMatchObject([{ userId: buyerId(2), times: 1 }]);
    expect((await usage())?.usage).toMatchObject({ users: 1, messagesIn: 2 });
  });

  it("the shop's staff are served past the cap; a buyer past the cap in a group is answered there, by name", async () => {
    await savePlanLimits(store(), "zalo", ZALO_BOT_ID, { maxUsers: 1, maxMessages: 3000, maxGroups: 3 }, w.t.clock.now());
    await buyersWrite(1, 1);
    const owner = await ownerStarts();
    expect(owner.texts.join("\n")).not.toContain(WEBCHAT);
    expect(owner.texts.length).toBeGreaterThan(0);
    expect((await usage())?.usage.users).toBe(2);
    await w.post(w.fake.updates.groupText(buyerId(2), GROUP, "chốt A5 x1", { mentionBot: true }));
    await w.flush();
    const said = w.fake.sent(GROUP).at(-1)?.text ?? "";
    expect(said.startsWith("Khách 2: ")).toBe(true);
    expect(said).toContain(WEBCHAT);
    expect(said).toContain(PHONE);
    expect(await store().db.selectFrom("orders").select("id").execute()).toEqual([]);
    expect((await usage())?.turnedAway).toMatchObject([{ userId: buyerId(2), firstText: "chốt A5 x1" }]);
    expect((await usage())?.usage.groups).toBe(1);
  });

  it("a new month starts the counts again, and edited limits take effect", async () => {
    await savePlanLimits(store(), "zalo", ZALO_BOT_ID, { maxUsers: 3, maxMessages: 3000, maxGroups: 3 }, w.t.clock.now());
    await buyersWrite(1, 4);
    expect(w.fake.sent(buyerId(4)).at(-1)?.text).toContain(WEBCHAT);
    expect((await usage())?.usage.users).toBe(3);
    // Raised: the 4th is served now.
    await savePlanLimits(store(), "zalo", ZALO_BOT_ID, { maxUsers: 10, maxMessages: 3000, maxGroups: 3 }, w.t.clock.now());
    expect((await new ZaloBuyer(w, buyerId(4)).say("/menu")).join("\n")).toContain("Thực đơn");
    expect((await usage())?.usage.users).toBe(4);

    // 1 December 00:05 in Vietnam (30 November 17:05 UTC): a new month.
    w.t.clock.set(new Date("2026-11-30T17:05:00Z"));
    expect(usageMonth(w.t.clock.now(), "Asia/Ho_Chi_Minh")).toBe("2026-12");
    await buyersWrite(5, 5);
    const december = await usage();
    expect(december).toMatchObject({ month: "2026-12", usage: { users: 1, messagesIn: 1, groups: 0 }, turnedAway: [] });
    expect(december?.plan).toMatchObject({ maxUsers: 10 });
    // Kept for this month and the one before; older months can go (who wrote, and a turned-away buyer's words).
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(await pruneUsageBefore(store(), previousMonth("2026-12"), 500)).toBe(0);
    expect(await pruneUsageBefore(store(), "2026-12", 500)).toBeGreaterThan(5);
    expect(await store().db.selectFrom("bot_usage_users").select("month").distinct().execute()).toEqual([{ month: "2026-12" }]);
    expect(await store().db.selectFrom("bot_turned_away").select("user_id").execute()).toEqual([]);
  });

  it("groups seen this month are counted; at the message cap a 429 is given up, not retried all month, and counted for the seller", async () => {
    const owner = await ownerStarts();
    await w.post(w.fake.updates.groupText(buyerId(1), GROUP, "chốt A5 x1", { mentionBot: true }));
    await w.flush();
    expect((await usage())?.usage.groups).toBe(1);

    const used = (await usage())?.usage;
    const total = (used?.messagesIn ?? 0) + (used?.messagesOut ?? 0);
    await savePlanLimits(store(), "zalo", ZALO_BOT_ID, { maxUsers: 50, maxMessages: total + 1, maxGroups: 1 }, w.t.clock.now());
    w.fake.inject({ method: "sendMessage", chatId: buyerId(2), times: Infinity, fault: { kind: "429" } });
    expect(await w.post(w.fake.updates.privateText(buyerId(2), "xin chào"))).toBe(200);
    await w.flush(5_000, 20);
    const row = await store().db.selectFrom("outbox").select(["status", "last_error"]).where("chat_id", "=", buyerId(2)).executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.last_error).toContain("monthly message cap");
    expect((await usage())?.usage.refusedSends).toBe(1);
    // The 100% notice for messages went to the owner, once.
    expect(owner.texts.filter((x) => x.includes("tin nhắn của tháng") && x.includes("(100%)"))).toHaveLength(1);
  });
});

describe("limit thresholds", () => {
  it("80% and 100%, and limits of 0", () => {
    expect(reachedLevel(39, 50)).toBeUndefined();
    expect(reachedLevel(40, 50)).toBe(80);
    expect(reachedLevel(49, 50)).toBe(80);
    expect(reachedLevel(50, 50)).toBe(100);
    expect(reachedLevel(2399, 3000)).toBeUndefined();
    expect(reachedLevel(2400, 3000)).toBe(80);
    expect(reachedLevel(0, 0)).toBe(100);
    expect(levelsReached(3, 3)).toEqual([80, 100]);
    expect(percentUsed(1, 3)).toBe(33);
    expect(percentUsed(5, 0)).toBe(100);
  });

  it("the month is the shop's calendar month", () => {
    expect(usageMonth(new Date("2026-11-30T16:59:00Z"), "Asia/Ho_Chi_Minh")).toBe("2026-11");
    expect(usageMonth(new Date("2026-11-30T17:00:00Z"), "Asia/Ho_Chi_Minh")).toBe("2026-12");
  });
});
