import type { Store } from "../../src/db/store";
import type { OutboundSender } from "../../src/domain/outbox/types";
import { isKnownGroupChat } from "../../src/domain/shops/known-groups";
import { ZaloOaClient } from "./client";
import { zaloOaSender } from "./sender";
import { oaTokens, refreshDueOaTokens } from "./tokens";

type OaConfig = { ZALO_OA_API_ROOT: string; ZALO_OAUTH_ROOT: string; PUBLIC_URL?: string | undefined };

/** The OA API client from the configuration (ZALO_OA_API_ROOT, ZALO_OAUTH_ROOT). */
export const zaloOaClient = (config: OaConfig, timeoutMs?: number) => new ZaloOaClient({ apiRoot: config.ZALO_OA_API_ROOT, oauthRoot: config.ZALO_OAUTH_ROOT, ...(timeoutMs ? { timeoutMs } : {}) });

/**
 * The channel "zalo-oa" as the entries wire it: its outbox sender, and the housekeeping refresh
 * of tokens near their end (one token keeper for both: one refresh at a time per OA).
 */
export function zaloOaChannel(store: Store, config: OaConfig, now: () => number, timeoutMs?: number): { sender: OutboundSender; refreshDue(): Promise<{ refreshed: number; failed: number }> } {
  const client = zaloOaClient(config, timeoutMs);
  const publicUrl = config.PUBLIC_URL ?? "";
  const tokens = oaTokens({ store, client, now: () => new Date(now()), publicUrl });
  return {
    sender: zaloOaSender({ store, client, tokens, now, lang: "vi", publicUrl, isGroupChat: (chatId) => isKnownGroupChat(store, "zalo-oa", chatId) }),
    refreshDue: () => refreshDueOaTokens({ store, tokens, now: () => new Date(now()) }),
  };
}
