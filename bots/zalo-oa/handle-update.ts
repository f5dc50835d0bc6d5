import type { ChannelCapabilities, InboundSource } from "../../src/chat/inbound-event";
import type { Shop } from "../../src/db/schema";
import { handleInbound } from "../../flows/inbound/pipeline";
import type { InboundDeps } from "../../flows/inbound/context";
import { convertOa, type OaWebhookEvent } from "./convert";

export type ZaloOaHandlerDeps = InboundDeps;

/**
 * What a Zalo Official Account can do in its own (GMF) groups and private chats, as this channel
 * uses it. The OA receives every group message (no mention gate) and says which message a reply
 * quotes (`quote_msg_id`); its groups deliver no membership events we use, so a group message is the
 * sign it is there. No buttons are sent (plain text, numbered choices), no link opens a private chat
 * with a payload, and it cannot delete a member's message. Private replies are consultation
 * messages, which Zalo allows only within 7 days of the person's last message.
 */
export const ZALO_OA_CAPABILITIES: ChannelCapabilities = {
  deepLink: () => undefined,
  numberedChoices: true,
  groupPresenceFromMessages: true,
  impliedItem: "quoted",
  deletesGroupMessages: false,
  remembersPrivateChat: true,
  staffCommands: true,
  answersInline: false,
};

export const zaloOaSource = (oaId: string, shop: Shop): InboundSource => ({ channel: "zalo-oa", botId: oaId, shop, capabilities: ZALO_OA_CAPABILITIES, dedupePrefix: `zalo-oa:${oaId}` });

/** One verified OA event, exactly once (its msg_id), through the one inbound pipeline. */
export async function handleOaEvent(deps: ZaloOaHandlerDeps, oaId: string, shop: Shop, body: OaWebhookEvent): Promise<"handled" | "busy"> {
  const { event, eventKey } = convertOa(body, { oaId, shopId: shop.id, now: deps.clock.now() });
  if (!eventKey || event.kind === "ignored") return "handled";
  const outcome = await handleInbound(deps, zaloOaSource(oaId, shop), event, { eventKey });
  return outcome.kind === "busy" ? "busy" : "handled";
}
