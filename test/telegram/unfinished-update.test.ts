import { afterEach, describe, expect, it } from "vitest";
import { releaseUnfinishedInboundClaims } from "../../src/domain/chat/inbound-events";
import { BOT_ID, telegramWorld, type TelegramWorld } from "../helpers/telegram";

let w: TelegramWorld;
afterEach(async () => {
  await w?.close();
});

const GROUP = -100_888;

describe("an update claimed by a run that died", () => {
  it("is not acknowledged while its claim stands (Telegram sends it again), and is handled once the claim is released", async () => {
    w = await telegramWorld();
    w.fake.addGroup({ id: GROUP, title: "Chợ", type: "supergroup", botIsAdmin: true });
    w.fake.addUser({ id: 7101, firstName: "Dũng" });
    const update = w.fake.updates.groupText(7101, GROUP, "chốt A5 x1");
    // What a SIGKILL between claiming and finishing leaves behind.
    await w.t.sqlite.store.db.insertInto("inbound_events").values({ channel: "telegram", bot_id: BOT_ID, event_id: String(update.update_id), response: null, received_at: w.t.clock.now().toISOString() }).execute();

    expect(await w.post(update)).toBe(503);
    expect(await w.t.sqlite.store.db.selectFrom("orders").select("id").execute()).toHaveLength(0);

    // The restarted server releases what the dead run held; the redelivery is then handled, once.
    expect(await releaseUnfinishedInboundClaims(w.t.sqlite.store)).toBe(1);
    expect(await w.post(update)).toBe(200);
    expect(await w.post(update)).toBe(200);
    await w.flush();
    expect(await w.t.sqlite.store.db.selectFrom("orders").select("status").execute()).toEqual([{ status: "draft" }]);
    expect(w.fake.sent(GROUP)).toHaveLength(1);
    const answer = await w.t.sqlite.store.db.selectFrom("outbox").select(["kind", "status"]).where("chat_id", "=", String(GROUP)).execute();
    expect(answer).toEqual([{ kind: "group", status: "sent" }]);
  });
});
