import { Hono } from "hono";
import type { Shop } from "../db/schema";
import type { Store } from "../db/store";
import { findShopBySlug } from "../domain/shops/shops";
import { jsonError } from "./errors";
import { requireOperator } from "./operator-auth";

export type ShopScoped = Hono<{ Variables: { shop: Shop } }>;

/** A sub-app for `/api/shops/:shop/…`: operator credentials required, the shop resolved (404 if unknown). */
export function shopScopedApi(store: Store, adminToken: string | undefined): ShopScoped {
  const app: ShopScoped = new Hono();
  app.use("*", requireOperator(adminToken));
  app.use("/:shop/*", async (c, next) => {
    const shop = await findShopBySlug(store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    c.set("shop", shop);
    await next();
  });
  return app;
}
