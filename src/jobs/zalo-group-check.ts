import type { Store } from "../db/store";
import { notifyStaff } from "../domain/orders/staff-notices";
import { findShopById } from "../domain/shops/shops";
import { claimZaloGroupCheck, saveZaloMe, setZaloGroupCheckedAt, zaloBotsDueForGroupCheck } from "../domain/zalo-groups/zalo-bots";
import { messagesFor } from "../i18n/messages";
import type { Logger } from "../platform/logger";

const DAY_MS = 24 * 60 * 60_000;
// A Zalo that could not be reached is asked again in an hour, not in a day.
const RETRY_MS = 60 * 60_000;

/** getMe for a bot token (bots/zalo/client.ts in the entries; a fake's in tests). */
export type ZaloGetMe = (token: string) => Promise<{ id: string; account_name: string; account_type?: string; can_join_groups: boolean }>;

/**
 * The daily re-check of every Zalo bot's can_join_groups (Zalo sets it per bot, and groups are still
 * beta): getMe's answer replaces the stored one, and when the flag changed the shop's staff are told
 * once (in the shop's language) through the staff notice path. Each bot is claimed with one
 * conditional UPDATE, so two runners ask once. A Zalo that cannot be reached leaves the stored flag
 * alone, is logged, and is asked again in an hour.
 */
export async function runZaloGroupChecks(store: Store, now: Date, getMe: ZaloGetMe, logger: Logger): Promise<{ checked: number; changed: number; failed: number }> {
  const out = { checked: 0, changed: 0, failed: 0 };
  const before = new Date(now.getTime() - DAY_MS).toISOString();
  for (const bot of await zaloBotsDueForGroupCheck(store, before)) {
    if (!(await claimZaloGroupCheck(store, bot.id, before, now))) continue;
    let me: Awaited<ReturnType<ZaloGetMe>>;
    try {
      me = await getMe(bot.token);
    } catch (error) {
      out.failed++;
      logger.warn("zalo: getMe failed in the daily group check; the stored flag is kept", { bot: bot.platformId, error: error instanceof Error ? error.message : String(error) });
      await setZaloGroupCheckedAt(store, bot.id, new Date(now.getTime() - DAY_MS + RETRY_MS));
      continue;
    }
    out.checked++;
    await saveZaloMe(store, bot.id, me);
    const was = bot.me?.can_join_groups;
    const is = me.can_join_groups === true;
    if (typeof was !== "boolean" || was === is) continue;
    out.changed++;
    logger.info("zalo: can_join_groups changed", { bot: bot.platformId, can_join_groups: is });
    const shop = await findShopById(store, bot.shopId);
    if (!shop) continue;
    const t = messagesFor(shop.lang);
    const name = me.account_name || bot.platformId;
    const text = is ? t.zaloGroupsOn({ bot: name, seesOnly: t.zaloSeesOnly({ bot: name }) }) : t.zaloGroupsOff({ bot: name });
    await notifyStaff(store, shop, { text }, `zalo-groups:${bot.id}:${now.toISOString()}`, now);
  }
  return out;
}
