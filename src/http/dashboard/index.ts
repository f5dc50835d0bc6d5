import { Hono } from "hono";
import type { DashboardDeps, DashboardEnv } from "./context";
import { loginRoutes } from "./login";
import { accountRoutes } from "./account";
import { broadcastRoutes } from "./broadcasts";
import { catalogRoutes } from "./catalog";
import { ordersRoutes } from "./orders";
import { paymentsRoutes } from "./payments";
import { salesRoutes } from "./sales";
import { codRoutes } from "./cod";
import { booksRoutes } from "./books";
import { shopsRoutes } from "./shops";
import { shippingRoutes } from "./shipping";
import { zaloUsageRoutes } from "./zalo-usage";
import { zaloGroupsRoutes } from "./zalo-groups";
import { declarationsRoutes } from "./declarations";
import { einvoiceRoutes } from "./einvoice";

/** The web dashboard for sellers and operators, under /dashboard. Each section is its own file. */
export function dashboardRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.route("/", loginRoutes(deps));
  app.route("/", accountRoutes(deps));
  app.route("/", ordersRoutes(deps));
  app.route("/", catalogRoutes(deps));
  app.route("/", broadcastRoutes(deps));
  app.route("/", paymentsRoutes(deps));
  app.route("/", salesRoutes(deps));
  app.route("/", codRoutes(deps));
  app.route("/", booksRoutes(deps));
  app.route("/", shopsRoutes(deps));
  app.route("/", shippingRoutes(deps));
  app.route("/", zaloUsageRoutes(deps));
  app.route("/", zaloGroupsRoutes(deps));
  app.route("/", declarationsRoutes(deps));
  app.route("/", einvoiceRoutes(deps));
  return app;
}
