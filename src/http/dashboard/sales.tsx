import { Hono } from "hono";
import { salesByDay } from "../../domain/orders/sales-by-day";
import { topItemsBetween } from "../../domain/orders/top-items";
import { salesPageMessages } from "../../i18n/sales-page";
import { addDays, localTime } from "../../platform/shop-time";
import { requireSession, shopFor, type DashboardDeps, type DashboardEnv } from "./context";
import { SalesPage } from "./sales/sales-page";

const DAYS = 30;

/** The sales section: the last 30 shop-local days' revenue and orders as a server-drawn SVG bar chart, per-day figures and top items. Shippers: 403. */
export function salesRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/sales/*", requireSession(deps));
  app.use("/sales/*", async (c, next) => {
    if (c.get("session").user.role === "shipper") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    await next();
  });

  app.get("/sales", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    const to = localTime(deps.clock.now(), shop.time_zone).date;
    const from = addDays(to, -(DAYS - 1));
    const days = await salesByDay(deps.store, shop.id, from, to);
    const top = await topItemsBetween(deps.store, shop.id, from, to);
    return c.html(<SalesPage d={c.get("d")} s={salesPageMessages(session.lang)} session={session} assets={c.get("assets")} shop={shop} days={days} top={top} />);
  });

  return app;
}
