import { Hono } from "hono";
import type { DashboardDeps, DashboardEnv } from "./context";
import { loginRoutes } from "./login";
import { ordersRoutes } from "./orders";

/** The web dashboard for sellers and operators, under /dashboard. Each section is its own file. */
export function dashboardRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.route("/", loginRoutes(deps));
  app.route("/", ordersRoutes(deps));
  return app;
}
