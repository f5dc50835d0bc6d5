import type { Shop } from "../../db/schema";
import type { Messages } from "../../i18n/messages";
import { fallbackUrls } from "./fallback-links";
import type { ZaloBotGroups } from "./zalo-bots";

/** The text a seller copies into their Zalo group when the bot cannot be there: both tracked links. */
export const fallbackPostText = (t: Messages, shop: Shop, publicUrl: string) => {
  const urls = fallbackUrls(publicUrl, shop.slug);
  return t.zaloFallbackPost({ shop: shop.name, zalo: urls.zalo, chat: urls.chat });
};

/**
 * What the bot tells staff about groups: with group rights, the set-up steps and plainly what it
 * will and will not see; without, no group mode at all, and the fallback post instead.
 */
export function zaloSetupText(t: Messages, bot: ZaloBotGroups, shop: Shop, publicUrl: string, linkCode = "?"): string {
  if (bot.mode === "mentions_only") return t.zaloSetupGroups({ bot: bot.name, seesOnly: t.zaloSeesOnly({ bot: bot.name }), code: linkCode });
  return t.zaloSetupNoGroups({ bot: bot.name, post: fallbackPostText(t, shop, publicUrl) });
}
