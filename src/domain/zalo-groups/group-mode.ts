// What a Zalo Bot Platform bot's group mode is, from getMe's answer as stored in bots.info
// (ZALO-GROUPS.md): a bot is in groups only when Zalo set can_join_groups for it, and even then
// it receives only the messages that @mention it or reply to its own messages, never the rest of
// the chat; a photo reaches it only with the mention in its caption. Used by the dashboard card
// and by the set-up text the bot gives staff, so the two never say different things.

/** What getMe answered (bots/zalo/client.ts ZaloMe), as much as this module reads of it. */
export interface StoredZaloMe {
  id?: string;
  account_name?: string;
  can_join_groups?: boolean;
}

export type ZaloGroupMode =
  /** In groups, seeing only mentions of the bot and replies to it. */
  | "mentions_only"
  /** Not in groups at all: the fallback kit (a private-chat link or QR, the web chat link). */
  | "no_groups";

/** getMe's answer as stored, or undefined when there is none (never reached, or not JSON). */
export function storedZaloMe(info: string | null): StoredZaloMe | undefined {
  if (!info) return undefined;
  try {
    const v = JSON.parse(info) as unknown;
    return typeof v === "object" && v !== null ? (v as StoredZaloMe) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The group mode of a Zalo bot. Group mode is offered only on a stored `can_join_groups: true`:
 * a bot whose getMe was never answered is treated as one without group rights (the stricter reading).
 */
export function zaloGroupMode(info: string | null): ZaloGroupMode {
  return storedZaloMe(info)?.can_join_groups === true ? "mentions_only" : "no_groups";
}

/**
 * The link that opens a private chat with a Bot Platform bot: the share link Zalo Bot Creator gives
 * ("Chia sẻ"), `https://bot.zaloplatforms.com/bots/<bot id>`, which sends the phone on to Zalo. Not in
 * Zalo's API docs; seen in several public deployments (2026). It carries no payload.
 */
export const zaloPrivateChatUrl = (botId: string) => `https://bot.zaloplatforms.com/bots/${encodeURIComponent(botId)}`;
