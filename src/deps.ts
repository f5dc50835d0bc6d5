import type { AppConfig } from "./config";
import type { Store } from "./db/store";
import type { EinvoiceTuning } from "./domain/einvoice/settings";
import type { Senders } from "./domain/outbox/types";
import type { Clock } from "./platform/clock";
import type { Logger } from "./platform/logger";
import type { AssetCatalog } from "./web/asset-catalog";

/** Everything the app needs, passed in by the entry (no module-level singletons). */
export interface AppDeps {
  store: Store;
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  /** The pages' stylesheets and browser scripts (src/web/assets/: read from disk on Node, bundled on Workers). */
  assets: AssetCatalog;
  /** The outbox senders for the channels this server runs. */
  channels: Senders;
  /** Called after a request queued outbound messages, so the entry can send them soon. */
  onOutboxWrite?: () => void;
  /** Per-address limits on web chat messages; `false` turns them off (tests that play many buyers from one address). */
  webchatRateLimit?: false | { max: number; windowMs: number }[];
  /** On Cloudflare Workers (set by its entry): Cloudflare itself writes CF-Connecting-IP, so it is believed. */
  onWorkers?: boolean;
  /** Answers a Telegram button tap at once (the entry owns the API clients). */
  answerTelegramCallback?: (botId: string, callbackId: string) => Promise<void>;
  /** SePay eInvoice calls' timeout and the job checks within a request (tests shorten them). */
  einvoice?: EinvoiceTuning;
}
