import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { oaTokens, refreshDueOaTokens } from "../../bots/zalo-oa/tokens";
import { findOaConnectionByOaId } from "../../src/domain/oa/connections";
import { keyringFrom } from "../../src/domain/secrets/keyring";
import { resealSecrets } from "../../src/domain/secrets/reseal";
import { listen } from "../helpers/http-server";
import { GROUP, LAN, OA, oaWorld, type OaWorld } from "./world";

const HOUR = 3600_000;
let w: OaWorld;

const db = () => w.t.sqlite.store.db;
const orders = () => db().selectFrom("orders").select(["id", "status", "source", "channel", "bot_id"]).execute();
const heldA1 = async () =>
  db()
    .selectFrom("stock_reservations as r")
    .innerJoin("products as p", "p.id", "r.product_id")
    .select(["p.code", "r.qty", "r.status"])
    .execute();
const tokenCalls = () => w.fake.calls.filter((c) => c.path === "/v4/oa/access_token");
const groupTexts = () => w.fake.sent(GROUP).map((m) => m.text);

describe("an OA group (GMF) comment", () => {
  beforeEach(async () => {
    w = await oaWorld();
  });
  afterEach(() => w.close());

  it("'chốt A1 x2' becomes a draft with stock held (source oa_group), and the reply reaches the group through /v3.0/oa/group/message", async () => {
    const before = await db().selectFrom("products").select("stock").where("code", "=", "A1").executeTakeFirstOrThrow();
    expect(await w.post(w.fake.events.groupText(OA.oaId, GROUP, LAN, "chốt A1 x2"))).toBe(200);
    expect(await orders()).toEqual([{ id: expect.any(Number), status: "draft", source: "oa_group", channel: "zalo-oa", bot_id: OA.oaId }]);
    expect(await heldA1()).toEqual([{ code: "A1", qty: 2, status: "held" }]);
    const after = await db().selectFrom("products").select("stock").where("code", "=", "A1").executeTakeFirstOrThrow();
    expect(after.stock).toBe(before.stock - 2);
    await w.flush();
    expect(groupTexts()).toHaveLength(1);
    expect(groupTexts()[0]).toMatch(/A1×2/);
    expect(w.fake.calls.filter((c) => c.path === "/v3.0/oa/group/message").at(-1)).toMatchObject({ accessToken: expect.stringMatching(/^acc_/), body: { recipient: { group_id: GROUP } }, error: 0 });
  });

  it("over real HTTP (the Node server's raw body), a signed delivery is taken and a resend changes nothing", async () => {
    const server = await listen(w.t.app);
    try {
      const ev = w.fake.events.groupText(OA.oaId, GROUP, LAN, "chốt A1 x2 nha shop ơi 🙏");
      expect(await w.fake.deliver(`${server.url}/webhooks/zalo-oa/demo`, ev)).toBe(200);
      expect(await w.fake.deliver(`${server.url}/webhooks/zalo-oa/demo`, ev)).toBe(200);
      expect(await w.fake.deliver(`${server.url}/webhooks/zalo-oa/demo`, ev, { tamper: true })).toBe(401);
    } finally {
      await server.close();
    }
    expect(await orders()).toHaveLength(1);
  });

  it("reads the group id from recipient.id too, and strips inline [@user_id] mentions", async () => {
    expect(await w.post(w.fake.events.groupText(OA.oaId, GROUP, LAN, "[@3662729599332560487] chốt A2 x1", { groupIdIn: "recipient.id" }))).toBe(200);
    const lines = await db().selectFrom("order_items").select(["code", "qty"]).execute();
    expect(lines).toEqual([{ code: "A2", qty: 1 }]);
  });

  it("a resent msg_id changes nothing", async () => {
    const ev = w.fake.events.groupText(OA.oaId, GROUP, LAN, "chốt A1 x2");
    expect(await w.post(ev)).toBe(200);
    expect(await w.post(ev)).toBe(200);
    await w.flush();
    expect(await orders()).toHaveLength(1);
    expect(await heldA1()).toHaveLength(1);
    expect(groupTexts()).toHaveLength(1);
  });

  it("a forged signature, a stale timestamp, a missing signature and a malformed body change nothing (401/400); an unknown shop is 404", async () => {
    const ev = w.fake.events.groupText(OA.oaId, GROUP, LAN, "chốt A1 x2");
    expect(await w.post(ev, { tamper: true })).toBe(401);
    expect(await w.post(ev, { signature: "" })).toBe(401);
    // Signed correctly, but captured six minutes ago.
    const old = { ...w.fake.events.groupText(OA.oaId, GROUP, LAN, "chốt A1 x3"), timestamp: String(w.t.clock.now().getTime() - 6 * 60_000) };
    expect(await w.post(old)).toBe(401);
    expect(await w.post("{not json")).toBe(400);
    const bad = w.fake.signed(ev);
    const res = await w.t.app.request("/webhooks/zalo-oa/no-such-shop", { method: "POST", headers: bad.headers, body: bad.body });
    expect(res.status).toBe(404);
    expect(await orders()).toEqual([]);
    expect(await db().selectFrom("inbound_events").selectAll().where("channel", "=", "zalo-oa").execute()).toEqual([]);
    expect(await db().selectFrom("outbox").selectAll().execute()).toEqual([]);
    // The same event, signed with a "mac=" prefix, is taken.
    expect((await w.t.app.request("/webhooks/zalo-oa/demo", { method: "POST", ...withMac(ev) })).status).toBe(200);
    expect(await orders()).toHaveLength(1);
  });

  it("ignores the OA's own echoes and events it does not handle, with 200", async () => {
    expect(await w.post(w.fake.events.oaEcho(OA.oaId, GROUP, "chốt A1 x2"))).toBe(200);
    expect(await w.post({ ...w.fake.events.groupText(OA.oaId, GROUP, LAN, "x"), event_name: "user_join_group" })).toBe(200);
    expect(await orders()).toEqual([]);
  });

  it("an image with a caption is a comment like a text", async () => {
    expect(await w.post(w.fake.events.groupImage(OA.oaId, GROUP, LAN, "chốt A1 x1"))).toBe(200);
    expect(await orders()).toHaveLength(1);
  });

  it("the buyer finishes privately with the order code from the group's answer (same OA user id in group and private)", async () => {
    expect(await w.post(w.fake.events.groupText(OA.oaId, GROUP, LAN, "chốt A1 x2"))).toBe(200);
    await w.flush();
    const code = /CC[A-Z2-9]{6}/.exec(groupTexts()[0] ?? "")?.[0] ?? "";
    expect(code).not.toBe("");
    expect(await w.post(w.fake.events.privateText(OA.oaId, LAN, code))).toBe(200);
    await w.flush();
    expect(w.fake.sent(LAN).at(-1)?.text).toContain("Bạn muốn nhận hàng thế nào?");
    expect(w.fake.sent(LAN).at(-1)?.kind).toBe("cs");
  });

  it("a private message is answered with a consultation message (/v3.0/oa/message/cs)", async () => {
    expect(await w.post(w.fake.events.privateText(OA.oaId, LAN, "xin chào"))).toBe(200);
    await w.flush();
    const cs = w.fake.sent(LAN);
    expect(cs.length).toBeGreaterThan(0);
    expect(cs.every((m) => m.kind === "cs")).toBe(true);
  });
});

function withMac(ev: Parameters<OaWorld["fake"]["signed"]>[0]) {
  const s = w.fake.signed(ev, { macPrefix: true });
  return { headers: s.headers, body: s.body };
}

describe("OA tokens and send errors", () => {
  beforeEach(async () => {
    w = await oaWorld();
  });
  afterEach(() => w.close());

  const comment = async (text = "chốt A1 x2") => {
    expect(await w.post(w.fake.events.groupText(OA.oaId, GROUP, LAN, text))).toBe(200);
  };

  it("refreshes the access token before it expires, and stores the rotated refresh token", async () => {
    const first = await findOaConnectionByOaId(w.t.sqlite.store, OA.oaId);
    await comment();
    await w.flush();
    expect(tokenCalls()).toHaveLength(0);
    // 21 h later, 4 h of the 25 are left: refreshed before use.
    w.t.clock.advance(21 * HOUR);
    await comment("chốt A2 x1");
    await w.flush();
    expect(tokenCalls()).toHaveLength(1);
    const now = await findOaConnectionByOaId(w.t.sqlite.store, OA.oaId);
    expect(now?.refreshToken).not.toBe(first?.refreshToken);
    expect(now?.accessToken).not.toBe(first?.accessToken);
    expect(now!.expiresAt!.getTime()).toBeGreaterThan(w.t.clock.now().getTime() + 24 * HOUR);
    // The old refresh token is dead at Zalo: spent exactly once.
    expect(w.fake.refreshUses(first?.refreshToken ?? "")).toBe(1);
    expect(groupTexts()).toHaveLength(2);
  });

  it("housekeeping refreshes a quiet OA's token in its last hours, once", async () => {
    const job = () => refreshDueOaTokens({ store: w.t.sqlite.store, tokens: w.tokens, now: () => w.t.clock.now() });
    expect(await job()).toEqual({ refreshed: 0, failed: 0 });
    w.t.clock.advance(21 * HOUR);
    expect(await job()).toEqual({ refreshed: 1, failed: 0 });
    expect(await job()).toEqual({ refreshed: 0, failed: 0 });
    expect(tokenCalls()).toHaveLength(1);
  });

  it("two refreshes at once (two processes) spend the refresh token once", async () => {
    const first = await findOaConnectionByOaId(w.t.sqlite.store, OA.oaId);
    w.t.clock.advance(21 * HOUR);
    const a = oaTokens({ store: w.t.sqlite.store, client: w.client, now: () => w.t.clock.now() });
    const b = oaTokens({ store: w.t.sqlite.store, client: w.client, now: () => w.t.clock.now() });
    const got = await Promise.all([a.accessToken(OA.oaId), b.accessToken(OA.oaId), a.accessToken(OA.oaId)]);
    expect(w.fake.refreshUses(first?.refreshToken ?? "")).toBe(1);
    expect(tokenCalls()).toHaveLength(1);
    const stored = await findOaConnectionByOaId(w.t.sqlite.store, OA.oaId);
    // Each caller got a token Zalo still takes: the new one, or the old one with hours left.
    for (const token of got) expect([stored?.accessToken, first?.accessToken]).toContain(token);
    expect(stored?.status).toBe("connected");
  });

  it("-216 on send: refreshes once and sends again", async () => {
    await comment();
    w.fake.inject({ path: "/v3.0/oa/group/message", fault: { kind: "error", code: -216, message: "Access token is invalid" } });
    await w.flush();
    expect(tokenCalls()).toHaveLength(1);
    expect(groupTexts()).toHaveLength(1);
    const row = await db().selectFrom("outbox").select(["status", "attempts"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", attempts: 1 });
  });

  it("-32 (rate limited): retried later, not lost, sent once", async () => {
    await comment();
    const fault = w.fake.inject({ path: "/v3.0/oa/group/message", fault: { kind: "error", code: -32 } });
    await w.flush(5_000);
    expect(fault.hits).toBe(1);
    expect(groupTexts()).toHaveLength(1);
    const row = await db().selectFrom("outbox").select(["status", "attempts"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", attempts: 2 });
  });

  it("a 5xx and a dropped connection are retried", async () => {
    await comment();
    w.fake.inject({ path: "/v3.0/oa/group/message", fault: { kind: "http-500" } });
    w.fake.inject({ path: "/v3.0/oa/group/message", fault: { kind: "drop" } });
    await w.flush(5_000);
    expect(groupTexts()).toHaveLength(1);
  });

  it("a dead refresh token (-14014): the OA must be connected again, staff are told, and nothing more is sent", async () => {
    await db().updateTable("shops").set({ staff_channel: "telegram", staff_bot_id: "777", staff_chat_id: "-100555" }).where("id", "=", 1).execute();
    w.t.clock.advance(21 * HOUR);
    w.fake.inject({ path: "/v4/oa/access_token", fault: { kind: "error", code: -14014, message: "Invalid refresh token" } });
    await comment();
    await w.flush();
    const conn = await findOaConnectionByOaId(w.t.sqlite.store, OA.oaId);
    expect(conn).toMatchObject({ status: "reconnect", lastError: expect.stringContaining("-14014") });
    expect(await db().selectFrom("outbox").select("status").where("channel", "=", "zalo-oa").execute()).toEqual([{ status: "failed" }]);
    // Told on the staff group of another channel, with the page to connect again; once.
    const notices = await db().selectFrom("outbox").select(["channel", "chat_id", "payload"]).where("channel", "=", "telegram").execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ chat_id: "-100555", payload: expect.stringContaining("https://cho.example.vn/dashboard/zalo-oa?shop=demo") });
    const calls = w.fake.calls.length;
    await comment("chốt A2 x1");
    await w.flush();
    expect(w.fake.calls.length).toBe(calls);
    expect(groupTexts()).toEqual([]);
  });

  it("-230 on a consultation message is a refusal, recorded on the row", async () => {
    expect(await w.post(w.fake.events.privateText(OA.oaId, LAN, "xin chào"))).toBe(200);
    w.fake.reset();
    await w.flush();
    expect(await db().selectFrom("outbox").select(["status", "last_error"]).execute()).toEqual([{ status: "failed", last_error: expect.stringContaining("-230") }]);
  });

  it("text over 2,000 characters goes out in parts, each within the limit", async () => {
    await comment();
    await w.flush();
    const sender = w.senders["zalo-oa"];
    const row = await db().selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    const long = Array.from({ length: 300 }, (_, i) => `Dòng ${i} của tin dài`).join("\n");
    expect(await sender?.send(row, { text: long })).toMatchObject({ kind: "sent" });
    const parts = groupTexts().slice(1);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
  });
});

describe("secrets at rest", () => {
  afterEach(() => w.close());

  it("an OA connected before DATA_KEY is sealed by the start-up re-seal, and still works", async () => {
    w = await oaWorld();
    const clear = await db().selectFrom("zalo_oa_connections").select(["access_token"]).executeTakeFirstOrThrow();
    expect(clear.access_token).toMatch(/^acc_/);
    w.t.sqlite.store.keyring = await keyringFrom("k".repeat(32));
    const report = await resealSecrets(w.t.sqlite.store);
    expect(report.unreadable).toEqual([]);
    const raw = await db().selectFrom("zalo_oa_connections").selectAll().executeTakeFirstOrThrow();
    for (const column of ["app_secret", "oa_secret_key", "access_token", "refresh_token"] as const) expect(raw[column]).toMatch(/^enc:v1:/);
    expect(await w.post(w.fake.events.groupText(OA.oaId, GROUP, LAN, "chốt A1 x2"))).toBe(200);
    await w.flush();
    expect(groupTexts()).toHaveLength(1);
  });

  it("with DATA_KEY set, the OA's tokens and keys are not stored in plain text", async () => {
    w = await oaWorld({ dataKey: "k".repeat(32) });
    const raw = await db().selectFrom("zalo_oa_connections").selectAll().executeTakeFirstOrThrow();
    const opened = await findOaConnectionByOaId(w.t.sqlite.store, OA.oaId);
    expect(opened?.accessToken).toMatch(/^acc_/);
    for (const column of ["app_secret", "oa_secret_key", "access_token", "refresh_token"] as const) expect(raw[column]).toMatch(/^enc:v1:/);
    expect(JSON.stringify(raw)).not.toContain(opened?.accessToken ?? "-");
    expect(JSON.stringify(raw)).not.toContain(OA.oaSecretKey);
    // And it still works end to end (the webhook key and the tokens are opened where used).
    expect(await w.post(w.fake.events.groupText(OA.oaId, GROUP, LAN, "chốt A1 x2"))).toBe(200);
    await w.flush();
    expect(groupTexts()).toHaveLength(1);
  });
});
