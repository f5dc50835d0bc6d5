import type { Reply } from "../../src/chat/types";
import { zaloBotGroups } from "../../src/domain/zalo-groups/zalo-bots";
import { newGroupLinkCode } from "../../src/domain/shops/link-code";
import { zaloSetupText } from "../../src/domain/zalo-groups/setup-text";
import type { GroupContext } from "../group-context";

/**
 * "/link" sent privately to a Zalo bot: how groups work for this bot (the steps and what it sees, or
 * the fallback kit when Zalo has not given it group rights). Undefined on other channels.
 */
export async function zaloGroupSetup(ctx: GroupContext): Promise<Reply[] | undefined> {
  if (ctx.channel !== "zalo") return undefined;
  const bot = await zaloBotGroups(ctx.store, ctx.botId);
  if (!bot) return undefined;
  // Group mode only where Zalo allows it: then a fresh one-time code, so no trip to the dashboard.
  const code = bot.mode === "mentions_only" ? await newGroupLinkCode(ctx.store, ctx.shop.id, ctx.now) : undefined;
  return [{ text: zaloSetupText(ctx.t, bot, ctx.shop, ctx.publicUrl, code) }];
}
