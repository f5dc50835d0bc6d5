import { z } from "zod";
import type { InboundEvent } from "../../src/chat/inbound-event";
import { normalizeText } from "../../src/text/normalize";
import { stripLeadingMention } from "./mention";

const message = z.object({
  from: z.object({ id: z.string().min(1).max(64), display_name: z.string().max(200).optional(), name: z.string().max(200).optional(), is_bot: z.boolean().optional() }),
  chat: z.object({ id: z.string().min(1).max(64), chat_type: z.string().max(20) }),
  text: z.string().max(100_000).optional(),
  photo: z.string().max(2000).optional(),
  caption: z.string().max(100_000).optional(),
  sticker: z.string().max(200).optional(),
  message_id: z.string().min(1).max(64),
  date: z.number().optional(),
});

const update = z.object({ event_name: z.string().max(100), message: message.optional() });

/** A Zalo webhook body: Zalo sends `{ ok, result: {…} }`; some deliveries are the bare update (openclaw accepts both). */
export const zaloWebhookBody = z.union([z.object({ ok: z.boolean().optional(), result: update }), update]);

/** A Zalo update in the neutral form, with the key it is deduplicated by (event name + message id). */
export interface ZaloEvent {
  event: InboundEvent;
  eventKey?: string;
  /** An image message's photo URL: Zalo's, and it expires, so bots/zalo/photo-download.ts fetches it at once. */
  photoUrl?: string;
}

/** Converts a Zalo update to the neutral form; a leading @mention (whatever name it shows) is stripped. */
export function convertZalo(body: z.infer<typeof zaloWebhookBody>, ctx: { botId: string; botNames: readonly string[]; shopId: number; now: Date }): ZaloEvent {
  const u = "result" in body ? body.result : body;
  const m = u.message;
  if (!m) return { event: { kind: "ignored" } };
  const eventKey = `${u.event_name}:${m.message_id}`;
  // Unsupported content is sent for protected users (children…): valid, and not to be retried or recovered.
  if (!["message.text.received", "message.image.received"].includes(u.event_name) || m.from.is_bot) return { event: { kind: "ignored" }, eventKey };
  const raw = m.text ?? m.caption ?? "";
  const { text: addressed } = stripLeadingMention(raw, ctx.botNames);
  const text = normalizeText(addressed);
  const kind = m.chat.chat_type === "GROUP" ? ("group" as const) : ("private" as const);
  const event: InboundEvent = {
    kind: "message",
    // Zalo says nothing about which message a reply quotes; a message's own id is its event's.
    messageId: eventKey,
    msg: {
      channel: "zalo",
      botId: ctx.botId,
      shopId: ctx.shopId,
      eventId: eventKey,
      chat: { id: m.chat.id, kind },
      from: { id: m.from.id, name: (m.from.display_name ?? m.from.name ?? "").slice(0, 100) },
      text,
      receivedAt: ctx.now,
    },
  };
  return { event, eventKey, ...(u.event_name === "message.image.received" && m.photo ? { photoUrl: m.photo } : {}) };
}
