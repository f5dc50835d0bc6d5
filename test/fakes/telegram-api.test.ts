import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import { startFakeTelegram, type FakeTelegram, type UploadedFile } from "./telegram-api";

const TOKEN = "123456:TEST-shop-bot";
const OTHER_TOKEN = "654321:TEST-other-bot";
const BUYER = { id: 5001, firstName: "Lan", username: "lan_buyer", startedBot: true };
const STRANGER = { id: 5002, firstName: "Minh" };
const GROUP = { id: -1001234567890, title: "Chợ Live", type: "supergroup" as const, botIsAdmin: true };
const BASIC = { id: -4001, title: "Nhóm cũ", type: "group" as const };

/** The first bytes of a 300×300 PNG: enough for the fake to read the size. */
const PNG_300 = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 44, 0, 0, 1, 44, 8, 2, 0, 0, 0,
]);

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

async function grammyError(p: Promise<unknown>): Promise<GrammyError> {
  const e = await caught(p);
  expect(e).toBeInstanceOf(GrammyError);
  return e as GrammyError;
}

let fake: FakeTelegram;
let api: Api;

beforeAll(async () => {
  fake = await startFakeTelegram();
  fake.addBot({ token: TOKEN, id: 777000111, username: "cho_chat_bot", firstName: "Chợ Chat" });
  fake.addBot({ token: OTHER_TOKEN, id: 777000222, username: "other_shop_bot", privacyMode: false });
  api = new Api(TOKEN, { apiRoot: fake.url, timeoutSeconds: 2 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.addUser(BUYER);
  fake.addUser(STRANGER);
  fake.addGroup(GROUP);
  fake.addGroup(BASIC);
});

describe("transport and basics", () => {
  it("answers getMe with the bot and its privacy setting", async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: 777000111, is_bot: true, username: "cho_chat_bot", can_read_all_group_messages: false });
    const other = await new Api(OTHER_TOKEN, { apiRoot: fake.url }).getMe();
    expect(other.can_read_all_group_messages).toBe(true);
    expect(fake.callsTo("getme")).toHaveLength(2);
  });

  it("refuses an unknown token with 401 and an unknown method with 404", async () => {
    const e = await grammyError(new Api("999:nope", { apiRoot: fake.url }).getMe());
    expect(e.error_code).toBe(401);
    expect(e.description).toBe("Unauthorized");
    const res = await fetch(`${fake.url}/bot${TOKEN}/noSuchMethod`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  it("accepts GET with a query string and any method case", async () => {
    const res = await fetch(`${fake.url}/bot${TOKEN}/SENDMESSAGE?chat_id=${BUYER.id}&text=xin%20ch%C3%A0o`);
    const body = (await res.json()) as { ok: boolean; result: { text: string } };
    expect(body.ok).toBe(true);
    expect(body.result.text).toBe("xin chào");
    expect(fake.calls.at(-1)).toMatchObject({ method: "sendMessage", chatId: BUYER.id, status: 200, params: { chat_id: BUYER.id } });
  });
});

describe("messages", () => {
  it("sends a message and echoes its inline keyboard", async () => {
    const reply_markup = { inline_keyboard: [[{ text: "Đặt hàng", callback_data: "o:A1" }]] };
    const m1 = await api.sendMessage(GROUP.id, "A1 – Áo thun 120.000 ₫", { reply_markup });
    const m2 = await api.sendMessage(GROUP.id, "A2 – Quần");
    expect(m1).toMatchObject({
      from: { id: 777000111, is_bot: true, username: "cho_chat_bot" },
      chat: { id: GROUP.id, type: "supergroup", title: "Chợ Live" },
      text: "A1 – Áo thun 120.000 ₫",
      reply_markup,
    });
    expect(typeof m1.date).toBe("number");
    expect(m2.message_id).toBe(m1.message_id + 1);
    expect(m2.reply_markup).toBeUndefined();
    const sent = fake.sent(GROUP.id);
    expect(sent.map((s) => s.text)).toEqual(["A1 – Áo thun 120.000 ₫", "A2 – Quần"]);
    expect(sent[0]?.replyMarkup).toEqual(reply_markup);
  });

  it("refuses a 65-byte Vietnamese callback_data (bytes, not characters)", async () => {
    const data65 = "đặt:" + "ư".repeat(29); // 7 + 29×2 bytes, only 33 characters
    const data64 = "đặt:" + "ư".repeat(28) + "a";
    expect(Buffer.byteLength(data65)).toBe(65);
    expect(Buffer.byteLength(data64)).toBe(64);
    const e = await grammyError(
      api.sendMessage(BUYER.id, "Chọn", { reply_markup: { inline_keyboard: [[{ text: "Đặt", callback_data: data65 }]] } }),
    );
    expect(e.error_code).toBe(400);
    expect(e.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect(fake.sent()).toHaveLength(0);
    await api.sendMessage(BUYER.id, "Chọn", { reply_markup: { inline_keyboard: [[{ text: "Đặt", callback_data: data64 }]] } });
  });

  it("checks text and caption lengths", async () => {
    expect((await grammyError(api.sendMessage(BUYER.id, "   "))).description).toBe("Bad Request: message text is empty");
    expect((await grammyError(api.sendMessage(BUYER.id, "x".repeat(4097)))).description).toBe("Bad Request: message is too long");
    await api.sendMessage(BUYER.id, "x".repeat(4096));
    // Length counts after parse_mode: the tags do not count.
    await api.sendMessage(BUYER.id, `<b>${"x".repeat(4090)}</b>`, { parse_mode: "HTML" });
    const e = await grammyError(api.sendPhoto(BUYER.id, "https://example.com/a.jpg", { caption: "c".repeat(1025) }));
    expect(e.description).toBe("Bad Request: message caption is too long");
  });

  it("applies Telegram's refusals for chats and users", async () => {
    const cant = await grammyError(api.sendMessage(STRANGER.id, "Chào bạn"));
    expect(cant.error_code).toBe(403);
    expect(cant.description).toBe("Forbidden: bot can't initiate conversation with a user");

    fake.setBlocked(TOKEN, BUYER.id, true);
    expect((await grammyError(api.sendMessage(BUYER.id, "hi"))).description).toBe("Forbidden: bot was blocked by the user");
    fake.setBlocked(TOKEN, BUYER.id, false);

    expect((await grammyError(api.sendMessage(-42, "hi"))).description).toBe("Bad Request: chat not found");

    const contactKb = { keyboard: [[{ text: "Gửi số điện thoại", request_contact: true }]], resize_keyboard: true };
    expect((await grammyError(api.sendMessage(GROUP.id, "SĐT?", { reply_markup: contactKb }))).error_code).toBe(400);
    const dm = await api.sendMessage(BUYER.id, "SĐT?", { reply_markup: contactKb });
    expect(dm.reply_markup).toBeUndefined(); // reply keyboards are not echoed in Message
    expect(fake.sent(BUYER.id)[0]?.replyMarkup).toEqual(contactKb);

    fake.migrateGroup(BASIC.id, -1009999);
    const moved = await grammyError(api.sendMessage(BASIC.id, "hi"));
    expect(moved.description).toBe("Bad Request: group chat was upgraded to a supergroup chat");
    expect(moved.parameters.migrate_to_chat_id).toBe(-1009999);
    expect((await api.sendMessage(-1009999, "hi")).chat.type).toBe("supergroup");
  });

  it("sends a photo uploaded as multipart and keeps the file bytes", async () => {
    const m = await api.sendPhoto(BUYER.id, new InputFile(PNG_300, "qr.png"), {
      caption: "Quét mã VietQR",
      reply_markup: { inline_keyboard: [[{ text: "Đã chuyển khoản", callback_data: "paid:CC7K" }]] },
    });
    const call = fake.callsTo("sendPhoto")[0];
    expect(call?.files).toHaveLength(1);
    const file = call?.files[0];
    expect(file?.filename).toBe("qr.png");
    expect(file?.size).toBe(PNG_300.length);
    expect(Array.from(file?.bytes ?? [])).toEqual(Array.from(PNG_300));
    // attach:// resolved, JSON fields decoded, form scalars coerced.
    expect((call?.params.photo as UploadedFile).bytes).toBe(file?.bytes);
    expect(call?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: "Đã chuyển khoản", callback_data: "paid:CC7K" }]] });
    expect(call?.params.chat_id).toBe(BUYER.id);

    expect(m.caption).toBe("Quét mã VietQR");
    expect(m.photo?.map((p) => [p.width, p.height])).toEqual([
      [90, 90],
      [300, 300],
    ]);
    const largest = m.photo?.at(-1);
    // Re-sending by file_id works and gives the same picture; other bots cannot use this file_id.
    const again = await api.sendPhoto(GROUP.id, largest?.file_id ?? "");
    expect(again.photo?.at(-1)?.file_unique_id).toBe(largest?.file_unique_id);
    const other = new Api(OTHER_TOKEN, { apiRoot: fake.url });
    expect((await grammyError(other.sendPhoto(GROUP.id, largest?.file_id ?? ""))).description).toBe(
      "Bad Request: wrong file identifier/HTTP URL specified",
    );
    const file2 = await api.getFile(largest?.file_id ?? "");
    const download = await fetch(`${fake.url}/file/bot${TOKEN}/${file2.file_path}`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG_300);
  });

  it("sends albums of 2–10 without a keyboard", async () => {
    const album = await api.sendMediaGroup(GROUP.id, [
      { type: "photo", media: new InputFile(PNG_300, "a.png"), caption: "A1" },
      { type: "photo", media: "https://example.com/a2.jpg" },
    ]);
    expect(album).toHaveLength(2);
    const groupIds = album.map((m) => (m as { media_group_id?: string }).media_group_id);
    expect(groupIds[0]).toMatch(/^\d+$/);
    expect(groupIds[1]).toBe(groupIds[0]);
    expect(album[0]?.caption).toBe("A1");
    expect(fake.callsTo("sendMediaGroup")[0]?.files[0]?.filename).toBe("a.png");
    const one = await grammyError(api.sendMediaGroup(GROUP.id, [{ type: "photo", media: "https://example.com/x.jpg" }]));
    expect(one.error_code).toBe(400);
  });

  it("edits: not-modified, markup removal, caption and delete", async () => {
    const kb = { inline_keyboard: [[{ text: "Đặt", callback_data: "o:A1" }]] };
    const m = await api.sendMessage(BUYER.id, "Đơn #1: chờ thanh toán", { reply_markup: kb });
    const same = await grammyError(api.editMessageText(BUYER.id, m.message_id, "Đơn #1: chờ thanh toán", { reply_markup: kb }));
    expect(same.description).toMatch(/^Bad Request: message is not modified: /);

    const edited = await api.editMessageText(BUYER.id, m.message_id, "Đơn #1: đã thanh toán");
    expect(edited).toMatchObject({ text: "Đơn #1: đã thanh toán" });
    expect((edited as { reply_markup?: unknown }).reply_markup).toBeUndefined(); // no reply_markup → keyboard removed
    expect(fake.sent(BUYER.id)[0]).toMatchObject({ text: "Đơn #1: đã thanh toán", edited: true });
    expect((await grammyError(api.editMessageReplyMarkup(BUYER.id, m.message_id))).description).toMatch(/not modified/);

    const photo = await api.sendPhoto(BUYER.id, "https://example.com/p.jpg", { caption: "cũ" });
    await api.editMessageCaption(BUYER.id, photo.message_id, { caption: "mới" });
    expect(fake.message(BUYER.id, photo.message_id)?.caption).toBe("mới");

    expect(await api.deleteMessage(BUYER.id, m.message_id)).toBe(true);
    expect((await grammyError(api.deleteMessage(BUYER.id, m.message_id))).description).toBe("Bad Request: message to delete not found");
    expect(fake.sent(BUYER.id)[0]?.deleted).toBe(true);
  });

  it("answers a callback query once, and copies, reacts, types", async () => {
    const post = await api.sendMessage(GROUP.id, "A1", { reply_markup: { inline_keyboard: [[{ text: "Đặt", callback_data: "o:A1" }]] } });
    const u = fake.updates.callback(BUYER, post, "o:A1");
    const q = u.callback_query;
    expect(q?.message?.message_id).toBe(post.message_id);
    expect(q?.id).toMatch(/^\d+$/);
    const url = "https://t.me/cho_chat_bot?start=d_abc";
    expect(await api.answerCallbackQuery(q?.id ?? "", { url })).toBe(true);
    const twice = await grammyError(api.answerCallbackQuery(q?.id ?? ""));
    expect(twice.description).toBe("Bad Request: query is too old and response timeout expired or query ID is invalid");
    expect(fake.callbackAnswers).toMatchObject([{ queryId: q?.id, url }]);
    expect((await grammyError(api.answerCallbackQuery("123", { text: "x".repeat(201) }))).error_code).toBe(400);

    const comment = fake.updates.groupText(BUYER, GROUP, "chốt A1 x2").message;
    expect(comment?.message_id).toBe(post.message_id + 1); // one id sequence per group
    await api.setMessageReaction(GROUP.id, comment?.message_id ?? 0, [{ type: "emoji", emoji: "👌" }]);
    expect(fake.reactionsOn(GROUP.id, comment?.message_id ?? 0)).toEqual(["👌"]);

    const copy = await api.copyMessage(BUYER.id, GROUP.id, post.message_id);
    expect(fake.sent(BUYER.id)[0]).toMatchObject({ messageId: copy.message_id, text: "A1", method: "copyMessage" });
    expect(await api.sendChatAction(BUYER.id, "typing")).toBe(true);
    expect(await api.setMyCommands([{ command: "start", description: "Bắt đầu" }])).toBe(true);
    expect(await api.getMyCommands()).toEqual([{ command: "start", description: "Bắt đầu" }]);
    expect(await api.getChatMember(GROUP.id, 777000111)).toMatchObject({ status: "administrator" });
    expect(await api.getChat(BUYER.id)).toMatchObject({ id: BUYER.id, type: "private", first_name: "Lan" });
  });
});

describe("fault injection, as grammY sees it", () => {
  it("429 → GrammyError with retry_after and a Retry-After header", async () => {
    fake.inject({ method: "sendMessage", chatId: BUYER.id, fault: { kind: "429", retryAfter: 3 } });
    const e = await grammyError(api.sendMessage(BUYER.id, "hi"));
    expect(e.error_code).toBe(429);
    expect(e.description).toBe("Too Many Requests: retry after 3");
    expect(e.parameters.retry_after).toBe(3);
    expect(fake.calls.at(-1)).toMatchObject({ status: 429, fault: "429" });
    await api.sendMessage(BUYER.id, "hi"); // only the next call was hit
    fake.inject({ fault: { kind: "429", retryAfter: 1 } });
    const raw = await fetch(`${fake.url}/bot${TOKEN}/getMe`);
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("1");
  });

  it("5xx with a JSON body → GrammyError 500; with HTML → HttpError", async () => {
    fake.inject({ fault: { kind: "5xx-json" } });
    const e = await grammyError(api.getMe());
    expect(e.error_code).toBe(500);
    fake.inject({ fault: { kind: "5xx-html" } });
    const h = await caught(api.getMe());
    expect(h).toBeInstanceOf(HttpError);
    expect(fake.calls.at(-1)?.status).toBe(502);
  });

  it("hang → HttpError after the client timeout; drop → HttpError", async () => {
    const quick = new Api(TOKEN, { apiRoot: fake.url, timeoutSeconds: 1 });
    fake.inject({ method: "getMe", fault: { kind: "hang" } });
    const started = Date.now();
    const hung = await caught(quick.getMe());
    expect(hung).toBeInstanceOf(HttpError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(String((hung as HttpError).error)).toMatch(/timed out/);

    fake.inject({ method: "sendMessage", fault: { kind: "drop" } });
    expect(await caught(api.sendMessage(BUYER.id, "hi"))).toBeInstanceOf(HttpError);
    fake.inject({ method: "sendMessage", fault: { kind: "drop", afterHeaders: true } });
    expect(await caught(api.sendMessage(BUYER.id, "hi"))).toBeInstanceOf(HttpError);
    expect(fake.sent()).toHaveLength(0);
    expect(await api.getMe()).toMatchObject({ id: 777000111 }); // the client recovers on a fresh connection
  });

  it("matches the nth call, a count of calls, a chat, and delays", async () => {
    const f = fake.inject({ method: "sendMessage", nth: 2, times: 2, fault: { kind: "403-blocked" } });
    await api.sendMessage(BUYER.id, "1");
    expect((await grammyError(api.sendMessage(BUYER.id, "2"))).description).toBe("Forbidden: bot was blocked by the user");
    expect((await grammyError(api.sendMessage(BUYER.id, "3"))).error_code).toBe(403);
    await api.sendMessage(BUYER.id, "4");
    expect(f).toMatchObject({ seen: 3, hits: 2, done: true });

    fake.inject({ chatId: GROUP.id, fault: { kind: "400", description: "group chat was upgraded to a supergroup chat", parameters: { migrate_to_chat_id: -100777 } } });
    await api.sendMessage(BUYER.id, "not the group");
    expect((await grammyError(api.sendMessage(GROUP.id, "x"))).parameters.migrate_to_chat_id).toBe(-100777);

    fake.inject({ method: "getMe", fault: { kind: "delay", ms: 150 } });
    const t0 = Date.now();
    await api.getMe();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(fake.sent().map((s) => s.text)).toEqual(["1", "4", "not the group"]);
  });
});

describe("rate-limit model", () => {
  let clock = Date.UTC(2026, 0, 1);
  let limited: FakeTelegram;
  let lapi: Api;
  beforeAll(async () => {
    limited = await startFakeTelegram({ enforceLimits: true, now: () => clock });
    limited.addBot({ token: TOKEN, id: 777000111, username: "cho_chat_bot" });
    limited.addGroup(GROUP);
    limited.addUser(BUYER);
    lapi = new Api(TOKEN, { apiRoot: limited.url, timeoutSeconds: 2 });
  });
  afterAll(async () => {
    await limited.close();
  });

  it("answers 429 to the 21st group message within a minute, with the time until the window frees", async () => {
    const t0 = clock;
    for (let i = 0; i < 20; i++) {
      await lapi.sendMessage(GROUP.id, `tin ${i + 1}`);
      clock += 2000; // 20 messages over 40 s
    }
    const e = await grammyError(lapi.sendMessage(GROUP.id, "tin 21"));
    expect(e.error_code).toBe(429);
    // The first message (t0) leaves the 60 s window at t0+60 s; it is now t0+40 s.
    expect(e.parameters.retry_after).toBe(20);
    expect(limited.sent(GROUP.id)).toHaveLength(20);
    expect(limited.limitHits).toMatchObject({ total: 1, group: 1 });
    clock = t0 + 60_000;
    await lapi.sendMessage(GROUP.id, "tin 21");
    expect(limited.sent(GROUP.id)).toHaveLength(21);
  });

  it("lets a small burst into a private chat, then paces it at 1/s", async () => {
    limited.reset();
    for (let i = 0; i < 3; i++) await lapi.sendMessage(BUYER.id, `dm ${i}`);
    const e = await grammyError(lapi.sendMessage(BUYER.id, "dm 3"));
    expect(e.parameters.retry_after).toBe(1);
    clock += 1000;
    await lapi.sendMessage(BUYER.id, "dm 3");
    expect(limited.limitHits.private).toBe(1);
  });
});

describe("updates", () => {
  it("builds commands with a correct bot_command entity and increasing update_id", () => {
    const a = fake.updates.privateText(STRANGER, "/start abc");
    const b = fake.updates.privateText(STRANGER, "/dat@cho_chat_bot A1");
    expect(a.message?.entities).toEqual([{ offset: 0, length: 6, type: "bot_command" }]);
    expect(b.message?.entities?.[0]).toEqual({ offset: 0, length: 17, type: "bot_command" });
    expect(b.update_id).toBe(a.update_id + 1);
    expect(a.message?.chat).toMatchObject({ id: STRANGER.id, type: "private" });
    // Writing to the bot means the user pressed Start, so the bot can answer now.
    return expect(api.sendMessage(STRANGER.id, "Chào Minh")).resolves.toMatchObject({ chat: { id: STRANGER.id } });
  });

  it("builds contacts, replies and photos; applies the privacy filter", async () => {
    const own = fake.updates.contact(BUYER, "+84901234567").message?.contact;
    expect(own).toMatchObject({ phone_number: "+84901234567", user_id: BUYER.id });
    const other = fake.updates.contact(BUYER, "+84900000000", { ownContact: false }).message?.contact;
    expect(other?.user_id).toBeUndefined();

    const post = await api.sendMessage(BASIC.id, "A1");
    const reply = fake.updates.groupText(BUYER, BASIC, "lấy 2", { replyTo: post.message_id });
    expect(reply.message?.reply_to_message?.message_id).toBe(post.message_id);
    expect(fake.wouldReceive(TOKEN, reply)).toBe(true); // reply to the bot
    expect(fake.wouldReceive(TOKEN, fake.updates.groupText(BUYER, BASIC, "chốt A1 x2"))).toBe(false); // privacy on, not admin
    expect(fake.wouldReceive(TOKEN, fake.updates.groupText(BUYER, GROUP, "chốt A1 x2"))).toBe(true); // admin

    const photo = fake.updates.photo(BUYER, BUYER, "ảnh chuyển khoản").message;
    expect(photo?.caption).toBe("ảnh chuyển khoản");
    const fileId = photo?.photo?.at(-1)?.file_id ?? "";
    expect((await api.getFile(fileId)).file_id).toBe(fileId);
  });

  it("getUpdates long-polls until an update is pushed, and offset confirms", async () => {
    const started = Date.now();
    const poll = api.getUpdates({ timeout: 5 });
    setTimeout(() => fake.pushUpdate(TOKEN, fake.updates.privateText(BUYER, "/start")), 50);
    const got = await poll;
    expect(Date.now() - started).toBeLessThan(1500);
    expect(got).toHaveLength(1);
    expect(got[0]?.message?.text).toBe("/start");
    const id = got[0]?.update_id ?? 0;
    expect(await api.getUpdates({ offset: id + 1, timeout: 0 })).toEqual([]);
    expect(fake.pending(TOKEN)).toEqual([]);
  });

  it("ends an older long poll with 409 when a second instance polls; numbers updates per bot", async () => {
    const first = caught(api.getUpdates({ timeout: 1 }));
    await new Promise((r) => setTimeout(r, 30));
    const second = api.getUpdates({ timeout: 0 });
    expect(await second).toEqual([]);
    const e = (await first) as GrammyError;
    expect(e.error_code).toBe(409);
    expect(e.description).toMatch(/^Conflict: terminated by other getUpdates request/);
    // Each bot has its own update_id sequence, starting at the same number: dedupe on (bot, update_id).
    const mine = fake.updates.privateText(BUYER, "hi");
    const theirs = fake.updates.forBot(OTHER_TOKEN).privateText(BUYER, "hi");
    expect(Math.abs(mine.update_id - theirs.update_id)).toBeLessThan(100);
  });

  it("refuses getUpdates with 409 while a webhook is set, and checks secret_token", async () => {
    const bad = await grammyError(api.setWebhook("https://shop.example.com/tg", { secret_token: "có dấu" }));
    expect(bad.description).toBe("Bad Request: secret token contains unallowed characters");
    expect(await api.setWebhook("https://shop.example.com/tg", { secret_token: "s3cr3t_-X" })).toBe(true);
    expect(await api.getWebhookInfo()).toMatchObject({ url: "https://shop.example.com/tg", pending_update_count: 0 });
    const conflict = await grammyError(api.getUpdates());
    expect(conflict.error_code).toBe(409);
    await api.deleteWebhook();
    expect(await api.getUpdates()).toEqual([]);
  });

  it("delivers to a webhook with the secret header and resends on failure", async () => {
    const seen: { secret: string | undefined; body: string }[] = [];
    let failures = 2;
    const app = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ secret: req.headers["x-telegram-bot-api-secret-token"] as string | undefined, body });
        res.statusCode = failures-- > 0 ? 500 : 200;
        res.end();
      });
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/tg`;
    try {
      const update = fake.updates.privateText(BUYER, "chào shop");
      expect(await fake.deliverWebhook(url, update, { secret: "s3cr3t" })).toBe(500);
      expect(await fake.deliverWebhook(url, update, { secret: "s3cr3t", resendOnFailure: true })).toBe(200);
      expect(seen).toHaveLength(3);
      expect(seen.every((s) => s.secret === "s3cr3t" && JSON.parse(s.body).update_id === update.update_id)).toBe(true);
      expect(fake.webhookAttempts.map((a) => a.status)).toEqual([500, 500, 200]);
    } finally {
      app.closeAllConnections();
      await new Promise<void>((r) => app.close(() => r()));
    }
  });
});

describe("Telegram Business", () => {
  it("a connection lets the bot write, on the owner's behalf, to a user who never started it; an unknown or refused connection is an error", async () => {
    const OWNER = 5101;
    const CUSTOMER = 5102;
    fake.addUser({ id: OWNER, firstName: "Mây", startedBot: true });
    fake.addUser({ id: CUSTOMER, firstName: "Hùng" });
    const connected = fake.updates.businessConnection(OWNER, { id: "conn-1" }) as { business_connection: { id: string; user_chat_id: number; is_enabled: boolean; rights: { can_reply?: boolean } } };
    expect(connected.business_connection).toMatchObject({ id: "conn-1", user_chat_id: OWNER, is_enabled: true, rights: { can_reply: true } });
    const incoming = fake.updates.businessText("conn-1", CUSTOMER, "cho mình xem menu") as { business_message: { business_connection_id: string; chat: { id: number }; from: { id: number } } };
    expect(incoming.business_message).toMatchObject({ business_connection_id: "conn-1", chat: { id: CUSTOMER }, from: { id: CUSTOMER } });

    // Without the connection the bot may not write first.
    expect((await grammyError(api.sendMessage(CUSTOMER, "chào"))).error_code).toBe(403);
    const sent = await api.sendMessage(CUSTOMER, "Thực đơn hôm nay", { business_connection_id: "conn-1", reply_markup: { inline_keyboard: [[{ text: "A1", callback_data: "a1" }]] } });
    expect(sent.business_connection_id).toBe("conn-1");
    expect(sent.from?.id).toBe(OWNER);
    expect(sent.sender_business_bot?.id).toBe(777000111);
    const recorded = fake.sent(CUSTOMER).at(-1);
    expect(recorded?.businessConnectionId).toBe("conn-1");
    // A tap on its button carries the connection, as Telegram's callback_query.message does.
    const tap = fake.updates.callback(CUSTOMER, recorded as NonNullable<typeof recorded>, "a1") as { callback_query: { message: { business_connection_id?: string } } };
    expect(tap.callback_query.message.business_connection_id).toBe("conn-1");

    expect((await grammyError(api.sendMessage(CUSTOMER, "x", { business_connection_id: "nope" }))).error_code).toBe(400);
    fake.updates.businessConnection(OWNER, { id: "conn-1", canReply: false });
    expect((await grammyError(api.sendMessage(CUSTOMER, "x", { business_connection_id: "conn-1" }))).error_code).toBe(403);
    // Another bot cannot use this bot's connection.
    expect((await grammyError(new Api(OTHER_TOKEN, { apiRoot: fake.url }).sendMessage(CUSTOMER, "x", { business_connection_id: "conn-1" }))).error_code).toBe(400);
  });
});
