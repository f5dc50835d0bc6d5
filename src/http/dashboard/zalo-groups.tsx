import { Hono } from "hono";
import { zaloGroupsCardMessages } from "../../i18n/zalo-groups-card";
import { requireSession, shopFor, type DashboardDeps, type DashboardEnv } from "./context";
import { Page } from "./layout";
import { ZaloTabs } from "./zalo-tabs";
import { loadZaloGroupsView, ZaloGroupsCard } from "./shops/zalo-groups-card";

/**
 * `/dashboard/zalo-groups` (issue 22): the Zalo groups card for the shop's own owner and staff
 * (the operator sees it on the shops page too): groups or not, what the bot sees, the set-up steps
 * or the fallback kit, and this month's taps and orders per source. Shippers see nothing.
 */
export function zaloGroupsRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/zalo-groups/*", requireSession(deps));
  app.use("/zalo-groups/*", async (c, next) => {
    if (c.get("session").user.role === "shipper") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    await next();
  });
  app.get("/zalo-groups", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    const z = zaloGroupsCardMessages(session.lang);
    const view = await loadZaloGroupsView(deps.store, shop, deps.publicUrl, deps.clock.now());
    return c.html(
      <Page d={c.get("d")} session={session} assets={c.get("assets")} title={z.title} section="zalo" shop={shop} styles={["shops.css"]}>
        <ZaloTabs d={c.get("d")} shop={shop} on="groups" role={session.user.role} />
        {view ? <ZaloGroupsCard z={z} view={view} /> : <p class="muted">{z.noZaloBot}</p>}
      </Page>,
    );
  });
  return app;
}
