import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import type { Reply } from "../../src/chat/types";
import type { OutboundSender, SendOutcome } from "../../src/domain/outbox/types";
import type { Limit } from "../../src/domain/outbox/rate-limiter";
import { RateLimiter } from "../../src/domain/outbox/rate-limiter";
import { inlineKeyboard, splitText } from "./keyboard";

// Telegram's published limits (TELEGRAM.md §3): ~1 message/s in a chat, 20/min in a group, ~30/s per bot.
const PER_CHAT: Limit = { max: 1, windowMs: 1_000 };
const PER_GROUP: Limit = { max: 20, windowMs: 60_000 };
const PER_BOT: Limit = { max: 30, windowMs: 1_000 };

export interface TelegramSenderDeps {
  /** The API client of a bot by its numeric id, or undefined if the bot is unknown. */
  apiFor(botId: string): Promise<Api | undefined>;
  /** Fetches one of our own routes (a QR image) so it can be uploaded when Telegram cannot reach us. */
  fetchLocal(path: string): Promise<Response>;
  now(): number;
  /** The Telegram message id an earlier outbox row was delivered as (for edits). */
  messageIdOf?(dedupeKey: string): Promise<number | string | null | undefined>;
  /** Overrides of the per-chat, per-group and per-bot limits (tests, or a bot with paid broadcasts). */
  limits?: Partial<{ perChat: Limit; perGroup: Limit; perBot: Limit }>;
}

const isGroupChat = (chatId: string) => chatId.startsWith("-");

/** Maps what grammY reports to retry or give up: the platform's refusal and a network failure differ. */
export function classifyTelegramError(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    const text = `${error.error_code} ${error.description}`;
    if (error.error_code === 429) return { kind: "retry", error: text, afterMs: (error.parameters.retry_after ?? 1) * 1000 };
    if (error.error_code >= 500) return { kind: "retry", error: text };
    if (/message is not modified/i.test(error.description)) return { kind: "sent" };
    return { kind: "failed", error: text };
  }
  if (error instanceof HttpError) return { kind: "retry", error: `network: ${error.message.replace(/bot\d+:[\w-]+/g, "bot[token]")}` };
  return { kind: "retry", error: error instanceof Error ? error.message : String(error) };
}

async function photoSource(deps: TelegramSenderDeps, image: string): Promise<string | InputFile> {
  if (/^https:\/\//.test(image)) return image;
  // A photo a staff member sent us: Telegram keeps it, we keep its file id.
  if (image.startsWith("tg:")) return image.slice(3);
  // A path of our own (or a URL Telegram cannot fetch, such as localhost): upload the bytes.
  const path = image.replace(/^https?:\/\/[^/]+/, "");
  const res = await deps.fetchLocal(path);
  if (!res.ok) throw new Error(`image ${path} answered ${res.status}`);
  return new InputFile(new Uint8Array(await res.arrayBuffer()), "image.png");
}

/** Sends neutral replies through a bot's grammY client, within Telegram's limits. */
export function telegramSender(deps: TelegramSenderDeps): OutboundSender {
  const limiter = new RateLimiter();
  const perChat = deps.limits?.perChat ?? PER_CHAT;
  const perGroup = deps.limits?.perGroup ?? PER_GROUP;
  const perBot = deps.limits?.perBot ?? PER_BOT;
  return {
    async send(row, reply: Reply) {
      const api = await deps.apiFor(row.bot_id);
      if (!api) return { kind: "failed", error: `unknown bot ${row.bot_id}` };
      const checks = [
        { key: `bot:${row.bot_id}`, limit: perBot },
        { key: `chat:${row.bot_id}:${row.chat_id}`, limit: perChat },
        ...(isGroupChat(row.chat_id) ? [{ key: `group:${row.bot_id}:${row.chat_id}`, limit: perGroup }] : []),
      ];
      const wait = limiter.reserve(checks, deps.now());
      if (wait > 0) return { kind: "defer", afterMs: wait };
      try {
        if (reply.deleteMessageId) {
          await api.deleteMessage(row.chat_id, Number(reply.deleteMessageId));
          return { kind: "sent" };
        }
        const keyboard = inlineKeyboard(reply.buttons ?? []);
        const messageId = reply.editOf && deps.messageIdOf ? await deps.messageIdOf(reply.editOf) : null;
        // The message to edit is not out yet: wait for it rather than posting a second one.
        if (messageId === undefined) return { kind: "defer", afterMs: 1_000 };
        if (messageId !== null) {
          await api.editMessageText(row.chat_id, Number(messageId), reply.text.slice(0, 4096), keyboard ? { reply_markup: keyboard } : {});
          return { kind: "sent", result: { message_id: messageId } };
        }
        let first: { message_id: number } | undefined;
        if (reply.image) {
          const caption = reply.text.length <= 1024 ? reply.text : undefined;
          first = await api.sendPhoto(row.chat_id, await photoSource(deps, reply.image), {
            ...(caption ? { caption } : {}),
            ...(keyboard && caption ? { reply_markup: keyboard } : {}),
          });
          if (!caption) first = await sendText(api, row.chat_id, reply.text, keyboard);
        } else {
          first = await sendText(api, row.chat_id, reply.text, keyboard);
        }
        if (reply.requestPhone && !isGroupChat(row.chat_id)) {
          await api.sendMessage(row.chat_id, reply.requestPhone.prompt, {
            reply_markup: { keyboard: [[{ text: reply.requestPhone.label, request_contact: true }]], one_time_keyboard: true, resize_keyboard: true },
          });
        }
        return { kind: "sent", result: { message_id: first?.message_id } };
      } catch (error) {
        return classifyTelegramError(error);
      }
    },
  };
}

async function sendText(api: Api, chatId: string, text: string, keyboard: ReturnType<typeof inlineKeyboard>) {
  const parts = splitText(text);
  let first: { message_id: number } | undefined;
  for (const [i, part] of parts.entries()) {
    const sent = await api.sendMessage(chatId, part, {
      // Buttons belong under the last part; links in a shop's text are not previewed (noise on 3G).
      ...(keyboard && i === parts.length - 1 ? { reply_markup: keyboard } : {}),
      link_preview_options: { is_disabled: true },
    });
    first ??= sent;
  }
  return first;
}
