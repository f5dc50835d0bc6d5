import type { Reply } from "../../src/chat/types";
import type { Store } from "../../src/db/store";
import { numberButtons, rememberChoices } from "../../src/domain/chat/numbered-choices";
import { findOaConnectionByOaId, recordOaError } from "../../src/domain/oa/connections";
import { RateLimiter, type Limit } from "../../src/domain/outbox/rate-limiter";
import type { OutboundSender, OutboxRow, SendOutcome } from "../../src/domain/outbox/types";
import { messagesFor } from "../../src/i18n/messages";
import { splitText } from "../telegram/keyboard";
import { OA_RATE_LIMITED, OA_STALE_TOKEN, OaApiError, OaNetworkError, type ZaloOaClient } from "./client";
import { OaReconnectNeeded, OaRefreshBusy, oaTokens, type OaTokens } from "./tokens";

// The OA API allows 4,000 calls a minute per app (ZALO.md §2.5); groups publish no per-group number.
// Stay well under, Telegram-like per chat and group, and let Zalo's -32 slow us down further.
const PER_OA: Limit = { max: 30, windowMs: 1_000 };
const PER_CHAT: Limit = { max: 1, windowMs: 1_000 };
const PER_GROUP: Limit = { max: 20, windowMs: 60_000 };
const MAX_TEXT = 2000;

export interface ZaloOaSenderDeps {
  store: Store;
  client: ZaloOaClient;
  now(): number;
  /** The shop language for the "answer with a number" hint. */
  lang: string;
  /** Whether a chat id is one of the OA's groups (else a person): the send API differs and ids do not say. */
  isGroupChat(chatId: string): Promise<boolean>;
  /** The server's public base URL, for the dashboard link in the "connect again" staff notice. */
  publicUrl?: string;
  /** Shared with other users of the OA's tokens; one is made when not given. */
  tokens?: OaTokens;
  limits?: Partial<{ perOa: Limit; perChat: Limit; perGroup: Limit }>;
}

/** Zalo's refusals and failures as retry or give up: -32 (rate limit) and no answer are retried. */
export function classifyOaError(error: unknown, row: Pick<OutboxRow, "attempts">): SendOutcome {
  if (error instanceof OaRefreshBusy) return { kind: "defer", afterMs: 1_000 };
  if (error instanceof OaReconnectNeeded) return { kind: "failed", error: error.message };
  if (error instanceof OaApiError) {
    const text = `${error.code} ${error.description}`;
    // Over the per-minute quota: later, longer each time, like a 429 without retry_after.
    if (error.code === OA_RATE_LIMITED) return { kind: "retry", error: text, afterMs: Math.min(30_000 * Math.max(1, row.attempts), 10 * 60_000) };
    // -230/-232 (no interaction in 7 days), -213 (not a follower), -201 (bad field), a token still refused: recorded, not retried.
    return { kind: "failed", error: text };
  }
  if (error instanceof OaNetworkError) return { kind: "retry", error: `network: ${error.message}` };
  return { kind: "retry", error: error instanceof Error ? error.message : String(error) };
}

/** Sends neutral replies as OA group messages (group chats) or consultation messages (people). */
export function zaloOaSender(deps: ZaloOaSenderDeps): OutboundSender {
  const limiter = new RateLimiter();
  const t = messagesFor(deps.lang);
  const tokens = deps.tokens ?? oaTokens({ store: deps.store, client: deps.client, now: () => new Date(deps.now()), ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}) });

  /** One call with the OA's token; a token Zalo calls stale is refreshed once and the call tried again. */
  async function withToken<T>(oaId: string, call: (token: string) => Promise<T>): Promise<T> {
    const token = await tokens.accessToken(oaId);
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof OaApiError) || !OA_STALE_TOKEN.includes(error.code)) throw error;
      return call(await tokens.accessToken(oaId, { stale: token }));
    }
  }

  return {
    async send(row, reply: Reply) {
      // An OA cannot delete or edit a message: a delete is dropped, an edit goes out as a new message.
      if (reply.deleteMessageId) return { kind: "sent" };
      const oaId = row.bot_id;
      const conn = await findOaConnectionByOaId(deps.store, oaId);
      if (!conn) return { kind: "failed", error: `unknown OA ${oaId}` };
      // The owner must connect the OA again: nothing is sent meanwhile (the card says so).
      if (conn.status !== "connected") return { kind: "failed", error: `OA ${oaId} needs to be connected again` };
      const group = await deps.isGroupChat(row.chat_id);
      const wait = limiter.reserve(
        [
          { key: `oa:${oaId}`, limit: deps.limits?.perOa ?? PER_OA },
          { key: `chat:${oaId}:${row.chat_id}`, limit: deps.limits?.perChat ?? PER_CHAT },
          ...(group ? [{ key: `group:${oaId}:${row.chat_id}`, limit: deps.limits?.perGroup ?? PER_GROUP }] : []),
        ],
        deps.now(),
      );
      if (wait > 0) return { kind: "defer", afterMs: wait };
      const { text, actions } = numberButtons(reply, t.answerWithNumber);
      try {
        let first: { message_id: string } | undefined;
        for (const part of splitText(text, MAX_TEXT)) {
          const sent = await withToken(oaId, (token) => (group ? deps.client.sendGroupText(token, row.chat_id, part) : deps.client.sendCsText(token, row.chat_id, part)));
          first ??= sent;
        }
        if (!group) await rememberChoices(deps.store, { channel: "zalo-oa", botId: oaId, chatId: row.chat_id }, actions, new Date(deps.now()));
        return { kind: "sent", result: { message_id: first?.message_id } };
      } catch (error) {
        const outcome = classifyOaError(error, row);
        // Per-person refusals (-230/-232 no interaction in 7 days, -213 not a follower) are the row's, not the OA's.
        const perPerson = error instanceof OaApiError && [-230, -232, -213].includes(error.code);
        if (outcome.kind === "failed" && !perPerson && !(error instanceof OaReconnectNeeded)) await recordOaError(deps.store, conn.id, outcome.error, new Date(deps.now()));
        return outcome;
      }
    },
  };
}
