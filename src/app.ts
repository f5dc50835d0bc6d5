import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { webchatRoutes } from "../bots/webchat/routes";
import type { AppDeps } from "./deps";
import { itemsOfOrders, findOrderByPayToken } from "./domain/orders/queries";
import { findShopById, findShopBySlug } from "./domain/shops/shops";
import { jsonError, onAppError } from "./http/errors";
import { operatorApi } from "./http/operator-api";
import { messagesFor } from "./i18n/messages";
import { chatPage } from "./web/chat-page";
import { payPage } from "./web/pay-page";

const MAX_BODY_BYTES = 1024 * 1024;
// Payment tokens are 22 base64url characters; anything else is not worth a database look-up.
const PAY_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** Builds the Hono app: routes only. Both entries (Node and Workers) call this with their deps. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const engine = { store: deps.store, clock: deps.clock, logger: deps.logger, publicUrl: deps.config.PUBLIC_URL ?? "" };

  app.onError(onAppError(deps.logger));
  app.notFound((c) => jsonError(c, 404, "not found"));
  app.use("*", bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => jsonError(c, 413, "body too large (1 MiB at most)") }));

  app.get("/", (c) => c.redirect("/chat/demo"));

  app.get("/healthz", async (c) => {
    await deps.store.db.selectFrom("shops").select("id").limit(1).execute();
    return c.json({ ok: true });
  });

  app.get("/chat/:shop", async (c) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    return c.html(chatPage(shop, messagesFor(shop.lang), `/api/webchat/${shop.slug}/messages`));
  });

  app.route("/api/webchat", webchatRoutes(engine));
  app.route("/api/shops", operatorApi({ store: deps.store, clock: deps.clock, adminToken: deps.config.ADMIN_TOKEN }));

  app.get("/pay/:token", async (c) => {
    const token = c.req.param("token");
    const order = PAY_TOKEN.test(token) ? await findOrderByPayToken(deps.store, token) : undefined;
    if (!order) return jsonError(c, 404, "unknown payment link");
    const shop = await findShopById(deps.store, order.shop_id);
    if (!shop) return jsonError(c, 404, "unknown payment link");
    const items = (await itemsOfOrders(deps.store, [order.id])).get(order.id) ?? [];
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.html(payPage(order, items, shop, messagesFor(order.lang)));
  });

  return app;
}
