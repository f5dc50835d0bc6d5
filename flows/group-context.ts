import type { Channel, Lang } from "../src/chat/types";
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
}
