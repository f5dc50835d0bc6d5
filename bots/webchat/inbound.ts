import type { InboundMessage, Reply } from "../../src/chat/types";
import type { Shop } from "../../src/db/schema";
import { normalizeText } from "../../src/text/normalize";
import { runConversation, type EngineDeps } from "../../flows/engine";

export interface WebchatInput {
  session: string;
  text?: string;
  action?: string;
  id?: string;
  /** The caller's address (the route's clientAddress), for the per-address hold cap. */
  clientAddress?: string;
}

/** Converts one web chat message to the neutral form (text normalised here, once) and runs the flows. */
export async function handleWebchatMessage(deps: EngineDeps, shop: Shop, input: WebchatInput): Promise<Reply[]> {
  const now = deps.clock.now();
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
  return runConversation(deps, shop, msg);
}
