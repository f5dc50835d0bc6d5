import type { Live } from "../db/schema";
import type { Store } from "../db/store";
import { liveBoard } from "../domain/live/live-board";
import { reserveLiveItem, syncLiveOrder } from "../domain/live/live-orders";
import { ensureLiveOrder } from "../domain/live/live-orders";
import { notifyStaff } from "../domain/orders/staff-notices";
import { messagesFor } from "../i18n/messages";
import { enqueue } from "../domain/outbox/enqueue";
import { hasOutboxRow, hasUnsentWithKeyPrefix } from "../domain/outbox/queued";
import { localTime } from "../platform/shop-time";
import { liveReportText, liveSummaryText } from "../../flows/live/live-texts";
import { bumpLive } from "../domain/live/lives";
import { getLive } from "../domain/live/find-live";
import { livesInProgress, markLiveSummaryShown } from "../domain/live/live-summary";
import { dropFromLiveWaitlist, markLiveWaitlistServed, unservedLiveWaitlist } from "../domain/live/live-waitlist";
import { liveDraftsToRemind } from "../domain/live/hold-reminders";
import { claimLiveClose, livesDueToClose } from "../domain/live/close-lives";
import { getBuyer } from "../domain/buyers/find-buyer";
import { productCodeOf } from "../domain/catalog/product-code";
import { setOrderExpiry } from "../domain/orders/hold-expiry";
import { remindOrderOnce } from "../domain/orders/reminders";
import { botUsername } from "../domain/shops/bot-username";
import { getShop } from "../domain/shops/shop-rows";

const summaryKey = (liveId: number) => `live:${liveId}:summary`;

function finishLink(live: Live, username: string | null): string | undefined {
  return live.channel === "telegram" && username ? `https://t.me/${username}?start=l_${live.id}` : undefined;
}

/**
 * Keeps each live's one group message current: when something changed and the previous edit has
 * gone out, the next edit is queued. Edits therefore follow the group's rate limit by themselves
 * (Telegram: about 20 a minute), however many comments arrive.
 */
export async function updateLiveSummaries(store: Store, now: Date): Promise<void> {
  const lives = await livesInProgress(store);
  for (const live of lives) {
    if (live.version === live.summary_version) continue;
    if (await hasUnsentWithKeyPrefix(store, summaryKey(live.id))) continue;
    const shop = await getShop(store, live.shop_id);
    const t = messagesFor(shop.lang);
    const until = live.capture_until ? localTime(new Date(live.capture_until), shop.time_zone) : null;
    const ended = until ? { until: `${String(Math.floor(until.minutes / 60)).padStart(2, "0")}:${String(until.minutes % 60).padStart(2, "0")}` } : null;
    const text = liveSummaryText(t, shop.name, await liveBoard(store, live.id), ended, finishLink(live, await botUsername(store, live.channel, live.bot_id)));
    const first = await hasOutboxRow(store, summaryKey(live.id));
    await enqueue(
      store,
      { channel: live.channel, botId: live.bot_id, chatId: live.chat_id, reply: first ? { text, editOf: summaryKey(live.id) } : { text }, dedupeKey: first ? `${summaryKey(live.id)}:v${live.version}` : summaryKey(live.id) },
      now,
    );
    await markLiveSummaryShown(store, live.id, live.version);
  }
}

/**
 * A released hold goes straight to the next buyer waiting for that item, who gets a hold of
 * their own and is told privately. Runs for every open live; reservations are the same atomic
 * batches as comments, so a waiting buyer never gets what is not there.
 */
export async function serveLiveWaitlists(store: Store, now: Date): Promise<number> {
  let served = 0;
  const waiting = await unservedLiveWaitlist(store, 200);
  const blocked = new Set<string>();
  for (const w of waiting) {
    const key = `${w.live_id}:${w.product_id}`;
    if (blocked.has(key)) continue; // first come, first served: nobody overtakes a buyer still waiting
    const live = await getLive(store, w.live_id);
    const shop = await getShop(store, live.shop_id);
    const buyer = await getBuyer(store, w.buyer_id);
    const order = await ensureLiveOrder(store, shop, live, buyer, w.display_name, now);
    if (order.status !== "draft") {
      await dropFromLiveWaitlist(store, w.id, now);
      continue;
    }
    if ((await reserveLiveItem(store, live.id, order.id, w.product_id, w.qty, now)) !== true) {
      blocked.add(key);
      continue;
    }
    await syncLiveOrder(store, order.id, now);
    await setOrderExpiry(store, order.id, new Date(now.getTime() + shop.live_hold_minutes * 60_000));
    const code = await productCodeOf(store, w.product_id);
    const t = messagesFor(buyer.lang ?? shop.lang);
    const notice = buyer.private_chat_id
      ? {
          channel: live.channel,
          botId: live.bot_id,
          chatId: buyer.private_chat_id,
          reply: { text: t.liveYourTurn({ code, qty: w.qty, minutes: shop.live_hold_minutes }), buttons: [{ label: t.btnFinishOrder, action: `live:${live.id}` }] },
          dedupeKey: `live:${live.id}:waitlist:${w.id}`,
        }
      : undefined;
    await markLiveWaitlistServed(store, w.id, notice, now);
    await bumpLive(store, live.id);
    served++;
  }
  return served;
}

/** A live order half-way through its hold gets one reminder to finish (before it is released). */
export async function remindLiveHolds(store: Store, now: Date): Promise<void> {
  const drafts = await liveDraftsToRemind(store);
  for (const d of drafts) {
    if (!d.expires_at || !d.private_chat_id) continue;
    const left = Date.parse(d.expires_at) - now.getTime();
    if (left <= 0 || left > (d.live_hold_minutes * 60_000) / 2) continue;
    const t = messagesFor(d.lang);
    await remindOrderOnce(
      store,
      d.id,
      "draft",
      { channel: d.channel, botId: d.bot_id, chatId: d.private_chat_id, reply: { text: t.liveHoldReminder({ code: d.code, minutes: Math.ceil(left / 60_000) }), buttons: [{ label: t.btnFinishOrder, action: `live:${d.live_id}` }] }, dedupeKey: `order:${d.id}:live-reminder` },
      now,
    );
  }
}

/** Lives whose capture window is over close, and their report goes to the staff chat once. */
export async function closeLives(store: Store, now: Date): Promise<number> {
  const due = await livesDueToClose(store, now);
  let closed = 0;
  for (const live of due) {
    if (!(await claimLiveClose(store, live.id, now))) continue;
    const shop = await getShop(store, live.shop_id);
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
