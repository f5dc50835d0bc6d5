import type { Store } from "../../src/db/store";
import type { OutboundSender } from "../../src/domain/outbox/types";
import { isKnownGroupChat } from "../../src/domain/shops/known-groups";
import { ZaloOaClient } from "./client";
import { zaloOaSender } from "./sender";

/** The OA API client from the configuration (ZALO_OA_API_ROOT, ZALO_OAUTH_ROOT). */
export const zaloOaClient = (config: { ZALO_OA_API_ROOT: string; ZALO_OAUTH_ROOT: string }, timeoutMs?: number) =>
  new ZaloOaClient({ apiRoot: config.ZALO_OA_API_ROOT, oauthRoot: config.ZALO_OAUTH_ROOT, ...(timeoutMs ? { timeoutMs } : {}) });

/** The outbox sender of channel "zalo-oa", as the entries wire it. */
export function zaloOaChannelSender(store: Store, config: { ZALO_OA_API_ROOT: string; ZALO_OAUTH_ROOT: string; PUBLIC_URL?: string | undefined }, now: () => number, timeoutMs?: number): OutboundSender {
  return zaloOaSender({ store, client: zaloOaClient(config, timeoutMs), now, lang: "vi", publicUrl: config.PUBLIC_URL ?? "", isGroupChat: (chatId) => isKnownGroupChat(store, "zalo-oa", chatId) });
}
