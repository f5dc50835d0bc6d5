import type { InboundMessage, Lang, Reply } from "../src/chat/types";
import type { Buyer, Shop } from "../src/db/schema";
import type { Store } from "../src/db/store";
import type { CarrierConfig } from "../src/domain/carriers/shop-carriers";
import type { CatalogItem } from "../src/domain/catalog/catalog";
import type { Messages } from "../src/i18n/messages";
import type { Clock } from "../src/platform/clock";
import type { Logger } from "../src/platform/logger";

/** Everything one run of a flow may use. Built per inbound message by the engine. */
export interface FlowContext {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The server's public base URL, for links that leave the chat ("" means relative links). */
  publicUrl: string;
  shop: Shop;
  msg: InboundMessage;
  buyer: Buyer;
  lang: Lang;
  t: Messages;
  /** The conversation row and the version this run read: effects keyed by them are idempotent. */
  conversationId: number;
  version: number;
  /** The carriers' part of the environment; none: no carrier is offered (flows/order/ship-steps.ts). */
  carrierConfig?: CarrierConfig;
  /** Network answers fetched before this run, outside the database (flows/inbound/network-first.ts). */
  prefetched?: Map<string, unknown>;
  /** True while this run holds the database (Node): a step needing the network throws NetworkFirst. */
  holdsDatabase?: boolean;
  /** The shop's catalog, loaded once per run. */
  catalog(): Promise<CatalogItem[]>;
  now: Date;
}

/** What a flow step returns: the replies, and the conversation state to store. */
export interface FlowOutcome<S> {
  state: S;
  replies: Reply[];
}
