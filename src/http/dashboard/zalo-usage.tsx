import { Hono } from "hono";
import type { Shop } from "../../db/schema";
import { BASIC_PLAN, MAX_LIMIT, savePlanLimits } from "../../domain/usage/plan-limits";
import { isShopBot, shopBotUsage } from "../../domain/usage/usage-view";
import { zaloUsageCardMessages } from "../../i18n/zalo-usage-card";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { Page } from "./layout";
import { ZaloTabs } from "./zalo-tabs";
import { ZaloUsageCard } from "./shops/zalo-usage-card";

/** The owner and the operator may change a bot's limits; staff may read them; shippers see nothing. */
const mayEdit = (c: DashboardContext) => ["operator", "owner"].includes(c.get("session").user.role);

/** A limit from the form: a whole number from 0 to MAX_LIMIT ("3.000" and "3,000" read as 3000), else undefined. */
export function parseLimit(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const digits = v.trim().replace(/[.,\s]/g, "");
  if (!/^\d{1,9}$/.test(digits)) return undefined;
  const n = Number(digits);
  return n <= MAX_LIMIT ? n : undefined;
}

/**
 * The Zalo plan limits (issue 22): `/dashboard/zalo-usage` shows each Zalo bot's month (users,
 * messages, groups against the plan, buyers turned away) to the shop's owner, staff and the
 * operator; the limits form posts to `/dashboard/zalo-usage/limits` (owner or operator, CSRF-checked
 * by requireSession). The same card is on the operator's shops page.
 */
export function zaloUsageRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/zalo-usage/*", requireSession(deps));
  app.use("/zalo-usage/*", async (c, next) => {
    if (c.get("session").user.role === "shipper") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    await next();
  });

  const render = async (c: DashboardContext, shop: Shop, flash?: { text: string; error?: boolean }, status: 200 | 400 | 403 = 200) => {
    const session = c.get("session");
    const m = zaloUsageCardMessages(session.lang);
    const views = await shopBotUsage(deps.store, shop, deps.clock.now());
    return c.html(
      <Page d={c.get("d")} session={session} assets={c.get("assets")} title={m.pageTitle} section="zalo" shop={shop} flash={flash} styles={["shops.css"]}>
        <ZaloTabs d={c.get("d")} shop={shop} on="usage" role={session.user.role} />
        <ZaloUsageCard m={m} session={session} shop={shop} views={views} back="usage" canEdit={mayEdit(c)} />
      </Page>,
      status,
    );
  };

  app.get("/zalo-usage", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const m = zaloUsageCardMessages(c.get("session").lang);
    return render(c, shop, c.req.query("ok") === "limits" ? { text: m.saved } : undefined);
  });

  app.post("/zalo-usage/limits", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const m = zaloUsageCardMessages(c.get("session").lang);
    if (!mayEdit(c)) return render(c, shop, { text: m.forbidden, error: true }, 403);
    const form = await c.req.parseBody();
    const botId = typeof form.botId === "string" ? form.botId.slice(0, 64) : "";
    if (!(await isShopBot(deps.store, shop, "zalo", botId))) return render(c, shop, { text: m.unknownBot, error: true }, 400);
    const maxUsers = parseLimit(form.maxUsers);
    const maxMessages = parseLimit(form.maxMessages);
    const maxGroups = parseLimit(form.maxGroups);
    if (maxUsers === undefined || maxMessages === undefined || maxGroups === undefined) return render(c, shop, { text: m.invalid, error: true }, 400);
    const basic = maxUsers === BASIC_PLAN.maxUsers && maxMessages === BASIC_PLAN.maxMessages && maxGroups === BASIC_PLAN.maxGroups;
    await savePlanLimits(deps.store, "zalo", botId, { plan: basic ? BASIC_PLAN.plan : "custom", maxUsers, maxMessages, maxGroups }, deps.clock.now());
    const q = `shop=${encodeURIComponent(shop.slug)}`;
    return c.redirect(form.back === "shops" ? `/dashboard/shops?${q}#zalo-usage` : `/dashboard/zalo-usage?${q}&ok=limits`, 303);
  });

  return app;
}
