import type { InboundMessage, Reply } from "../src/chat/types";
import { loadConversation, saveConversation } from "../src/domain/chat/conversations";
import type { Shop } from "../src/db/schema";
import type { Store } from "../src/db/store";
import { upsertBuyer } from "../src/domain/buyers/buyers";
import { loadCatalog, type CatalogItem } from "../src/domain/catalog/catalog";
import { messagesFor, toLang } from "../src/i18n/messages";
import type { Clock } from "../src/platform/clock";
import type { Logger } from "../src/platform/logger";
import type { CarrierConfig } from "../src/domain/carriers/shop-carriers";
import type { FlowContext } from "./context";
import { NetworkFirst } from "./inbound/network-first";
import { route } from "./router";
import { freshState, readState } from "./state";

export interface EngineDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  /** The carriers' part of the environment (issue 23); none: the guided order offers no carrier. */
  carrierConfig?: CarrierConfig;
  /** Network answers fetched before this run (flows/inbound/network-first.ts). */
  prefetched?: Map<string, unknown>;
  /** True while the run holds the database (Node's atomic unit): no network inside. */
  holdsDatabase?: boolean;
}

/** How long a quiet conversation keeps its place (a buyer may come back after lunch). */
export const CONVERSATION_TTL_MS = 12 * 60 * 60 * 1000;
// Two messages of one conversation racing: the loser re-reads the winner's state and runs again.
const MAX_ATTEMPTS = 4;

/**
 * Runs one inbound message through the flows and returns the replies. The conversation state is
 * written with compare-and-set, so two messages at once cannot both apply; the whole run sits in
 * one error boundary: the person gets the catalog's apology, the log gets the detail.
 */
export async function runConversation(deps: EngineDeps, shop: Shop, msg: InboundMessage): Promise<Reply[]> {
  const now = deps.clock.now();
  let lang = toLang(shop.lang);
  try {
    const buyer = await upsertBuyer(deps.store, msg.channel, msg.from.id, msg.from.name, now);
    lang = toLang(buyer.lang ?? shop.lang);
    let catalog: Promise<CatalogItem[]> | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const key = { channel: msg.channel, botId: msg.botId, chatId: msg.chat.id, userId: msg.from.id };
      const conversation = await loadConversation(deps.store, key, shop.id, now);
      const state = conversation.expired ? freshState() : readState(conversation.state);
      const ctx: FlowContext = {
        store: deps.store,
        clock: deps.clock,
        logger: deps.logger,
        publicUrl: deps.publicUrl,
        ...(deps.carrierConfig ? { carrierConfig: deps.carrierConfig } : {}),
        ...(deps.prefetched ? { prefetched: deps.prefetched } : {}),
        ...(deps.holdsDatabase ? { holdsDatabase: true } : {}),
        shop,
        msg,
        buyer,
        lang,
        t: messagesFor(lang),
        conversationId: conversation.id,
        version: conversation.version,
        catalog: () => (catalog ??= loadCatalog(deps.store, shop.id)),
        now,
      };
      const outcome = await route(ctx, state);
      const expiresAt = new Date(now.getTime() + CONVERSATION_TTL_MS);
      if (await saveConversation(deps.store, conversation.id, conversation.version, JSON.stringify(outcome.state), expiresAt, now)) {
        return outcome.replies;
      }
      catalog = undefined;
    }
    return [{ text: messagesFor(lang).busy }];
  } catch (error) {
    // Not a failure: the pipeline fetches outside the unit and runs this message again.
    if (error instanceof NetworkFirst) throw error;
    deps.logger.error("flow failed", { error, channel: msg.channel, botId: msg.botId, eventId: msg.eventId });
    return [{ text: messagesFor(lang).sorry }];
  }
}
