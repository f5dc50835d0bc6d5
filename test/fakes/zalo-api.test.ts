import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeZalo, type FakeZalo } from "./zalo-api";

const TOKEN = "12345689:abc-shop";
const BOT = { token: TOKEN, id: "1234567890", name: "Bot Shop" };
const LAN = { id: "6ede9afa66b88fe6d6a9", name: "Lan" };
const GROUP = { id: "c2b1f09e4a7d3e55b180", name: "Chợ Live" };
const T0 = 1_750_316_131_602;

let fake: FakeZalo;
let clock = T0;

/** A raw Zalo call the way real clients make it: POST + JSON. */
async function call(method: string, body: Record<string, unknown> = {}, token = TOKEN, init: RequestInit = {}): Promise<Response> {
  return fetch(`${fake.url}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    ...init,
  });
}

async function envelope(method: string, body: Record<string, unknown> = {}, token = TOKEN): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await call(method, body, token);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  fake = await startFakeZalo({ now: () => clock });
  fake.addBot(BOT);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  clock = T0;
  fake.reset();
  fake.addUser(LAN);
  fake.addGroup(GROUP);
});

describe("transport", () => {
  it("answers getMe with the bot profile", async () => {
    const { status, json } = await envelope("getMe");
    expect(status).toBe(200);
    expect(json).toEqual({ ok: true, result: { id: BOT.id, account_name: "Bot Shop", account_type: "BASIC", can_join_groups: true } });
  });

  it("refuses an unknown token with error_code 401 on HTTP 200", async () => {
    const { status, json } = await envelope("getMe", {}, "999:nope");
    expect(status).toBe(200);
    expect(json).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
    expect(fake.calls.at(-1)).toMatchObject({ token: "999:nope", method: "getMe", ok: false, errorCode: 401 });
  });

  it("treats method names as case-sensitive", async () => {
    const { status, json } = await envelope("getme");
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: false, error_code: 400 });
  });

  it("reads form-urlencoded bodies and the query string too", async () => {
    const form = await fetch(`${fake.url}/bot${TOKEN}/sendMessage`, { method: "POST", body: new URLSearchParams({ chat_id: LAN.id, text: "form" }) });
    expect(((await form.json()) as { ok: boolean }).ok).toBe(true);
    const query = await fetch(`${fake.url}/bot${TOKEN}/sendMessage?${new URLSearchParams({ chat_id: LAN.id, text: "query" })}`);
    expect(((await query.json()) as { ok: boolean }).ok).toBe(true);
    expect(fake.sent(LAN.id).map((m) => m.text)).toEqual(["form", "query"]);
  });
});

describe("sending", () => {
  it("sendMessage returns a 20-hex message_id and a ms date, and records the message", async () => {
    clock = T0 + 5;
    const { json } = await envelope("sendMessage", { chat_id: LAN.id, text: "Xin chào" });
    expect(json.ok).toBe(true);
    const result = json.result as { message_id: string; date: number };
    expect(result.message_id).toMatch(/^[0-9a-f]{20}$/);
    expect(result.date).toBe(T0 + 5);
    expect(fake.sent(LAN.id)).toEqual([
      { token: TOKEN, method: "sendMessage", chatId: LAN.id, messageId: result.message_id, text: "Xin chào", at: T0 + 5 },
    ]);
    expect(fake.callsTo("sendMessage")[0]).toMatchObject({ ok: true, params: { chat_id: LAN.id, text: "Xin chào" } });
  });

  it("refuses text over 2000 characters and unknown chats", async () => {
    expect((await envelope("sendMessage", { chat_id: LAN.id, text: "a".repeat(2000) })).json.ok).toBe(true);
    const long = await envelope("sendMessage", { chat_id: LAN.id, text: "a".repeat(2001) });
    expect(long).toMatchObject({ status: 200, json: { ok: false, error_code: 400 } });
    const empty = await envelope("sendMessage", { chat_id: LAN.id, text: "" });
    expect(empty.json).toMatchObject({ ok: false, error_code: 400 });
    const unknown = await envelope("sendMessage", { chat_id: "0000000000", text: "hi" });
    expect(unknown.json).toMatchObject({ ok: false, error_code: 400, description: expect.stringContaining("chat not found") });
    expect(fake.sent()).toHaveLength(1);
  });

  it("sendPhoto wants an http(s) URL and a caption of at most 2000 chars", async () => {
    const ok = await envelope("sendPhoto", { chat_id: GROUP.id, photo: "https://cdn.example/a1.jpg", caption: "A1" });
    expect(ok.json).toMatchObject({ ok: true, result: { message_id: expect.stringMatching(/^[0-9a-f]{20}$/) } });
    expect((await envelope("sendPhoto", { chat_id: GROUP.id, photo: "file:///tmp/a.jpg" })).json).toMatchObject({ ok: false, error_code: 400 });
    const longCaption = await envelope("sendPhoto", { chat_id: GROUP.id, photo: "https://cdn.example/a.jpg", caption: "x".repeat(2001) });
    expect(longCaption.json).toMatchObject({ ok: false, error_code: 400 });
    expect(fake.sent(GROUP.id)).toMatchObject([{ method: "sendPhoto", photo: "https://cdn.example/a1.jpg", caption: "A1" }]);
  });

  it("sendChatAction answers a bare { ok: true }", async () => {
    expect((await envelope("sendChatAction", { chat_id: LAN.id, action: "typing" })).json).toEqual({ ok: true });
    expect((await envelope("sendChatAction", { chat_id: LAN.id, action: "upload_photo" })).json).toMatchObject({ ok: false });
  });
});

describe("faults", () => {
  it("429 and 403 come in the envelope on HTTP 200", async () => {
    fake.inject({ method: "sendMessage", fault: { kind: "429" } });
    fake.inject({ method: "sendMessage", chatId: LAN.id, fault: { kind: "403" } });
    expect(await envelope("sendMessage", { chat_id: LAN.id, text: "1" })).toEqual({
      status: 200,
      json: { ok: false, error_code: 429, description: "quota exceeded" },
    });
    expect(await envelope("sendMessage", { chat_id: LAN.id, text: "2" })).toEqual({
      status: 200,
      json: { ok: false, error_code: 403, description: "Internal server error" },
    });
    // Each fault hit once (times defaults to 1), so the next call goes through.
    expect((await envelope("sendMessage", { chat_id: LAN.id, text: "3" })).json.ok).toBe(true);
    expect(fake.sent().map((m) => m.text)).toEqual(["3"]);
  });

  it("http-500 is a real HTTP 500 with an HTML body", async () => {
    fake.inject({ fault: { kind: "http-500" } });
    const res = await call("getMe");
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("<html>");
  });

  it("hang never answers, so the client times out", async () => {
    fake.inject({ method: "sendMessage", fault: { kind: "hang" } });
    const err = await call("sendMessage", { chat_id: LAN.id, text: "hi" }, TOKEN, { signal: AbortSignal.timeout(500) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "TimeoutError" });
    expect(fake.sent()).toHaveLength(0);
  });

  it("drop destroys the socket, so fetch rejects", async () => {
    fake.inject({ method: "sendMessage", fault: { kind: "drop" } });
    await expect(call("sendMessage", { chat_id: LAN.id, text: "hi" })).rejects.toThrow();
    expect(fake.callsTo("sendMessage")[0]).toMatchObject({ ok: false, fault: "drop" });
  });

  it("delay answers normally after the wait", async () => {
    fake.inject({ method: "getMe", fault: { kind: "delay", ms: 100 } });
    const started = Date.now();
    expect((await envelope("getMe")).json.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });
});

describe("webhook and polling", () => {
  it("setWebhook needs url and an 8–256 char secret; getWebhookInfo hides the secret", async () => {
    expect((await envelope("setWebhook", { url: "https://shop.example/zalo", secret_token: "short" })).json).toMatchObject({ ok: false, error_code: 400 });
    expect((await envelope("setWebhook", { url: "https://shop.example/zalo" })).json).toMatchObject({ ok: false, error_code: 400 });
    expect((await envelope("setWebhook", { url: "http://shop.example/zalo", secret_token: "s3cret-token" })).json).toMatchObject({ ok: false });
    clock = T0 + 1;
    const set = await envelope("setWebhook", { url: "https://shop.example/zalo", secret_token: "s3cret-token" });
    expect(set.json).toEqual({ ok: true, result: { url: "https://shop.example/zalo", updated_at: T0 + 1 } });
    expect((await envelope("getWebhookInfo")).json).toEqual({ ok: true, result: { url: "https://shop.example/zalo", updated_at: T0 + 1 } });
    expect(fake.webhook(TOKEN)).toEqual({ url: "https://shop.example/zalo", secret: "s3cret-token" });
    // Polling is refused while a webhook is set.
    expect((await envelope("getUpdates", { timeout: 1 })).json).toMatchObject({ ok: false, error_code: 400 });
    clock = T0 + 2;
    expect((await envelope("deleteWebhook")).json).toEqual({ ok: true, result: { url: "", updated_at: T0 + 2 } });
  });

  it("getUpdates returns one pushed update, waiting for it if needed", async () => {
    const first = fake.updates.privateText(LAN, "chốt A1 x2");
    expect(fake.pushUpdate(TOKEN, first)).toBe(true);
    expect((await envelope("getUpdates", { timeout: 1 })).json).toEqual({ ok: true, result: first.result });

    const polling = envelope("getUpdates", { timeout: "5" });
    await new Promise((r) => setTimeout(r, 50));
    const second = fake.updates.image(LAN, LAN, "ảnh");
    fake.pushUpdate(TOKEN, second.result);
    expect((await polling).json).toEqual({ ok: true, result: second.result });
  });

  it("getUpdates answers 408 when its timeout runs out", async () => {
    expect((await envelope("getUpdates", { timeout: 1 })).json).toEqual({ ok: false, error_code: 408, description: "Request timeout" });
  });

  it("deliverWebhook posts the wrapped body with the secret header, the bare form, and duplicates", async () => {
    const got: { headers: IncomingHttpHeaders; body: unknown }[] = [];
    const hook = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        got.push({ headers: req.headers, body: JSON.parse(raw) as unknown });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/zalo`;
    try {
      const update = fake.updates.privateText(LAN, "hi");
      expect(await fake.deliverWebhook(url, update, { secret: "s3cret-token" })).toBe(200);
      expect(got[0]?.headers["x-bot-api-secret-token"]).toBe("s3cret-token");
      expect(got[0]?.headers["content-type"]).toBe("application/json");
      expect(got[0]?.body).toEqual(update);

      expect(await fake.deliverWebhook(url, update, { bare: true, duplicate: true })).toBe(200);
      expect(got[1]?.headers["x-bot-api-secret-token"]).toBeUndefined();
      expect(got[1]?.body).toEqual({ event_name: "message.text.received", message: update.result.message });
      expect(got[2]?.body).toEqual(got[1]?.body);
      expect(got).toHaveLength(3);
    } finally {
      await new Promise<void>((r) => hook.close(() => r()));
    }
  });
});

describe("updates and the group rule", () => {
  it("builds wrapped updates in Zalo's shape with unique 20-hex ids", () => {
    clock = T0 + 9;
    const a = fake.updates.privateText(LAN, "xin chào");
    const b = fake.updates.privateText(LAN, "xin chào");
    expect(a).toEqual({
      ok: true,
      result: {
        event_name: "message.text.received",
        message: {
          from: { id: LAN.id, display_name: "Lan", is_bot: false },
          chat: { id: LAN.id, chat_type: "PRIVATE" },
          text: "xin chào",
          message_id: expect.stringMatching(/^[0-9a-f]{20}$/),
          date: T0 + 9,
        },
      },
    });
    expect(b.result.message.message_id).not.toBe(a.result.message.message_id);
    expect(fake.updates.sticker(LAN, GROUP).result).toMatchObject({ event_name: "message.sticker.received", message: { chat: { chat_type: "GROUP" } } });
    expect(fake.updates.unsupported(LAN, LAN).result.message).not.toHaveProperty("text");
  });

  it("only mentions of the bot and quotes of its messages reach it in a group", async () => {
    const chatter = fake.updates.groupText(LAN, GROUP, "chốt A1 x2");
    expect(fake.groupWouldReach(chatter)).toBe(false);
    expect(fake.pushUpdate(TOKEN, chatter)).toBe(false);

    const mention = fake.updates.groupText(LAN, GROUP, "chốt A1 x2", { mentionBot: true });
    expect(mention.result.message.text).toBe("@Bot Shop chốt A1 x2");
    expect(fake.groupWouldReach(mention.result.message)).toBe(true);

    expect(() => fake.updates.groupText(LAN, GROUP, "chốt x2", { quoteBot: true })).toThrow(/sent nothing/);
    await envelope("sendMessage", { chat_id: GROUP.id, text: "A1: áo thun 150k" });
    const quote = fake.updates.groupText(LAN, GROUP, "chốt x2", { quoteBot: true });
    expect(fake.groupWouldReach(quote)).toBe(true);
    expect(fake.groupWouldReach(fake.updates.groupText(LAN, GROUP, "chốt x2", { quoteBot: "ffffffffffffffffffff" }))).toBe(false);
    expect(fake.members(GROUP.id)).toContain(LAN.id);
  });

  it("a bot that cannot join groups sees no group messages and cannot post there", async () => {
    const dmOnly = { token: "555:dm-only", id: "555", name: "Bot DM", canJoinGroups: false };
    expect(fake.addBot(dmOnly).can_join_groups).toBe(false);
    const mention = fake.updates.forBot(dmOnly.token).groupText(LAN, GROUP, "hi", { mentionBot: true });
    expect(mention.result.message.text).toBe("@Bot DM hi");
    expect(fake.groupWouldReach(mention, dmOnly.token)).toBe(false);
    expect((await envelope("sendMessage", { chat_id: GROUP.id, text: "hi" }, dmOnly.token)).json).toMatchObject({ ok: false, error_code: 400 });
  });
});
