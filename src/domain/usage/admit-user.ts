import type { InboundMessage } from "../../chat/types";
import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { findStaff } from "../shops/staff";
import { bumpMessages, countGroup, groupsCounted, isUserCounted, takeUserPlace, usersCounted } from "./counters";
import { usageMonth } from "./month";
import { noticeIfReached, type UsageScope } from "./notices";
import { planOf, type PlanLimits } from "./plan-limits";
import { turnAway } from "./turn-away";

export interface UsageGateInput {
  channel: string;
  botId: string;
  shop: Shop;
  msg: InboundMessage;
  /** The event's unique key: a turned-away message is claimed by it, so a redelivery changes nothing. */
  eventKey: string | undefined;
  now: Date;
  publicUrl: string;
  onOutboxWrite?: (() => void) | undefined;
}

export type UsageGate =
  /** Served: run the pipeline, then `count()` once it really handled the event (not a redelivery). */
  | { kind: "admitted"; count(): Promise<void> }
  /** Over the user cap: answered with the fallback (or a redelivery of one); the pipeline is not run. */
  | { kind: "turned_away"; outcome: "handled" | "busy" };

/**
 * The plan's user cap, before a message from a person goes into the pipeline: a user counted this
 * month is served; a new one is counted while there is room; past the cap they get the fallback
 * (turn-away.ts) instead of silence. Messages and groups are counted by `count()`.
 */
export async function usageGate(store: Store, input: UsageGateInput): Promise<UsageGate> {
  const scope: UsageScope = { channel: input.channel, botId: input.botId, month: usageMonth(input.now, input.shop.time_zone), shop: input.shop, publicUrl: input.publicUrl };
  const userId = input.msg.from.id;
  let plan: PlanLimits | undefined;
  let newUser = false;
  if (!(await isUserCounted(store, scope, userId))) {
    plan = await planOf(store, input.channel, input.botId);
    newUser = await takeUserPlace(store, scope, userId, plan.maxUsers, input.now);
    if (!newUser && !(await isUserCounted(store, scope, userId))) {
      // The shop's own staff are never turned away (they are counted, over the cap if need be): the
      // seller must still be able to work with the bot, and Zalo, not we, has the last word.
      if (await findStaff(store, input.shop.id, input.channel, userId)) newUser = await takeUserPlace(store, scope, userId, Number.MAX_SAFE_INTEGER, input.now);
      else return { kind: "turned_away", outcome: await turnAway(store, scope, input, plan) };
    }
  }
  return {
    kind: "admitted",
    async count() {
      const limits = plan ?? (await planOf(store, input.channel, input.botId));
      const messages = await bumpMessages(store, scope, { in: 1 });
      await noticeIfReached(store, scope, "messages", messages, limits.maxMessages, input.now);
      if (newUser) await noticeIfReached(store, scope, "users", await usersCounted(store, scope), limits.maxUsers, input.now);
      if (input.msg.chat.kind === "group" && (await countGroup(store, scope, input.msg.chat.id, input.now))) {
        await noticeIfReached(store, scope, "groups", await groupsCounted(store, scope), limits.maxGroups, input.now);
      }
    },
  };
}
