import type { Message, Update } from "grammy/types";
import type { InboundEvent, InboundSource } from "../../src/chat/inbound-event";
import type { BotRow, Shop } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { findBusinessConnection, noteSellerTakeover, sellerHasTakenOver } from "../../src/domain/shops/business-connections";
import type { TelegramUpdateReader } from "../telegram/handle-update";
import { convertCallback, convertMessage } from "../telegram/convert";
import { connectionEvent, TAKEOVER_MINUTES } from "./connection";
import { businessSource } from "./source";

const ignored: InboundEvent = { kind: "ignored" };

/** Which business connection an update belongs to, if it is a Telegram Business update at all. */
function connectionIdOf(update: Update): string | undefined {
  return (
    update.business_connection?.id ??
    update.business_message?.business_connection_id ??
    update.edited_business_message?.business_connection_id ??
    update.deleted_business_messages?.business_connection_id ??
    update.callback_query?.message?.business_connection_id
  );
}

/**
 * A buyer's message in the seller's chat, unless the bot may not or should not answer it: the
 * connection is off or may not reply, the message is the seller's own (then the seller is
 * answering by hand and the bot keeps quiet in that chat for a while), or the seller took over.
 */
async function buyerMessage(store: Store, bot: BotRow, shop: Shop, connectionId: string, message: Message, update: Update, now: Date): Promise<InboundEvent> {
  const connection = await findBusinessConnection(store, bot.platform_id, connectionId);
  if (!connection || !connection.enabled || !connection.can_reply) return ignored;
  const chatId = String(message.chat.id);
  if (message.sender_business_bot) return ignored;
  if (String(message.from?.id) === connection.owner_user_id) {
    return { kind: "channel", apply: async (s) => (await noteSellerTakeover(s, connectionId, chatId, new Date(now.getTime() + TAKEOVER_MINUTES * 60_000)), []) };
  }
  if (await sellerHasTakenOver(store, connectionId, chatId, now)) return ignored;
  return convertMessage(message, "telegram-business", connectionId, update, { botId: bot.platform_id, shopId: shop.id, botUsername: bot.username, now });
}

/**
 * Reads the Telegram Business updates that come through a shop bot's webhook: the connection
 * itself, buyers' messages to the seller, and taps on buttons the bot sent in those chats. Each
 * becomes a neutral event of the `telegram-business` channel whose "bot" is the connection.
 */
export function telegramBusinessReader(answerCallback: (botId: string, callbackId: string) => Promise<void>): TelegramUpdateReader {
  return async (store, bot, shop, update, now) => {
    const connectionId = connectionIdOf(update);
    if (!connectionId) return undefined;
    const source: InboundSource = businessSource(connectionId, shop, (callbackId) => answerCallback(bot.platform_id, callbackId));
    if (update.business_connection) return { source, event: connectionEvent(bot, shop, update.business_connection) };
    if (update.business_message) return { source, event: await buyerMessage(store, bot, shop, connectionId, update.business_message, update, now) };
    if (update.callback_query) {
      const connection = await findBusinessConnection(store, bot.platform_id, connectionId);
      const event = connection?.enabled && connection.can_reply ? convertCallback(update.callback_query, "telegram-business", connectionId, update, { botId: bot.platform_id, shopId: shop.id, botUsername: bot.username, now }) : ignored;
      return { source, event };
    }
    // An edit or a deletion in the seller's chats: nothing to do, but it is ours.
    return { source, event: ignored };
  };
}
