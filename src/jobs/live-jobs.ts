import { sql } from "kysely";
import type { Live } from "../db/schema";
import type { Store } from "../db/store";
import { liveBoard } from "../domain/live/live-board";
import { reserveLiveItem, syncLiveOrder } from "../domain/live/live-orders";
import { ensureLiveOrder } from "../domain/live/live-orders";
import { notifyStaff } from "../domain/orders/staff-notices";
import { messagesFor } from "../i18n/messages";
import { enqueue, enqueueIfChangedQuery } from "../domain/outbox/enqueue";
import { localTime } from "../platform/shop-time";
import { liveReportText, liveSummaryText } from "../../flows/live/live-texts";
import { bumpLive } from "../domain/live/lives";

const summaryKey = (liveId: number) => `live:${liveId}:summary`;

async function botUsername(store: Store, live: Live): Promise<string | null> {
  const bot = await store.db.selectFrom("bots").select("username").where("channel", "=", live.channel).where("platform_id", "=", live.bot_id).executeTakeFirst();
  return bot?.username ?? null;
}

function finishLink(live: Live, username: string | null): string | undefined {
  return live.channel === "telegram" && username ? `https://t.me/${username}?start=l_${live.id}` : undefined;
}

/**
 * Keeps each live's one group message current: when something changed and the previous edit has
 * gone out, the next edit is queued. Edits therefore follow the group's rate limit by themselves
 * (Telegram: about 20 a minute), however many comments arrive.
 */
export async function updateLiveSummaries(store: Store, now: Date): Promise<void> {
  const lives = await store.db.selectFrom("lives").selectAll().where("status", "in", ["open", "ended"]).execute();
  for (const live of lives) {
    if (live.version === live.summary_version) continue;
    const waiting = await store.db.selectFrom("outbox").select("id").where("dedupe_key", "like", `${summaryKey(live.id)}%`).where("status", "in", ["pending", "sending"]).executeTakeFirst();
    if (waiting) continue;
    const shop = await store.db.selectFrom("shops").selectAll().where("id", "=", live.shop_id).executeTakeFirstOrThrow();
    const t = messagesFor(shop.lang);
    const until = live.capture_until ? localTime(new Date(live.capture_until), shop.time_zone) : null;
    const ended = until ? { until: `${String(Math.floor(until.minutes / 60)).padStart(2, "0")}:${String(until.minutes % 60).padStart(2, "0")}` } : null;
    const text = liveSummaryText(t, shop.name, await liveBoard(store, live.id), ended, finishLink(live, await botUsername(store, live)));
    const first = await store.db.selectFrom("outbox").select("id").where("dedupe_key", "=", summaryKey(live.id)).executeTakeFirst();
    await enqueue(
      store,
      { channel: live.channel, botId: live.bot_id, chatId: live.chat_id, reply: first ? { text, editOf: summaryKey(live.id) } : { text }, dedupeKey: first ? `${summaryKey(live.id)}:v${live.version}` : summaryKey(live.id) },
      now,
    );
    await store.db.updateTable("lives").set({ summary_version: live.version }).where("id", "=", live.id).execute();
  }
}

/**
 * A released hold goes straight to the next buyer waiting for that item, who gets a hold of
 * their own and is told privately. Runs for every open live; reservations are the same atomic
 * batches as comments, so a waiting buyer never gets what is not there.
 */
export async function serveLiveWaitlists(store: Store, now: Date): Promise<number> {
  let served = 0;
  const waiting = await store.db
    .selectFrom("live_waitlist as w")
    .innerJoin("lives as l", "l.id", "w.live_id")
    .selectAll("w")
    .where("w.served_at", "is", null)
    .where("l.status", "in", ["open", "ended"])
    .orderBy("w.id")
    .limit(200)
    .execute();
  const blocked = new Set<string>();
  for (const w of waiting) {
    const key = `${w.live_id}:${w.product_id}`;
    if (blocked.has(key)) continue; // first come, first served: nobody overtakes a buyer still waiting
    const live = await store.db.selectFrom("lives").selectAll().where("id", "=", w.live_id).executeTakeFirstOrThrow();
    const shop = await store.db.selectFrom("shops").selectAll().where("id", "=", live.shop_id).executeTakeFirstOrThrow();
    const buyer = await store.db.selectFrom("buyers").selectAll().where("id", "=", w.buyer_id).executeTakeFirstOrThrow();
    const order = await ensureLiveOrder(store, shop, live, buyer, w.display_name, now);
    if (order.status !== "draft") {
      await store.db.updateTable("live_waitlist").set({ served_at: now.toISOString() }).where("id", "=", w.id).execute();
      continue;
    }
    if ((await reserveLiveItem(store, live.id, order.id, w.product_id, w.qty, now)) !== true) {
      blocked.add(key);
      continue;
    }
    await syncLiveOrder(store, order.id, now);
    await store.db.updateTable("orders").set({ expires_at: new Date(now.getTime() + shop.live_hold_minutes * 60_000).toISOString() }).where("id", "=", order.id).execute();
    const product = await store.db.selectFrom("products").select("code").where("id", "=", w.product_id).executeTakeFirstOrThrow();
    const t = messagesFor(buyer.lang ?? shop.lang);
    await store.batch([
      sql`UPDATE live_waitlist SET served_at = ${now.toISOString()} WHERE id = ${w.id} AND served_at IS NULL`.compile(store.db),
      ...(buyer.private_chat_id
        ? [
            enqueueIfChangedQuery(
              store,
              {
                channel: live.channel,
                botId: live.bot_id,
                chatId: buyer.private_chat_id,
                reply: { text: t.liveYourTurn({ code: product.code, qty: w.qty, minutes: shop.live_hold_minutes }), buttons: [{ label: t.btnFinishOrder, action: `live:${live.id}` }] },
                dedupeKey: `live:${live.id}:waitlist:${w.id}`,
              },
              now,
            ),
          ]
        : []),
    ]);
    await bumpLive(store, live.id);
    served++;
  }
  return served;
}

/** A live order half-way through its hold gets one reminder to finish (before it is released). */
export async function remindLiveHolds(store: Store, now: Date): Promise<void> {
  const drafts = await store.db
    .selectFrom("live_orders as l")
    .innerJoin("orders as o", "o.id", "l.order_id")
    .innerJoin("shops as s", "s.id", "o.shop_id")
    .innerJoin("buyers as b", "b.id", "l.buyer_id")
    .select(["o.id", "o.code", "o.lang", "o.expires_at", "o.total", "l.live_id", "s.live_hold_minutes", "b.private_chat_id", "o.channel", "o.bot_id"])
    .where("o.status", "=", "draft")
    .where("o.reminded_at", "is", null)
    .where("o.total", ">", 0)
    .execute();
  for (const d of drafts) {
    if (!d.expires_at || !d.private_chat_id) continue;
    const left = Date.parse(d.expires_at) - now.getTime();
    if (left <= 0 || left > (d.live_hold_minutes * 60_000) / 2) continue;
    const t = messagesFor(d.lang);
    await store.batch([
      sql`UPDATE orders SET reminded_at = ${now.toISOString()} WHERE id = ${d.id} AND reminded_at IS NULL AND status = 'draft'`.compile(store.db),
      enqueueIfChangedQuery(
        store,
        { channel: d.channel, botId: d.bot_id, chatId: d.private_chat_id, reply: { text: t.liveHoldReminder({ code: d.code, minutes: Math.ceil(left / 60_000) }), buttons: [{ label: t.btnFinishOrder, action: `live:${d.live_id}` }] }, dedupeKey: `order:${d.id}:live-reminder` },
        now,
      ),
    ]);
  }
}

/** Lives whose capture window is over close, and their report goes to the staff chat once. */
export async function closeLives(store: Store, now: Date): Promise<number> {
  const due = await store.db.selectFrom("lives").selectAll().where("status", "=", "ended").where("capture_until", "<=", now.toISOString()).execute();
  let closed = 0;
  for (const live of due) {
    const claimed = await store.db.updateTable("lives").set({ status: "closed", report_sent_at: now.toISOString() }).where("id", "=", live.id).where("status", "=", "ended").executeTakeFirst();
    if (claimed.numUpdatedRows !== 1n) continue;
    const shop = await store.db.selectFrom("shops").selectAll().where("id", "=", live.shop_id).executeTakeFirstOrThrow();
    await notifyStaff(store, shop, { text: liveReportText(messagesFor(shop.lang), await liveBoard(store, live.id)) }, `live:${live.id}:report`, now);
    closed++;
  }
  return closed;
}

/** Everything a live needs from the timer, in order. */
export async function runLiveJobs(store: Store, now: Date): Promise<void> {
  await serveLiveWaitlists(store, now);
  await remindLiveHolds(store, now);
  await closeLives(store, now);
  await updateLiveSummaries(store, now);
}
