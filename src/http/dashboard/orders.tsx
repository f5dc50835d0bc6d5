import { Hono } from "hono";
import type { PaymentStatus } from "../../db/schema";
import { boardOrders, boardVersion } from "../../domain/orders/board-orders";
import { findOrderByCode, itemsOfOrders } from "../../domain/orders/queries";
import { ordersBoardMessages } from "../../i18n/orders-board";
import { requireSession, shopFor, type DashboardDeps, type DashboardEnv } from "./context";
import { orderActRoute } from "./orders/act-route";
import { boardColumn, boardDate } from "./orders/board-columns";
import { boardFlash } from "./orders/board-flash";
import { BoardPage } from "./orders/board-page";
import { RejectPage } from "./orders/reject-page";
import { slipRoutes } from "./orders/slip-routes";
import { typedOrderPanel, typedOrderRoute } from "./orders/typed-order-route";
import { waybillRoutes } from "./orders/waybill-routes";
import { activeShipmentsOf } from "../../domain/carriers/shipments";
import { offeredCarriers } from "../../domain/carriers/shop-carriers";
import { einvoiceReadiness } from "../../domain/einvoice/issue-invoice";
import { invoicesOfOrders } from "../../domain/einvoice/invoices";
import { canManage } from "./payments/form-fields";

export { actorOf } from "./orders/actor";

/** The orders board: today's (or a chosen day's) orders in columns by status, with the same actions as chat. */
export function ordersRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("*", requireSession(deps));

  app.get("/", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    const o = ordersBoardMessages(session.lang);
    const date = boardDate(c.req.query("date"), deps.clock.now(), shop.time_zone);
    const filters = { status: c.req.query("status") ?? "", payment: c.req.query("payment") ?? "", search: c.req.query("q") ?? "" };
    const orders = await boardOrders(deps.store, {
      shopId: shop.id,
      date,
      shipperStaffId: session.user.role === "shipper" ? (session.user.staff_id ?? -1) : undefined,
      status: boardColumn(filters.status),
      // Not checked against the known ones: an unknown payment status simply matches nothing.
      payment: (filters.payment || undefined) as PaymentStatus | undefined,
      search: filters.search,
    });
    const items = await itemsOfOrders(
      deps.store,
      orders.map((x) => x.id),
    );
    const flash = boardFlash(c.req.query(), o, c.get("t"));
    const shipments = await activeShipmentsOf(
      deps.store,
      orders.map((x) => x.id),
    );
    const carriers = deps.carrierConfig ? await offeredCarriers(deps.store, shop, deps.carrierConfig) : [];
    const typedOrder = await typedOrderPanel(deps, c, shop);
    const invoices = await invoicesOfOrders(
      deps.store,
      orders.map((x) => x.id),
    );
    const einvoice = await einvoiceReadiness(deps.store, shop.id);
    const einvoiceCard = { canIssue: einvoice.required && einvoice.enabled && canManage(session), series: einvoice.settings?.invoiceSeries ?? "" };
    return c.html(<BoardPage d={c.get("d")} o={o} t={c.get("t")} session={session} assets={c.get("assets")} shop={shop} date={date} filters={filters} orders={orders} items={items} now={deps.clock.now()} flash={flash} typedOrder={typedOrder} shipments={shipments} carriers={carriers} invoices={invoices} einvoice={einvoiceCard} />);
  });

  // What the board polls (orders-live.js): it reloads only when this changes.
  app.get("/version", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const version = await boardVersion(deps.store, shop.id);
    c.header("Cache-Control", "no-store");
    return c.text(version);
  });

  app.route("/", orderActRoute(deps));
  app.route("/", typedOrderRoute(deps));
  app.route("/", waybillRoutes(deps));

  // Asks why before cancelling, and to confirm: nothing is chosen in advance.
  app.get("/orders/:code/reject", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    const order = await findOrderByCode(deps.store, shop.id, c.req.param("code").slice(0, 12));
    if (!order) return c.json({ error: "unknown order" }, 404);
    const items = (await itemsOfOrders(deps.store, [order.id])).get(order.id) ?? [];
    return c.html(<RejectPage d={c.get("d")} o={ordersBoardMessages(session.lang)} t={c.get("t")} session={session} assets={c.get("assets")} shop={shop} order={order} items={items} />);
  });

  app.route("/", slipRoutes(deps));
  return app;
}
