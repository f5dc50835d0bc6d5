import type { ChannelCapabilities, InboundSource } from "../../src/chat/inbound-event";
import type { BotRow, Shop } from "../../src/db/schema";

/** What a Telegram bot can do, as the one inbound pipeline needs to know it. */
export function telegramCapabilities(botUsername: string | null): ChannelCapabilities {
  return {
    deepLink: (payload) => `https://t.me/${botUsername ?? ""}?start=${payload}`,
    numberedChoices: false,
    groupPresenceFromMessages: false,
    impliedItem: "quoted",
    deletesGroupMessages: true,
    remembersPrivateChat: true,
    staffCommands: true,
    answersInline: false,
  };
}

/** A Telegram bot of a shop as the source of inbound events. */
export function telegramSource(bot: BotRow, shop: Shop, answerCallback: (botId: string, callbackId: string) => Promise<void>): InboundSource {
  return {
    channel: "telegram",
    botId: bot.platform_id,
    shop,
    capabilities: telegramCapabilities(bot.username),
    dedupePrefix: `tg:${bot.platform_id}`,
    acknowledgeButton: (callbackId) => answerCallback(bot.platform_id, callbackId),
  };
}
