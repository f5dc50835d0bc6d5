import type { Reply } from "../../src/chat/types";
import { zaloBotGroups } from "../../src/domain/zalo-groups/zalo-bots";
import { zaloSetupText } from "../../src/domain/zalo-groups/setup-text";
import type { GroupContext } from "../group-context";

/**
 * "/link" sent privately to a Zalo bot: how groups work for this bot (the steps and what it sees, or
 * the fallback kit when Zalo has not given it group rights). Undefined on other channels.
 */
export async function zaloGroupSetup(ctx: GroupContext): Promise<Reply[] | undefined> {
  if (ctx.channel !== "zalo") return undefined;
  const bot = await zaloBotGroups(ctx.store, ctx.botId);
  return bot ? [{ text: zaloSetupText(ctx.t, bot, ctx.shop, ctx.publicUrl) }] : undefined;
}
