import type { ChannelCapabilities, InboundSource } from "../../src/chat/inbound-event";
import type { Shop } from "../../src/db/schema";

/**
 * What the bot can do in a seller's Telegram Business chats: buttons, private chats only, no deep
 * links (the buyer is already talking to the seller), and no staff commands (buyers write here;
 * staff use the bot's own chat).
 */
export const BUSINESS_CAPABILITIES: ChannelCapabilities = {
  deepLink: () => undefined,
  numberedChoices: false,
  groupPresenceFromMessages: false,
  impliedItem: "quoted",
  deletesGroupMessages: false,
  remembersPrivateChat: true,
  staffCommands: false,
  answersInline: false,
};

/** A seller's business connection as the source of events: its "bot" is the connection id, which replies are sent through. */
export function businessSource(connectionId: string, shop: Shop, answerCallback: (callbackId: string) => Promise<void>): InboundSource {
  return {
    channel: "telegram-business",
    botId: connectionId,
    shop,
    capabilities: BUSINESS_CAPABILITIES,
    dedupePrefix: `tgb:${connectionId}`,
    acknowledgeButton: answerCallback,
  };
}
