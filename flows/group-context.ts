import type { Channel, Lang } from "../src/chat/types";
import type { CarrierConfig } from "../src/domain/carriers/shop-carriers";
import type { Shop } from "../src/db/schema";
import type { Store } from "../src/db/store";
import type { Messages } from "../src/i18n/messages";

/** What group-side flows (comment orders, staff commands) need: the shop, its bot, the time, the words. */
export interface GroupContext {
  store: Store;
  shop: Shop;
  channel: Channel;
  botId: string;
  /** The link that opens a private chat with the bot carrying `payload` (Telegram: t.me/<bot>?start=…); undefined where the platform has none (Zalo). */
  deepLink(payload: string): string | undefined;
  /** The server's public base URL ("" when unknown): for links that leave the chat. */
  publicUrl: string;
  now: Date;
  lang: Lang;
  t: Messages;
  /** The carriers' part of the environment (issue 23: staff make waybills from chat); none: no carrier. */
  carrierConfig?: CarrierConfig;
  /** True while this run holds the database (Node): a step needing the network throws NetworkFirst. */
  holdsDatabase?: boolean;
  /** Network answers fetched before this run (flows/inbound/network-first.ts). */
  prefetched?: Map<string, unknown>;
}
