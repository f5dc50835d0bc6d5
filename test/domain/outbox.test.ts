import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/chat/types";
import type { SqliteHandle } from "../../src/db/sqlite";
import { enqueue } from "../../src/domain/outbox/enqueue";
import { backoffMs, dispatchOutbox } from "../../src/domain/outbox/dispatch";
import type { OutboxRow, SendOutcome } from "../../src/domain/outbox/types";
import { memoryLogger } from "../../src/platform/logger";
import { migratedDb, MONDAY_1030 } from "../helpers/test-app";

let db: SqliteHandle;
beforeEach(async () => {
  db = await migratedDb();
});
afterEach(async () => {
  await db.close();
});

/** A sender whose answers the test scripts, recording what it was asked to send. */
function scriptedSender(answers: SendOutcome[]) {
  const sent: { chat: string; text: string }[] = [];
  return {
    sent,
    sender: {
      async send(row: OutboxRow, reply: Reply): Promise<SendOutcome> {
        sent.push({ chat: row.chat_id, text: reply.text });
        return answers.shift() ?? { kind: "sent" };
      },
    },
  };
}

const rows = () => db.store.db.selectFrom("outbox").selectAll().orderBy("id").execute();
const at = (ms: number) => new Date(MONDAY_1030.getTime() + ms);
const logger = memoryLogger();

describe("outbox dispatcher", () => {
  it("queues once per dedupe key and sends once", async () => {
    await enqueue(db.store, { channel: "webchat", botId: "demo", chatId: "s1", reply: { text: "xin chào" }, dedupeKey: "k1" }, MONDAY_1030);
    await enqueue(db.store, { channel: "webchat", botId: "demo", chatId: "s1", reply: { text: "xin chào" }, dedupeKey: "k1" }, MONDAY_1030);
    const { sent, sender } = scriptedSender([]);
    expect(await dispatchOutbox(db.store, { webchat: sender }, logger, MONDAY_1030)).toBe(1);
    expect(await dispatchOutbox(db.store, { webchat: sender }, logger, at(60_000))).toBe(0);
    expect(sent).toEqual([{ chat: "s1", text: "xin chào" }]);
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("waits what the platform asks on a retry, backs off otherwise, and gives up on a refusal", async () => {
    await enqueue(db.store, { channel: "webchat", botId: "b", chatId: "c", reply: { text: "a" }, dedupeKey: "a" }, MONDAY_1030);
    await enqueue(db.store, { channel: "webchat", botId: "b", chatId: "c", reply: { text: "b" }, dedupeKey: "b" }, MONDAY_1030);
    const { sender } = scriptedSender([
      { kind: "retry", error: "429", afterMs: 7_000 },
      { kind: "failed", error: "403 blocked" },
    ]);
    await dispatchOutbox(db.store, { webchat: sender }, logger, MONDAY_1030);
    const [a, b] = await rows();
    expect(a).toMatchObject({ status: "pending", next_attempt_at: at(7_000).toISOString(), last_error: "429" });
    expect(b).toMatchObject({ status: "failed", last_error: "403 blocked" });
    expect(await dispatchOutbox(db.store, { webchat: sender }, logger, at(6_999))).toBe(0);
    expect(await dispatchOutbox(db.store, { webchat: sender }, logger, at(7_000))).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 2 });
    expect([backoffMs(1), backoffMs(2), backoffMs(5), backoffMs(30)]).toEqual([2_000, 4_000, 32_000, 600_000]);
  });

  it("a sender that throws is retried, and stops after the attempt limit", async () => {
    await enqueue(db.store, { channel: "webchat", botId: "b", chatId: "c", reply: { text: "a" }, dedupeKey: "a" }, MONDAY_1030);
    const throwing = { send: async (): Promise<SendOutcome> => Promise.reject(new Error("socket hang up")) };
    let now = MONDAY_1030.getTime();
    for (let i = 0; i < 5; i++) {
      await dispatchOutbox(db.store, { webchat: throwing }, logger, new Date(now), { maxAttempts: 3 });
      now += 3_600_000;
    }
    expect((await rows())[0]).toMatchObject({ status: "failed", attempts: 3, last_error: "socket hang up" });
  });

  it("after a crash, a claimed direct message is sent again but a claimed broadcast or group answer is marked uncertain", async () => {
    await enqueue(db.store, { channel: "webchat", botId: "b", chatId: "c", reply: { text: "dm" }, dedupeKey: "dm" }, MONDAY_1030);
    await enqueue(db.store, { channel: "webchat", botId: "b", chatId: "g", reply: { text: "post" }, dedupeKey: "post", kind: "broadcast" }, MONDAY_1030);
    await enqueue(db.store, { channel: "webchat", botId: "b", chatId: "g", reply: { text: "✅ ack", mergeable: true }, dedupeKey: "ack", kind: "group" }, MONDAY_1030);
    // A run claimed both, then the process died.
    await db.store.db.updateTable("outbox").set({ status: "sending", claimed_at: MONDAY_1030.toISOString(), attempts: 1 }).execute();
    const { sent, sender } = scriptedSender([]);
    await dispatchOutbox(db.store, { webchat: sender }, logger, at(10 * 60_000));
    expect(sent.map((s) => s.text)).toEqual(["dm"]);
    expect((await rows()).map((r) => r.status)).toEqual(["sent", "uncertain", "uncertain"]);
  });

  it("rows of a channel with no sender wait instead of failing", async () => {
    await enqueue(db.store, { channel: "telegram", botId: "1", chatId: "c", reply: { text: "x" }, dedupeKey: "t" }, MONDAY_1030);
    const { sender } = scriptedSender([]);
    expect(await dispatchOutbox(db.store, { webchat: sender }, logger, MONDAY_1030)).toBe(0);
    expect((await rows())[0]?.status).toBe("pending");
  });
});
