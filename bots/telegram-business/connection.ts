import type { BusinessConnection as TelegramConnection } from "grammy/types";
import type { AddressedReply, InboundEvent } from "../../src/chat/inbound-event";
import type { BotRow, Shop } from "../../src/db/schema";
import { saveBusinessConnection } from "../../src/domain/shops/business-connections";
import { messagesFor, toLang } from "../../src/i18n/messages";

/** How long the bot keeps quiet in a chat after the seller wrote there themselves. */
export const TAKEOVER_MINUTES = 30;

/** Did the seller let the bot reply for them? Bot API 9 says so in `rights`, older versions in `can_reply`. */
function rightToReply(c: TelegramConnection): boolean {
  return Boolean(c.rights?.can_reply ?? (c as { can_reply?: boolean }).can_reply);
}

/**
 * The seller connected the bot to their account, changed its rights, or turned it off: record it,
 * and tell the seller in their chat with the bot what the bot will do now.
 */
export function connectionEvent(bot: BotRow, shop: Shop, c: TelegramConnection): InboundEvent {
  return {
    kind: "channel",
    async apply(store, now): Promise<AddressedReply[]> {
      const ownerChatId = String(c.user_chat_id);
      await saveBusinessConnection(store, { id: c.id, bot_id: bot.platform_id, shop_id: shop.id, owner_user_id: String(c.user.id), owner_chat_id: ownerChatId, enabled: c.is_enabled ? 1 : 0, can_reply: rightToReply(c) ? 1 : 0 }, now);
      const t = messagesFor(toLang(c.user.language_code ?? shop.lang));
      const text = !c.is_enabled ? t.businessDisconnected : rightToReply(c) ? t.businessConnected({ shop: shop.name, minutes: TAKEOVER_MINUTES }) : t.businessCannotReply;
      return [{ chatId: ownerChatId, reply: { text }, via: { channel: "telegram", botId: bot.platform_id } }];
    },
  };
}
