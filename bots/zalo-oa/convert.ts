import { z } from "zod";
import type { InboundEvent } from "../../src/chat/inbound-event";
import { normalizeText } from "../../src/text/normalize";

const id = z.union([z.string().max(64), z.number()]).transform(String);

/** An OA webhook event (ZALO.md §2.3, §4(c)): only the fields the channel reads; the rest passes. */
export const oaWebhookEvent = z
  .object({
    app_id: id.optional(),
    event_name: z.string().min(1).max(100),
    // A string of epoch ms on the wire; a number is taken too.
    timestamp: z.union([z.string().max(20), z.number()]).transform(String),
    sender: z.object({ id: id.optional(), display_name: z.string().max(200).optional(), name: z.string().max(200).optional() }).passthrough().optional(),
    recipient: z.object({ id: id.optional(), group_id: id.optional() }).passthrough().optional(),
    group_id: id.optional(),
    message: z
      .object({
        msg_id: z.string().min(1).max(128),
        text: z.string().max(100_000).optional(),
        quote_msg_id: id.optional(),
        attachments: z.array(z.object({ type: z.string().max(40).optional(), payload: z.record(z.string(), z.unknown()).optional() }).passthrough()).max(50).optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export type OaWebhookEvent = z.infer<typeof oaWebhookEvent>;

export interface OaEvent {
  event: InboundEvent;
  /** The key the pipeline deduplicates by (the message's msg_id); none for events with no message. */
  eventKey?: string;
}

const GROUP_EVENTS = ["user_send_group_text", "user_send_group_image"];
const PRIVATE_EVENTS = ["user_send_text", "user_send_image"];

/** `[@user_id]` (and `[@group_id]`, everyone) mentions written inline: not part of what a buyer typed. */
export const stripOaMentions = (text: string) => text.replace(/\[@[^\]\s]{1,64}\]/g, " ").replace(/[ \t]{2,}/g, " ");

/** The caption of an image event: the message text, else a caption in the first attachment's payload. */
function textOf(e: OaWebhookEvent): string {
  const m = e.message;
  if (!m) return "";
  if (m.text) return m.text;
  const caption = m.attachments?.map((a) => a.payload?.caption ?? a.payload?.description).find((c) => typeof c === "string");
  return typeof caption === "string" ? caption : "";
}

/**
 * An OA event in the neutral form. Group texts (and images with a caption) become group messages,
 * private texts private ones; the OA's own sends (`oa_send_*`, or anything its own id sent) and
 * every other event are ignored. The group id is in `recipient.group_id` or `recipient.id`
 * (ZALO.md §2.4: the implementations disagree, so both are read).
 */
export function convertOa(e: OaWebhookEvent, ctx: { oaId: string; shopId: number; now: Date }): OaEvent {
  const m = e.message;
  if (!m) return { event: { kind: "ignored" } };
  const eventKey = m.msg_id;
  const senderId = e.sender?.id;
  const group = GROUP_EVENTS.includes(e.event_name);
  if ((!group && !PRIVATE_EVENTS.includes(e.event_name)) || !senderId || senderId === ctx.oaId) return { event: { kind: "ignored" }, eventKey };
  const groupId = group ? (e.recipient?.group_id ?? e.group_id ?? (e.recipient?.id !== ctx.oaId ? e.recipient?.id : undefined)) : undefined;
  if (group && !groupId) return { event: { kind: "ignored" }, eventKey };
  const text = normalizeText(stripOaMentions(textOf(e)));
  if (!text) return { event: { kind: "ignored" }, eventKey };
  const chat = group ? { id: groupId as string, kind: "group" as const } : { id: senderId, kind: "private" as const };
  const event: InboundEvent = {
    kind: "message",
    messageId: m.msg_id,
    ...(m.quote_msg_id ? { replyToBotMessageId: m.quote_msg_id } : {}),
    msg: {
      channel: "zalo-oa",
      botId: ctx.oaId,
      shopId: ctx.shopId,
      eventId: eventKey,
      chat,
      // OA events usually carry no name (sender.id only); some deliveries add one.
      from: { id: senderId, name: (e.sender?.display_name ?? e.sender?.name ?? "").slice(0, 100) },
      text,
      receivedAt: ctx.now,
    },
  };
  return { event, eventKey };
}
