import { afterEach, describe, expect, it } from "vitest";
import { handleTelegramUpdate } from "../../bots/telegram/handle-update";
import type { Store } from "../../src/db/store";
import { releaseUnfinishedInboundClaims } from "../../src/domain/chat/inbound-events";
import { BOT_ID, telegramWorld, type TelegramWorld } from "../helpers/telegram";

let w: TelegramWorld;
afterEach(async () => {
  await w?.close();
});

const GROUP = -100_777;

/** The store, except that the last write of an event (its replies and its "done") dies as a crash would. */
function crashingAtFinish(store: Store): Store {
  const atomic = store.atomic;
  if (!atomic) throw new Error("the SQLite store has atomic units");
  return {
    ...store,
    atomic: (work) =>
      atomic((inner) =>
        work({
          ...inner,
          batch: async (queries) => {
            if (queries.some((q) => q.sql.includes("inbound_events"))) throw new Error("killed between route and finish");
            return inner.batch(queries);
          },
        }),
      ),
  };
}

describe("one inbound event is one unit (Node)", () => {
  it("a crash between routing a comment and finishing it leaves nothing applied; the redelivery applies it once", async () => {
    w = await telegramWorld();
    w.fake.addGroup({ id: GROUP, title: "Chợ", type: "supergroup", botIsAdmin: true });
    w.fake.addUser({ id: 7201, firstName: "Lụa" });
    const store = w.t.sqlite.store;
    const stockOf = async () => (await store.db.selectFrom("products").select("stock").where("shop_id", "=", 1).where("code", "=", "A5").executeTakeFirstOrThrow()).stock;
    const before = await stockOf();
    const update = w.fake.updates.groupText(7201, GROUP, "chốt A5 x2");
    const bot = await store.db.selectFrom("bots").selectAll().where("platform_id", "=", BOT_ID).executeTakeFirstOrThrow();
    const deps = { store: crashingAtFinish(store), clock: w.t.clock, logger: w.t.logger, publicUrl: "", answerCallback: async () => undefined };

    await expect(handleTelegramUpdate(deps, bot, update)).rejects.toThrow("killed between route and finish");
    // The stock hold, the draft order and its lines went with the crash: nothing half-done stays.
    expect(await stockOf()).toBe(before);
    expect(await store.db.selectFrom("orders").select("id").execute()).toEqual([]);
    expect(await store.db.selectFrom("stock_reservations").select("id").execute()).toEqual([]);
    expect(await store.db.selectFrom("outbox").select("id").execute()).toEqual([]);
    expect(await store.db.selectFrom("inbound_events").select("event_id").execute()).toEqual([]);

    // The claim went with it too: nothing for a restarted server to release; Telegram's redelivery is taken once.
    expect(await releaseUnfinishedInboundClaims(store)).toBe(0);
    expect(await w.post(update)).toBe(200);
    expect(await w.post(update)).toBe(200);
    await w.flush();
    expect(await stockOf()).toBe(before - 2);
    expect(await store.db.selectFrom("orders").select("status").execute()).toEqual([{ status: "draft" }]);
    expect(w.fake.sent(GROUP)).toHaveLength(1);
  });
});
