import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { BOT_ID, telegramWorld, type TelegramWorld } from "../helpers/telegram";

// Every kind of failure the Bot API can hand back, at once, while a comment burst is answered
// and a broadcast goes out: nothing may be lost, nothing posted twice, nothing left hanging.

let w: TelegramWorld;
afterEach(async () => {
  await w?.close();
});

const COMMENT_GROUPS = [-500_001, -500_002, -500_003];
const BROADCAST_GROUPS = Array.from({ length: 12 }, (_, i) => -510_000 - i);
const COMMENTERS = Array.from({ length: 45 }, (_, i) => 8_001 + i);

describe("a storm of faults during a comment burst and a broadcast", () => {
  it("429s, 5xx (JSON and HTML), dropped connections, hangs and slow answers: every answer and post arrives exactly once", async () => {
    w = await telegramWorld();
    for (const id of [...COMMENT_GROUPS, ...BROADCAST_GROUPS]) w.fake.addGroup({ id, title: String(id), type: "supergroup", botIsAdmin: true });
    for (const id of COMMENTERS) w.fake.addUser({ id, firstName: `Mua${id}` });
    const now = w.t.clock.now().toISOString();
    for (const [i, id] of BROADCAST_GROUPS.entries()) {
      await w.t.sqlite.store.db.insertInto("shop_groups").values({ shop_id: 1, channel: "telegram", bot_id: BOT_ID, chat_id: String(id), title: `Nhóm ${i}`, linked: 1, created_at: now, updated_at: now }).execute();
    }
    const faults = [
      { times: 12, fault: { kind: "429" as const, retryAfter: 2 } },
      { times: 6, fault: { kind: "5xx-json" as const } },
      { times: 6, fault: { kind: "5xx-html" as const } },
      { times: 6, fault: { kind: "drop" as const } },
      { times: 2, fault: { kind: "hang" as const } },
      { times: 10, fault: { kind: "delay" as const, ms: 30 } },
    ];
    for (const f of faults) w.fake.inject({ method: "sendMessage", ...f });
    const injected = faults.reduce((n, f) => n + f.times, 0);

    for (const [i, id] of COMMENTERS.entries()) {
      expect(await w.post(w.fake.updates.groupText(id, COMMENT_GROUPS[i % COMMENT_GROUPS.length] as number, "chốt A5 x1"))).toBe(200);
    }
    const res = await w.t.app.request("/api/shops/demo/broadcasts", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "menu", reference: "storm" }),
    });
    expect(res.status).toBe(201);
    await w.flush(1_000, 400);

    // Every fault was actually met, and then got past.
    expect(w.fake.calls.filter((c) => c.fault).length).toBeGreaterThanOrEqual(injected - 10);
    const rows = await w.t.sqlite.store.db.selectFrom("outbox").select(["status", "kind", "chat_id"]).execute();
    expect(rows.filter((r) => r.status !== "sent")).toEqual([]);
    for (const g of BROADCAST_GROUPS) expect(w.fake.sent(g), `posts in ${g}`).toHaveLength(1);
    const lines = COMMENT_GROUPS.flatMap((g) => w.fake.sent(g).flatMap((m) => (m.text ?? "").split("\n")));
    for (const id of COMMENTERS) expect(lines.filter((l) => l.includes(`Mua${id}:`)), `answers to Mua${id}`).toHaveLength(1);
    // 20 units of A5 for 45 commenters: 20 held, 25 told it is sold out.
    expect(lines.filter((l) => l.startsWith("✅")).length).toBe(20);
    expect(lines.filter((l) => l.startsWith("❌")).length).toBe(25);
  }, 60_000);
});
