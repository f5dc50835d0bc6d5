import type { CallbackQuery, Message, Update } from "grammy/types";
import type { InboundEvent } from "../../src/chat/inbound-event";
import type { Channel } from "../../src/chat/types";
import { normalizeText } from "../../src/text/normalize";

type ChatLike = { id: number; type: string };
type UserLike = { id: number; first_name: string; last_name?: string; username?: string; language_code?: string; is_bot: boolean };

const chatOf = (chat: ChatLike & { title?: string }) => ({
  id: String(chat.id),
  kind: chat.type === "private" ? ("private" as const) : ("group" as const),
  ...(chat.title ? { title: chat.title } : {}),
});
const personOf = (u: UserLike) => ({
  id: String(u.id),
  name: [u.first_name, u.last_name].filter(Boolean).join(" ").slice(0, 100),
  ...(u.username ? { username: u.username } : {}),
  ...(u.language_code ? { langHint: u.language_code } : {}),
});

interface ConvertContext {
  botId: string;
  shopId: number;
  botUsername: string | null;
  now: Date;
}

const baseOf = (channel: Channel, botId: string, update: Update, ctx: ConvertContext) => ({ channel, botId, shopId: ctx.shopId, eventId: String(update.update_id), receivedAt: ctx.now });

/** A button tap, for the channel it belongs to (`botId`: the bot, or a Telegram Business connection). */
export function convertCallback(q: CallbackQuery, channel: Channel, botId: string, update: Update, ctx: ConvertContext): InboundEvent {
  const chat = q.message?.chat ?? { id: q.from.id, type: "private" };
  return { kind: "button", callbackId: q.id, msg: { ...baseOf(channel, botId, update, ctx), chat: chatOf(chat), from: personOf(q.from), ...(q.data ? { action: q.data.slice(0, 200) } : {}) } };
}

/** A message (a bot chat's, or one in a Telegram Business chat) in the neutral form; not ours or from nobody: ignored. */
export function convertMessage(message: Message, channel: Channel, botId: string, update: Update, ctx: ConvertContext): InboundEvent {
  if (!message.from) return { kind: "ignored" };
  const rawText = message.text ?? message.caption ?? "";
  const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(rawText);
  const addressee = command?.[1];
  // A command addressed to another bot ("/menu@other_bot") is not ours.
  if (addressee && ctx.botUsername && addressee.toLowerCase() !== ctx.botUsername.toLowerCase()) return { kind: "ignored" };
  // Sent by an anonymous admin or as a channel: there is no person to write to.
  if (message.sender_chat || message.from.username === "GroupAnonymousBot") return { kind: "ignored" };
  // "/menu@cho_chat_bot args" → "/menu args": the flows need not know the bot's name.
  const text = normalizeText(addressee ? rawText.replace(`@${addressee}`, "") : rawText);
  const contact = message.contact ? { contact: { phone: message.contact.phone_number, ownContact: message.contact.user_id === message.from.id } } : {};
  const replyTo = message.reply_to_message;
  const photo = message.photo?.at(-1);
  return {
    kind: "message",
    messageId: String(message.message_id),
    ...(replyTo?.from?.is_bot && String(replyTo.from.id) === ctx.botId ? { replyToBotMessageId: String(replyTo.message_id) } : {}),
    ...(photo ? { photoRef: `tg:${photo.file_id}` } : {}),
    msg: { ...baseOf(channel, botId, update, ctx), chat: chatOf(message.chat), from: personOf(message.from), ...(message.contact ? {} : { text }), ...contact },
  };
}

/** Converts a Telegram update for bot `botId` of shop `shopId`; `botUsername` decides whose commands these are. */
export function convertUpdate(update: Update, ctx: ConvertContext): InboundEvent {
  if (update.callback_query) return convertCallback(update.callback_query, "telegram", ctx.botId, update, ctx);
  if (update.my_chat_member) {
    const m = update.my_chat_member;
    const present = ["member", "administrator", "creator"].includes(m.new_chat_member.status);
    const title = "title" in m.chat ? (m.chat.title ?? "") : "";
    return { kind: "membership", chatId: String(m.chat.id), title, present };
  }
  const message = update.message;
  if (!message) return { kind: "ignored" };
  if (message.migrate_to_chat_id) return { kind: "migrated", fromChatId: String(message.chat.id), toChatId: String(message.migrate_to_chat_id) };
  return convertMessage(message, "telegram", ctx.botId, update, ctx);
}
