import type { AppConfig } from "./config";
import type { Store } from "./db/store";
import type { Clock } from "./platform/clock";
import type { Logger } from "./platform/logger";

/** Senders for the chat platforms, registered by the entry that knows which are configured. */
export type Channels = Record<string, never>;

/** Everything the app needs, passed in by the entry (no module-level singletons). */
export interface AppDeps {
  store: Store;
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  channels: Channels;
}
