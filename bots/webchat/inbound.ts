import type { ChannelCapabilities, InboundEvent, InboundSource } from "../../src/chat/inbound-event";
import type { InboundMessage } from "../../src/chat/types";
import type { Shop } from "../../src/db/schema";
import { normalizeText } from "../../src/text/normalize";

/**
 * What the web chat can do: buttons, no groups, no links into another app; its answers are the
 * HTTP response. Nobody is staff here (staff use the dashboard), and the session is the chat.
 */
export const WEBCHAT_CAPABILITIES: ChannelCapabilities = {
  deepLink: () => undefined,
  numberedChoices: false,
  groupPresenceFromMessages: false,
  impliedItem: "quoted",
  deletesGroupMessages: false,
  remembersPrivateChat: false,
  staffCommands: false,
  answersInline: true,
};

export const webchatSource = (shop: Shop): InboundSource => ({ channel: "webchat", botId: shop.slug, shop, capabilities: WEBCHAT_CAPABILITIES, dedupePrefix: `webchat:${shop.slug}` });

export interface WebchatInput {
  session: string;
  text?: string;
  action?: string;
  id?: string;
  /** The caller's address (the route's clientAddress), for the per-address hold cap. */
  clientAddress?: string;
}

/** One web chat message in the neutral form (text normalised here, once); a tapped button is a button. */
export function webchatEvent(shop: Shop, input: WebchatInput, now: Date): InboundEvent {
  const msg: InboundMessage = {
    channel: "webchat",
    botId: shop.slug,
    shopId: shop.id,
    eventId: input.id ?? `${now.getTime()}`,
    chat: { id: input.session, kind: "private" },
    from: { id: input.session, name: "" },
    receivedAt: now,
    ...(input.clientAddress ? { clientAddress: input.clientAddress } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.text !== undefined ? { text: normalizeText(input.text) } : {}),
  };
  return input.action ? { kind: "button", msg } : { kind: "message", messageId: msg.eventId, msg };
}
