import { Hono } from "hono";
import { codReport, DEFAULT_SETTLE_DAYS } from "../../domain/carriers/cod";
import { codPageMessages } from "../../i18n/cod-page";
import { addDays, localTime } from "../../platform/shop-time";
import { requireSession, shopFor, type DashboardDeps, type DashboardEnv } from "./context";
import { CodPage } from "./cod/cod-page";

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 366;

/**
 * COD reconciliation (issue 23 part 5) at /dashboard/cod: per carrier and period (orders' service
 * dates, the last 30 shop-local days unless ?from=&to= say), COD collected, fees, paid out and the
 * balance; the delivered parcels not yet paid out, flagged after ?days= (7 by default). Owners, staff
 * and the operator; shippers: 403.
 */
export function codRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/cod", requireSession(deps));
  app.use("/cod", async (c, next) => {
    if (c.get("session").user.role === "shipper") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    await next();
  });

  app.get("/cod", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    const now = deps.clock.now();
    const today = localTime(now, shop.time_zone).date;
    const wantedTo = c.req.query("to") ?? "";
    const to = DATE.test(wantedTo) ? wantedTo : today;
    const wantedFrom = c.req.query("from") ?? "";
    let from = DATE.test(wantedFrom) && wantedFrom <= to ? wantedFrom : addDays(to, -(PERIOD_DAYS - 1));
    if (from < addDays(to, -(MAX_PERIOD_DAYS - 1))) from = addDays(to, -(MAX_PERIOD_DAYS - 1));
    const days = Number.parseInt(c.req.query("days") ?? "", 10);
    const settleDays = Number.isFinite(days) && days >= 1 && days <= 90 ? days : DEFAULT_SETTLE_DAYS;
    const report = await codReport(deps.store, shop.id, { from, to }, settleDays, now);
    return c.html(<CodPage d={c.get("d")} c={codPageMessages(session.lang)} session={session} assets={c.get("assets")} shop={shop} report={report} />);
  });

  return app;
}
