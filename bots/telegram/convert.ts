import type { Update } from "grammy/types";
import type { InboundMessage } from "../../src/chat/types";
import { normalizeText } from "../../src/text/normalize";

/** What one Telegram update means to us; platform types stop here. */
export type TelegramEvent =
  | {
      kind: "message";
      msg: InboundMessage;
      messageId: number;
      /** The bot's own message this one replies to, if any. */
      replyToBotMessageId?: number;
      /** A command addressed to another bot ("/menu@other_bot"): not ours. */
      forOtherBot: boolean;
      photo?: { fileId: string };
      /** Sent by an anonymous admin or as a channel: there is no person to write to. */
      anonymous: boolean;
    }
  | { kind: "callback"; msg: InboundMessage; callbackId: string; messageId?: number }
  | { kind: "membership"; chatId: string; title: string; present: boolean }
  | { kind: "migrated"; fromChatId: string; toChatId: string }
  | { kind: "ignored" };

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

/** Converts a Telegram update for bot `botId` of shop `shopId`; `botUsername` decides whose commands these are. */
export function convertUpdate(update: Update, ctx: { botId: string; shopId: number; botUsername: string | null; now: Date }): TelegramEvent {
  const base = { channel: "telegram" as const, botId: ctx.botId, shopId: ctx.shopId, eventId: String(update.update_id), receivedAt: ctx.now };

  if (update.callback_query) {
    const q = update.callback_query;
    const chat = q.message?.chat ?? { id: q.from.id, type: "private" };
    return {
      kind: "callback",
      callbackId: q.id,
      ...(q.message ? { messageId: q.message.message_id } : {}),
      msg: { ...base, chat: chatOf(chat), from: personOf(q.from), ...(q.data ? { action: q.data.slice(0, 200) } : {}) },
    };
  }

  if (update.my_chat_member) {
    const m = update.my_chat_member;
    const present = ["member", "administrator", "creator"].includes(m.new_chat_member.status);
    const title = "title" in m.chat ? (m.chat.title ?? "") : "";
    return { kind: "membership", chatId: String(m.chat.id), title, present };
  }

  const message = update.message;
  if (!message || !message.from) return { kind: "ignored" };
  if (message.migrate_to_chat_id) return { kind: "migrated", fromChatId: String(message.chat.id), toChatId: String(message.migrate_to_chat_id) };

  const rawText = message.text ?? message.caption ?? "";
  const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(rawText);
  const addressee = command?.[1];
  const forOtherBot = Boolean(addressee && ctx.botUsername && addressee.toLowerCase() !== ctx.botUsername.toLowerCase());
  // "/menu@cho_chat_bot args" → "/menu args": the flows need not know the bot's name.
  const text = normalizeText(addressee ? rawText.replace(`@${addressee}`, "") : rawText);
  const contact = message.contact
    ? { contact: { phone: message.contact.phone_number, ownContact: message.contact.user_id === message.from.id } }
    : {};
  const replyTo = message.reply_to_message;
  const photo = message.photo?.at(-1);
  return {
    kind: "message",
    messageId: message.message_id,
    forOtherBot,
    anonymous: Boolean(message.sender_chat) || message.from.username === "GroupAnonymousBot",
    ...(replyTo?.from?.is_bot && String(replyTo.from.id) === ctx.botId ? { replyToBotMessageId: replyTo.message_id } : {}),
    ...(photo ? { photo: { fileId: photo.file_id } } : {}),
    msg: { ...base, chat: chatOf(message.chat), from: personOf(message.from), ...(message.contact ? {} : { text }), ...contact },
  };
}
