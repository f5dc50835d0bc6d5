import { sql } from "kysely";
import type { Store } from "../../db/store";
import { messagesFor, toLang } from "../../i18n/messages";
import { claimInboundEvent, finishInboundEventQuery } from "../chat/inbound-events";
import { enqueueQuery } from "../outbox/enqueue";
import { bumpMessagesQuery, countGroup, groupsCounted, messagesUsed, usersCounted } from "./counters";
import { usageDay } from "./month";
// The tracked web chat link: an order placed after tapping it is counted as coming from it.
import { fallbackUrls } from "../zalo-groups/fallback-links";
import { noticeIfReached, type UsageScope } from "./notices";
import type { PlanLimits } from "./plan-limits";
import type { UsageGateInput } from "./admit-user";

/** How much of a turned-away buyer's first message the seller is shown. */
const EXCERPT = 120;

/**
 * A buyer the bot cannot serve (the plan's user cap is reached): recorded for the seller (who, their
 * first words, when, how often), and answered at most once a day with the shop's web chat link and
 * phone, queued through the outbox like every reply. Claimed by the event key, so a redelivered
 * event records and answers nothing again. All writes are one batch.
 */
export async function turnAway(store: Store, scope: UsageScope, input: UsageGateInput, plan: PlanLimits): Promise<"handled" | "busy"> {
  const { now, msg, shop } = input;
  if (input.eventKey) {
    const claimed = await claimInboundEvent(store, scope.channel, scope.botId, input.eventKey, now);
    if (claimed.kind === "in_progress") return "busy";
    if (claimed.kind === "done") return "handled";
  }
  const at = now.toISOString();
  const buyer = await store.db.selectFrom("buyers").select("lang").where("channel", "=", scope.channel).where("user_id", "=", msg.from.id).executeTakeFirst();
  const t = messagesFor(toLang(buyer?.lang ?? msg.from.langHint ?? shop.lang));
  const text = t.usageFallback({ shop: shop.name, webchat: fallbackUrls(scope.publicUrl, shop.slug).chat, phone: shop.phone ?? "" });
  const record = store.db
    .insertInto("bot_turned_away")
    .values({ channel: scope.channel, bot_id: scope.botId, month: scope.month, user_id: msg.from.id, name: msg.from.name.slice(0, 100), chat_id: msg.chat.id, first_text: (msg.text ?? "").slice(0, EXCERPT), first_at: at, last_at: at, times: 1 })
    .onConflict((oc) => oc.columns(["channel", "bot_id", "month", "user_id"]).doUpdateSet({ last_at: at, times: sql<number>`times + 1` }))
    .compile();
  const answer = enqueueQuery(
    store,
    {
      channel: scope.channel,
      botId: scope.botId,
      chatId: msg.chat.id,
      // In a group, say whom it is for.
      reply: { text: msg.chat.kind === "group" && msg.from.name ? `${msg.from.name}: ${text}` : text },
      // Once a day per buyer: each answer costs one of the month's messages too.
      dedupeKey: `${scope.channel}:${scope.botId}:usage-fallback:${msg.from.id}:${usageDay(now, shop.time_zone)}`,
      kind: msg.chat.kind === "group" ? "group" : "message",
    },
    now,
  );
  const queries = [record, bumpMessagesQuery(store, scope, { in: 1 }), answer];
  if (input.eventKey) queries.push(finishInboundEventQuery(store, scope.channel, scope.botId, input.eventKey, ""));
  const [, , queued] = await store.batch(queries);
  if ((queued?.changes ?? 0) > 0) input.onOutboxWrite?.();
  if (msg.chat.kind === "group" && (await countGroup(store, scope, msg.chat.id, now))) await noticeIfReached(store, scope, "groups", await groupsCounted(store, scope), plan.maxGroups, now);
  // The user notice is due now if the limit was lowered under the count since the last new user.
  await noticeIfReached(store, scope, "users", await usersCounted(store, scope), plan.maxUsers, now);
  await noticeIfReached(store, scope, "messages", await messagesUsed(store, scope), plan.maxMessages, now);
  return "handled";
}
