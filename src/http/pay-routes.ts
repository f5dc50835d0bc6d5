import { Hono, type Context } from "hono";
import type { Order, Shop } from "../db/schema";
import type { Store } from "../db/store";
import { findOrderByPayToken, itemsOfOrders } from "../domain/orders/queries";
import { amountDue, orderVietQr } from "../domain/payments/order-qr";
import { qrPng, qrSvg } from "../domain/payments/qr-image";
import { findShopById } from "../domain/shops/shops";
import { messagesFor } from "../i18n/messages";
import type { AssetCatalog } from "../web/asset-catalog";
import { payPage } from "../web/pay-page";
import { jsonError } from "./errors";

// Payment tokens are 22 base64url characters; anything else is not worth a database look-up.
const PAY_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** The buyer's payment page, its QR image and its live status, reachable only with the unguessable token. */
export function payRoutes(deps: { store: Store; assets: AssetCatalog }): Hono {
  const app = new Hono();

  const load = async (c: Context): Promise<{ order: Order; shop: Shop } | Response> => {
    const token = c.req.param("token") ?? "";
    const order = PAY_TOKEN.test(token) ? await findOrderByPayToken(deps.store, token) : undefined;
    const shop = order ? await findShopById(deps.store, order.shop_id) : undefined;
    if (!order || !shop) return jsonError(c, 404, "unknown payment link");
    // The link is a secret: not cached by proxies, not leaked to other sites through Referer.
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return { order, shop };
  };

  app.get("/:token", async (c) => {
    const found = await load(c);
    if (found instanceof Response) return found;
    const { order, shop } = found;
    const items = (await itemsOfOrders(deps.store, [order.id])).get(order.id) ?? [];
    const payload = orderVietQr(shop, order);
    const svg = payload ? qrSvg(payload, { title: order.code }) : null;
    return c.html(payPage({ order, items, shop, t: messagesFor(order.lang), qrSvg: svg, payPath: `/pay/${c.req.param("token")}`, assets: deps.assets }));
  });

  app.get("/:token/qr.png", async (c) => {
    const found = await load(c);
    if (found instanceof Response) return found;
    const payload = orderVietQr(found.shop, found.order);
    if (!payload) return jsonError(c, 404, "nothing to pay by transfer");
    const png = await qrPng(payload);
    // "Lưu ảnh QR": the buyer saves it and picks it in the bank app, since no one can scan their own screen.
    const download = c.req.query("download") ? { "Content-Disposition": `attachment; filename="${found.order.code}-qr.png"` } : {};
    return c.body(new Uint8Array(png), 200, { "Content-Type": "image/png", ...download });
  });

  app.get("/:token/status", async (c) => {
    const found = await load(c);
    if (found instanceof Response) return found;
    const { order } = found;
    const t = messagesFor(order.lang);
    return c.json({
      status: order.status,
      paymentStatus: order.payment_status,
      paidAmount: order.paid_amount,
      due: amountDue(order),
      label: `${t.status[order.status]} · ${t.paymentStatus[order.payment_status]}`,
    });
  });

  return app;
}
