import type { Update } from "grammy/types";
import type { InboundEvent, InboundSource } from "../../src/chat/inbound-event";
import type { BotRow, Shop } from "../../src/db/schema";
import type { CarrierConfig } from "../../src/domain/carriers/shop-carriers";
import type { Store } from "../../src/db/store";
import { findShopById } from "../../src/domain/shops/shops";
import type { Clock } from "../../src/platform/clock";
import type { Logger } from "../../src/platform/logger";
import { handleInbound } from "../../flows/inbound/pipeline";
import { convertUpdate } from "./convert";
import { telegramSource } from "./source";

/**
 * Another reading of a Telegram update, registered by a channel that arrives through a bot's
 * webhook (Telegram Business): the source and event when the update is its own, else undefined.
 */
export type TelegramUpdateReader = (store: Store, bot: BotRow, shop: Shop, update: Update, now: Date) => Promise<{ source: InboundSource; event: InboundEvent } | undefined>;

export interface TelegramHandlerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  /** Answers a button tap at once, so the person's spinner stops (errors are logged, never thrown). */
  answerCallback(botId: string, callbackId: string): Promise<void>;
  onOutboxWrite?: () => void;
  /** Channels that come in through the same bot's updates, tried first. */
  readers?: readonly TelegramUpdateReader[];
  /** The carriers' part of the environment (flows/engine.ts). */
  carrierConfig?: CarrierConfig;
}

/**
 * One Telegram update, exactly once (by update id): converted to the neutral form and run through
 * the one inbound pipeline. Replies are queued in the outbox, never sent inline, so a slow or
 * limited Telegram never slows the webhook.
 */
export async function handleTelegramUpdate(deps: TelegramHandlerDeps, bot: BotRow, update: Update): Promise<"handled" | "busy"> {
  const shop = await findShopById(deps.store, bot.shop_id);
  if (!shop) return "handled";
  const now = deps.clock.now();
  let routed: { source: InboundSource; event: InboundEvent } | undefined;
  for (const read of deps.readers ?? []) routed ??= await read(deps.store, bot, shop, update, now);
  routed ??= {
    source: telegramSource(bot, shop, deps.answerCallback),
    event: convertUpdate(update, { botId: bot.platform_id, shopId: shop.id, botUsername: bot.username, now }),
  };
  const outcome = await handleInbound(deps, routed.source, routed.event, { eventKey: String(update.update_id) });
  return outcome.kind === "busy" ? "busy" : "handled";
}
