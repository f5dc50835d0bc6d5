import { Hono } from "hono";
import type { Shop } from "../db/schema";
import type { Store } from "../db/store";
import type { Clock } from "../platform/clock";
import { loadCatalog, type CatalogItem } from "../domain/catalog/catalog";
import { orderView } from "../domain/orders/order-view";
import { findOrderByCode, itemsOfOrders, listOrdersOfDay } from "../domain/orders/queries";
import { findShopBySlug } from "../domain/shops/shops";
import { localTime } from "../platform/shop-time";
import { jsonError } from "./errors";
import { requireOperator } from "./operator-auth";

/** A catalog item in the shape of the products API (CONTRACT.md). */
export function productView(p: CatalogItem) {
  return {
    code: p.code,
    name: p.name,
    price: p.price,
    unit: p.unit,
    stock: p.stock,
    soldOut: p.soldOut || p.stock <= 0,
    options: p.optionGroups.map((g) => ({ name: g.name, choices: g.options.map((o) => ({ name: o.name, priceDelta: o.priceDelta })) })),
    category: p.category,
    labels: p.labels,
    description: p.description,
    photoUrl: p.photoUrl,
    availability: { days: p.availableDays, from: p.availableFrom, to: p.availableTo },
  };
}

async function ordersWithBuyers(store: Store, orders: Awaited<ReturnType<typeof listOrdersOfDay>>) {
  const items = await itemsOfOrders(
    store,
    orders.map((o) => o.id),
  );
  const buyerIds = [...new Set(orders.map((o) => o.buyer_id))];
  const buyers = buyerIds.length ? await store.db.selectFrom("buyers").select(["id", "channel", "user_id", "name"]).where("id", "in", buyerIds).execute() : [];
  return orders.map((o) => {
    const b = buyers.find((x) => x.id === o.buyer_id);
    return orderView(o, items.get(o.id) ?? [], { channel: b?.channel ?? o.channel, userId: b?.user_id ?? "", name: b?.name ?? "" });
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The operator/staff API: orders and catalog of a shop. */
export function operatorApi(deps: { store: Store; clock: Clock; adminToken: string | undefined }): Hono<{ Variables: { shop: Shop } }> {
  const app = new Hono<{ Variables: { shop: Shop } }>();
  app.use("*", requireOperator(deps.adminToken));
  app.use("/:shop/*", async (c, next) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    c.set("shop", shop);
    await next();
  });

  app.get("/:shop/orders", async (c) => {
    const shop = c.get("shop");
    const date = c.req.query("date") ?? localTime(deps.clock.now(), shop.time_zone).date;
    if (!DATE.test(date) || Number.isNaN(Date.parse(date))) return jsonError(c, 400, "date must be YYYY-MM-DD");
    return c.json(await ordersWithBuyers(deps.store, await listOrdersOfDay(deps.store, shop.id, date)));
  });

  app.get("/:shop/orders/:code", async (c) => {
    const order = await findOrderByCode(deps.store, c.get("shop").id, c.req.param("code").slice(0, 20));
    if (!order) return jsonError(c, 404, "unknown order");
    const [view] = await ordersWithBuyers(deps.store, [order]);
    return c.json(view);
  });

  app.get("/:shop/products", async (c) => {
    return c.json((await loadCatalog(deps.store, c.get("shop").id)).map(productView));
  });

  return app;
}
