import type { DashboardUser } from "../../db/schema";
import type { Store } from "../../db/store";
import { sha256Hex } from "./passwords";

/** Who a one-time login link is for: the account and its shop's name. */
export interface LoginLinkTarget {
  user: DashboardUser;
  shopName: string | null;
}

/**
 * Who a live login link (unused, not expired) would log in, without spending it: the link's page
 * shows this and asks to confirm, so a page elsewhere cannot log a browser in by opening the link.
 */
export async function peekLoginLink(store: Store, token: string, now: Date): Promise<LoginLinkTarget | undefined> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
  const link = await store.db
    .selectFrom("login_links")
    .select("user_id")
    .where("token_hash", "=", await sha256Hex(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  if (!link) return undefined;
  const user = await store.db.selectFrom("dashboard_users").selectAll().where("id", "=", link.user_id).executeTakeFirst();
  if (!user) return undefined;
  const shop = user.shop_id === null ? undefined : await store.db.selectFrom("shops").select("name").where("id", "=", user.shop_id).executeTakeFirst();
  return { user, shopName: shop?.name ?? null };
}
