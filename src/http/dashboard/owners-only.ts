import type { MiddlewareHandler } from "hono";
import type { DashboardEnv } from "./context";
import { canManage } from "./payments/form-fields";

/** After requireSession, on pages of money, tax and accounts: owners and the operator go on, staff and shippers get 403. */
export const ownersOnly: MiddlewareHandler<DashboardEnv> = async (c, next) => {
  if (!canManage(c.get("session"))) return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
  await next();
};
