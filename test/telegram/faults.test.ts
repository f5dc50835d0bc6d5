import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { enqueue } from "../../src/domain/outbox/enqueue";
import { BOT_ID, telegramWorld, type TelegramWorld } from "../helpers/telegram";

let w: TelegramWorld;
const USERS = [6001, 6002, 6003, 6004, 6005];
beforeEach(async () => {
  w = await telegramWorld();
  for (const id of USERS) w.fake.addUser({ id, firstName: `U${id}`, startedBot: true });
});
afterEach(async () => {
  await w.close();
});

async function queue(n: number) {
  for (let i = 0; i < n; i++) {
    const chat = USERS[i % USERS.length] ?? 6001;
    await enqueue(w.t.sqlite.store, { channel: "telegram", botId: BOT_ID, chatId: String(chat), reply: { text: `tin ${i}` }, dedupeKey: `m${i}` }, w.t.clock.now());
  }
}

const rows = () => w.t.sqlite.store.db.selectFrom("outbox").select(["dedupe_key", "status", "attempts", "last_error"]).orderBy("id").execute();
const delivered = () => USERS.flatMap((u) => w.fake.sent(u).map((m) => m.text ?? ""));

describe("Telegram faults: delayed, never lost, never doubled", () => {
  it("a 429 storm is waited out (retry_after) and every message arrives exactly once", async () => {
    w.fake.inject({ method: "sendMessage", times: 15, fault: { kind: "429", retryAfter: 3 } });
    await queue(20);
    await w.flush(1_000, 300);
    const texts = delivered();
    expect(texts).toHaveLength(20);
    expect(new Set(texts).size).toBe(20);
    expect((await rows()).every((r) => r.status === "sent")).toBe(true);
    const retried = w.fake.calls.filter((c) => c.fault === "429");
    expect(retried).toHaveLength(15);
  });

  it("5xx with JSON or HTML, hangs and dropped connections are retried with backoff until they go through", async () => {
    w.fake.inject({ method: "sendMessage", chatId: 6001, times: 2, fault: { kind: "5xx-json" } });
    w.fake.inject({ method: "sendMessage", chatId: 6002, times: 2, fault: { kind: "5xx-html" } });
    w.fake.inject({ method: "sendMessage", chatId: 6003, times: 1, fault: { kind: "drop" } });
    w.fake.inject({ method: "sendMessage", chatId: 6004, times: 1, fault: { kind: "hang" } });
    await queue(5);
    await w.flush(60_000, 50);
    expect(delivered().sort()).toEqual(["tin 0", "tin 1", "tin 2", "tin 3", "tin 4"]);
    const all = await rows();
    expect(all.every((r) => r.status === "sent")).toBe(true);
    expect(all.find((r) => r.dedupe_key === "m0")?.attempts).toBe(3);
  }, 30_000);

  it("a blocked user or a chat that does not exist is recorded as failed, not retried", async () => {
    w.fake.setBlocked("123456:AAHfakeTokenForTestsOnly_abcdefghij", 6005, true);
    await enqueue(w.t.sqlite.store, { channel: "telegram", botId: BOT_ID, chatId: "6005", reply: { text: "x" }, dedupeKey: "blocked" }, w.t.clock.now());
    await enqueue(w.t.sqlite.store, { channel: "telegram", botId: BOT_ID, chatId: "424242", reply: { text: "y" }, dedupeKey: "nochat" }, w.t.clock.now());
    await w.flush(60_000, 20);
    const all = await rows();
    expect(all.map((r) => [r.dedupe_key, r.status, r.attempts])).toEqual([
      ["blocked", "failed", 1],
      ["nochat", "failed", 1],
    ]);
    expect(all[0]?.last_error).toContain("403");
    expect(all[0]?.last_error).not.toContain("AAHfake");
  });
});
