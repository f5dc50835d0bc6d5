import { Hono } from "hono";
import type { Order, OrderStatus, Shop } from "../../../db/schema";
import { activeShipmentsOf, type Shipment } from "../../../domain/carriers/shipments";
import { itemsOfOrders } from "../../../domain/orders/queries";
import { findSlipOrder, slipOrdersOfDay } from "../../../domain/orders/slip-orders";
import { ordersBoardMessages } from "../../../i18n/orders-board";
import { shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "../context";
import { boardColumn, boardDate } from "./board-columns";
import { slipPaper, SlipsPage } from "./slip-page";

// The same page on the other paper, and the way back to the board.
function slipLinks(c: DashboardContext, back: string) {
  const url = new URL(c.req.url);
  const at = (paper: string) => {
    url.searchParams.set("paper", paper);
    return `${url.pathname}?${url.searchParams.toString()}`;
  };
  return { p58: at("58"), p80: at("80"), back };
}

// The waybill printed on the slip, and its label's link beside it (issue 23).
const waybillOf = (shop: Shop, order: Pick<Order, "code">, shipment: Shipment | undefined, lang: string) =>
  shipment ? { shipment, labelUrl: `/dashboard/orders/${order.code}/label?shop=${encodeURIComponent(shop.slug)}`, lang } : { lang };

// A shipper prints only the orders given to them.
const shipperOf = (c: DashboardContext) => (c.get("session").user.role === "shipper" ? (c.get("session").user.staff_id ?? -1) : undefined);

/** The kitchen's slips: the day's new orders (one a page, oldest first), or one order's. */
export function slipRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();

  // New means not yet accepted; another column may be asked for by name.
  app.get("/orders/slips", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    const o = ordersBoardMessages(session.lang);
    const date = boardDate(c.req.query("date"), deps.clock.now(), shop.time_zone);
    const wanted = c.req.query("status") ?? "new";
    const column = wanted === "new" ? undefined : boardColumn(wanted);
    const statuses: OrderStatus[] = column ? [column] : ["pending_payment", "confirmed"];
    const orders = await slipOrdersOfDay(deps.store, { shopId: shop.id, date, statuses, shipperStaffId: shipperOf(c) });
    const items = await itemsOfOrders(
      deps.store,
      orders.map((x) => x.id),
    );
    const shipments = await activeShipmentsOf(
      deps.store,
      orders.map((x) => x.id),
    );
    const slips = orders.map((order) => ({ order, items: items.get(order.id) ?? [], shop, t: c.get("t"), d: c.get("d"), o, ...waybillOf(shop, order, shipments.get(order.id), session.lang) }));
    const back = `/dashboard?shop=${encodeURIComponent(shop.slug)}&date=${date}`;
    return c.html(<SlipsPage lang={session.lang} title={`${o.slipTitle} · ${shop.name}`} paper={slipPaper(c.req.query("paper"))} links={slipLinks(c, back)} o={o} assets={c.get("assets")} slips={slips} />);
  });

  app.get("/orders/:code/slip", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    const o = ordersBoardMessages(session.lang);
    const order = await findSlipOrder(deps.store, shop.id, c.req.param("code").toUpperCase().slice(0, 12), shipperOf(c));
    if (!order) return c.json({ error: "unknown order" }, 404);
    const items = (await itemsOfOrders(deps.store, [order.id])).get(order.id) ?? [];
    const back = `/dashboard?shop=${encodeURIComponent(shop.slug)}`;
    const shipment = (await activeShipmentsOf(deps.store, [order.id])).get(order.id);
    const slip = { order, items, shop, t: c.get("t"), d: c.get("d"), o, ...waybillOf(shop, order, shipment, session.lang) };
    return c.html(<SlipsPage lang={session.lang} title={`${order.code} · ${o.slipTitle}`} paper={slipPaper(c.req.query("paper"))} links={slipLinks(c, back)} o={o} assets={c.get("assets")} slips={[slip]} />);
  });

  return app;
}
