import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import type { CarrierConfig } from "../../domain/carriers/shop-carriers";
import type { EinvoiceConfig, EinvoiceTuning } from "../../domain/einvoice/settings";
import { findSession, type Session } from "../../domain/auth/accounts";
import { visibleShops } from "../../domain/shops/visible-shops";
import { dashboardFrameMessages, type DashboardFrameMessages } from "../../i18n/dashboard-frame";
import { messagesFor, type Messages } from "../../i18n/messages";
import type { Clock } from "../../platform/clock";
import { constantTimeEqual } from "../../platform/crypto";
import type { AssetCatalog } from "../../web/asset-catalog";

export const SESSION_COOKIE = "cc_session";

/** The account page: the change-password form and "log out everywhere". */
export const ACCOUNT_PATH = "/dashboard/account";
// What an account that must change its password may still reach: the form, logging out, the language.
const PASSWORD_CHANGE_PATHS = new Set([ACCOUNT_PATH, `${ACCOUNT_PATH}/password`, `${ACCOUNT_PATH}/logout-all`, "/dashboard/logout", "/dashboard/lang"]);

export type DashboardEnv = { Variables: { session: Session; token: string; d: DashboardFrameMessages; t: Messages; assets: AssetCatalog } };
export type DashboardContext = Context<DashboardEnv>;

export interface DashboardDeps {
  store: Store;
  clock: Clock;
  /** https in production: cookies are then marked Secure. */
  publicUrl: string;
  onOutboxWrite?: () => void;
  /** The pages' stylesheets and scripts (src/web/assets/). */
  assets: AssetCatalog;
  /** The carriers' part of the environment (issue 23); none: no carrier buttons work. */
  carrierConfig?: CarrierConfig;
  /** SePay eInvoice's part of the environment (issue 24); none: e-invoices cannot be issued. */
  einvoiceConfig?: EinvoiceConfig;
  /** How long calls to SePay eInvoice wait and how often a job is checked within a request (tests shorten them). */
  einvoice?: EinvoiceTuning;
}

/**
 * Every dashboard page needs a session: without one a page goes to the login form (and a form
 * post gets 401). Every form post must carry the session's CSRF token, and a browser's Origin, when
 * sent, must be this site: a page elsewhere cannot act in a seller's name. An account that must
 * change its password (the random first-start one) is sent to the account page until it has.
 */
export function requireSession(deps: DashboardDeps): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE) ?? "";
    const session = await findSession(deps.store, token, deps.clock.now());
    if (!session) {
      if (c.req.method === "GET") return c.redirect("/dashboard/login");
      return c.json({ error: "login required" }, 401);
    }
    // The random first-start password was shown once: until it is changed, every page is the change form.
    if (session.user.must_change_password && !PASSWORD_CHANGE_PATHS.has(c.req.path)) return c.redirect(ACCOUNT_PATH, c.req.method === "GET" ? 302 : 303);
    c.set("session", session);
    c.set("token", token);
    c.set("d", dashboardFrameMessages(session.lang));
    c.set("t", messagesFor(session.lang));
    c.set("assets", deps.assets);
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const origin = c.req.header("origin");
      if (origin && origin !== new URL(c.req.url).origin) return c.json({ error: "cross-site request refused" }, 403);
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const sent = typeof form._csrf === "string" ? form._csrf : (c.req.header("x-csrf-token") ?? "");
      if (!constantTimeEqual(sent, session.csrf)) return c.json({ error: "missing or wrong CSRF token" }, 403);
    }
    await next();
  };
}

/**
 * The shop a page is about (`?shop=<slug>`, or the first the session may see). Someone else's
 * shop is refused (403), whether or not it exists, so slugs cannot be probed.
 */
export async function shopFor(c: DashboardContext, store: Store): Promise<Shop | Response> {
  const shops = await visibleShops(store, c.get("session").user);
  const wanted = c.req.query("shop") ?? (await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)).shop;
  const shop = typeof wanted === "string" && wanted ? shops.find((s) => s.slug === wanted) : shops[0];
  if (!shop) return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
  return shop;
}
