import type { z } from "zod";
import type { ChannelCapabilities, InboundSource } from "../../src/chat/inbound-event";
import type { BotRow, Shop } from "../../src/db/schema";
import { findShopById } from "../../src/domain/shops/shops";
import { usageGate } from "../../src/domain/usage/admit-user";
import { handleInbound } from "../../flows/inbound/pipeline";
import type { InboundDeps } from "../../flows/inbound/context";
import { convertZalo, type zaloWebhookBody } from "./convert";
import { withStaffPhoto } from "./photo-download";

export type ZaloHandlerDeps = InboundDeps;

/**
 * What a Zalo bot can do. No buttons (numbered choices instead), no link that opens a private chat
 * with a payload, and in groups only messages that mention the bot or quote it arrive — with no
 * membership events, and no word of which message a reply quotes.
 */
export const ZALO_CAPABILITIES: ChannelCapabilities = {
  deepLink: () => undefined,
  numberedChoices: true,
  groupPresenceFromMessages: true,
  impliedItem: "latest-post",
  deletesGroupMessages: false,
  remembersPrivateChat: true,
  staffCommands: true,
  answersInline: false,
};

const zaloSource = (bot: BotRow, shop: Shop): InboundSource => ({ channel: "zalo", botId: bot.platform_id, shop, capabilities: ZALO_CAPABILITIES, dedupePrefix: `zalo:${bot.platform_id}` });

/** One Zalo update, exactly once (event name + message id), through the one inbound pipeline. */
export async function handleZaloUpdate(deps: ZaloHandlerDeps, bot: BotRow, body: z.infer<typeof zaloWebhookBody>): Promise<"handled" | "busy"> {
  const shop = await findShopById(deps.store, bot.shop_id);
  if (!shop) return "handled";
  // A staff member's photo is fetched at once (its URL expires) and handed on as /media/<id>.
  const { event, eventKey } = await withStaffPhoto(deps, shop, bot.platform_id, convertZalo(body, { botId: bot.platform_id, botNames: [bot.username ?? "", shop.name], shopId: shop.id, now: deps.clock.now() }));
  if (!eventKey) return "handled";
  // The plan's limits (issue 22): a buyer past the user cap gets the fallback, not silence; every message is counted once.
  const usage = event.kind === "message" ? await usageGate(deps.store, { channel: "zalo", botId: bot.platform_id, shop, msg: event.msg, eventKey, now: deps.clock.now(), publicUrl: deps.publicUrl, onOutboxWrite: deps.onOutboxWrite }) : undefined;
  if (usage?.kind === "turned_away") return usage.outcome;
  const outcome = await handleInbound(deps, zaloSource(bot, shop), event, { eventKey });
  if (outcome.kind === "handled" && usage?.kind === "admitted") await usage.count();
  return outcome.kind === "busy" ? "busy" : "handled";
}
