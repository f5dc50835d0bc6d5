import { Hono, type MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Shop } from "../db/schema";
import type { Store } from "../db/store";
import { findSession } from "../domain/auth/accounts";
import { findShopBySlug } from "../domain/shops/shops";
import type { Clock } from "../platform/clock";
import { constantTimeEqual } from "../platform/crypto";
import { SESSION_COOKIE } from "./dashboard/context";
import { jsonError } from "./errors";

/** Who is calling the shop API: the operator (ADMIN_TOKEN or an operator session), or a shop's staff member. */
export type ApiActor = { kind: "operator" } | { kind: "staff"; role: "owner" | "staff" | "shipper"; shopId: number; name: string };

export type ShopScoped = Hono<{ Variables: { shop: Shop; actor: ApiActor } }>;

export interface ShopScopeDeps {
  store: Store;
  clock: Clock;
  adminToken: string | undefined;
}

const CREDENTIALS_REQUIRED = "operator credentials required";

/**
 * `Authorization: Bearer <ADMIN_TOKEN>` acts as the operator (CONTRACT.md). Without that header, a
 * dashboard session cookie acts as its account: staff only on their own shop, and a change only
 * with the session's CSRF token in `X-CSRF-Token` (a page elsewhere cannot send it). With neither,
 * the API is closed: 401, never open by default.
 */
function identify(deps: ShopScopeDeps): MiddlewareHandler<{ Variables: { actor: ApiActor } }> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (header !== undefined) {
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!deps.adminToken || !match?.[1] || !constantTimeEqual(match[1].trim(), deps.adminToken)) return jsonError(c, 401, CREDENTIALS_REQUIRED);
      c.set("actor", { kind: "operator" });
      return next();
    }
    const session = await findSession(deps.store, getCookie(c, SESSION_COOKIE), deps.clock.now());
    if (!session) return jsonError(c, 401, CREDENTIALS_REQUIRED);
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const origin = c.req.header("origin");
      if (origin && origin !== new URL(c.req.url).origin) return jsonError(c, 403, "cross-site request refused");
      if (!constantTimeEqual(c.req.header("x-csrf-token") ?? "", session.csrf)) return jsonError(c, 403, "missing or wrong CSRF token");
    }
    // findSession reads a staff account's role and shop from its staff row, so a demotion or a
    // removal counts here from the next request on, as on the dashboard.
    const user = session.user;
    if (user.must_change_password) return jsonError(c, 403, "password change required");
    if (user.role === "operator") c.set("actor", { kind: "operator" });
    else if (user.shop_id !== null) c.set("actor", { kind: "staff", role: user.role, shopId: user.shop_id, name: user.display_name });
    else return jsonError(c, 401, CREDENTIALS_REQUIRED);
    return next();
  };
}

/**
 * A sub-app for `/api/shops/:shop/…`: credentials required, the shop resolved (404 if unknown).
 * Staff reach only their own shop (403 for any other, whether or not it exists, so slugs cannot
 * be probed); a shipper may read but not change.
 */
export function shopScopedApi(deps: ShopScopeDeps): ShopScoped {
  const app: ShopScoped = new Hono();
  app.use("*", identify(deps));
  app.use("/:shop/*", async (c, next) => {
    const actor = c.get("actor");
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (actor.kind === "staff") {
      if (!shop || shop.id !== actor.shopId) return jsonError(c, 403, "not allowed for this shop");
      if (actor.role === "shipper" && c.req.method !== "GET" && c.req.method !== "HEAD") return jsonError(c, 403, "not allowed");
    }
    if (!shop) return jsonError(c, 404, "unknown shop");
    c.set("shop", shop);
    await next();
  });
  return app;
}

/** For routes CONTRACT.md gives to the operator alone (adding staff, say). */
export const operatorOnly: MiddlewareHandler<{ Variables: { actor: ApiActor } }> = async (c, next) => {
  if (c.get("actor").kind !== "operator") return jsonError(c, 403, "operator only");
  await next();
};

/** For routes a shop's owner may use as well as the operator (removing a staff member, say). */
export const ownerOrOperator: MiddlewareHandler<{ Variables: { actor: ApiActor } }> = async (c, next) => {
  const actor = c.get("actor");
  if (actor.kind !== "operator" && actor.role !== "owner") return jsonError(c, 403, "owner or operator only");
  await next();
};
