import { numberButtons, rememberChoices } from "../../src/domain/chat/numbered-choices";
import type { Reply } from "../../src/chat/types";
import type { Store } from "../../src/db/store";
import { messagesFor } from "../../src/i18n/messages";
import { RateLimiter, type Limit } from "../../src/domain/outbox/rate-limiter";
import type { OutboundSender, SendOutcome } from "../../src/domain/outbox/types";
import { splitText } from "../telegram/keyboard";
import { countOutbound, refusedOverQuota } from "../../src/domain/usage/count-outbound";
import { ZaloApiError, ZaloNetworkError, type ZaloBotClient } from "./client";

// Zalo publishes no numbers, only a 429 "quota exceeded" (ZALO.md §1.6): stay well under what
// Telegram allows, and let 429s slow us down further.
const PER_CHAT: Limit = { max: 1, windowMs: 1_000 };
const PER_GROUP: Limit = { max: 10, windowMs: 60_000 };
const PER_BOT: Limit = { max: 20, windowMs: 1_000 };
const MAX_TEXT = 2000;

export interface ZaloSenderDeps {
  store: Store;
  clientFor(botId: string): Promise<ZaloBotClient | undefined>;
  /** The server's public base URL: Zalo fetches photos itself, so they must be public links. */
  publicUrl: string;
  /** The shop language for the "answer with a number" hint. */
  lang: string;
  now(): number;
  limits?: Partial<{ perChat: Limit; perGroup: Limit; perBot: Limit }>;
  isGroupChat?(chatId: string): Promise<boolean>;
}

/** Zalo's refusals and network failures, as retry or give up. */
export function classifyZaloError(error: unknown): SendOutcome {
  if (error instanceof ZaloApiError) {
    const text = `${error.errorCode} ${error.description}`;
    // 403 is labelled "Internal server error" by Zalo; 408 is a timeout: both are worth another try.
    if (error.errorCode === 429) return { kind: "retry", error: text, afterMs: 5_000 };
    if ([403, 408].includes(error.errorCode) || error.errorCode >= 500) return { kind: "retry", error: text };
    return { kind: "failed", error: text };
  }
  if (error instanceof ZaloNetworkError) return { kind: "retry", error: `network: ${error.message}` };
  return { kind: "retry", error: error instanceof Error ? error.message : String(error) };
}

function publicPhoto(image: string | undefined, publicUrl: string): string | undefined {
  if (!image) return undefined;
  if (/^https:\/\//.test(image)) return image;
  if (image.startsWith("/") && publicUrl.startsWith("https://")) return `${publicUrl}${image}`;
  return undefined;
}

/** Sends neutral replies to Zalo: buttons become numbered choices, long text is split at 2,000. */
export function zaloSender(deps: ZaloSenderDeps): OutboundSender {
  const limiter = new RateLimiter();
  const t = messagesFor(deps.lang);
  return {
    async send(row, reply: Reply) {
      // Zalo cannot delete or edit a message: a delete is dropped, an edit goes out as a new message.
      if (reply.deleteMessageId) return { kind: "sent" };
      const client = await deps.clientFor(row.bot_id);
      if (!client) return { kind: "failed", error: `unknown bot ${row.bot_id}` };
      const group = (await deps.isGroupChat?.(row.chat_id)) ?? false;
      const wait = limiter.reserve(
        [
          { key: `bot:${row.bot_id}`, limit: deps.limits?.perBot ?? PER_BOT },
          { key: `chat:${row.chat_id}`, limit: deps.limits?.perChat ?? PER_CHAT },
          ...(group ? [{ key: `group:${row.chat_id}`, limit: deps.limits?.perGroup ?? PER_GROUP }] : []),
        ],
        deps.now(),
      );
      if (wait > 0) return { kind: "defer", afterMs: wait };
      const { text, actions } = numberButtons(reply, t.answerWithNumber);
      // The plan counts every message Zalo accepted, in both directions (issue 22).
      let accepted = 0;
      const usage = { channel: "zalo", botId: row.bot_id, publicUrl: deps.publicUrl };
      // Counting must never turn a message Zalo took into a failed send (and so a resend).
      const count = () => countOutbound(deps.store, { ...usage, sent: accepted, now: new Date(deps.now()) }).catch(() => undefined);
      try {
        const photo = publicPhoto(reply.image, deps.publicUrl);
        let first: { message_id: string } | undefined;
        if (photo) {
          first = await client.sendPhoto(row.chat_id, photo, text.length <= MAX_TEXT ? text : undefined);
          accepted++;
        }
        if (!photo || text.length > MAX_TEXT)
          for (const part of splitText(text, MAX_TEXT)) {
            const sent = await client.sendMessage(row.chat_id, part);
            accepted++;
            first ??= sent;
          }
        await count();
        // Remember the numbered choices only once they were really shown.
        if (!group) await rememberChoices(deps.store, { channel: "zalo", botId: row.bot_id, chatId: row.chat_id }, actions, new Date(deps.now()));
        return { kind: "sent", result: { message_id: first?.message_id } };
      } catch (error) {
        await count();
        // A 429 once the month's messages are at the plan's cap is the month's quota, not a burst: give the row up.
        if (error instanceof ZaloApiError && error.errorCode === 429 && (await refusedOverQuota(deps.store, { ...usage, now: new Date(deps.now()) })))
          return { kind: "failed", error: `${error.errorCode} ${error.description} (monthly message cap of the bot's plan reached)` };
        return classifyZaloError(error);
      }
    },
  };
}
