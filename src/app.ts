import { Hono } from "hono";
import { telegramReaders } from "../bots/telegram-readers";
import { telegramWebhook } from "../bots/telegram/routes";
import { webchatRoutes } from "../bots/webchat/routes";
import { zaloWebhook } from "../bots/zalo/routes";
import { zaloOaWebhook } from "../bots/zalo-oa/routes";
import { zaloOaClient } from "../bots/zalo-oa/startup";
import { zaloOaDashboardRoutes } from "./http/dashboard/zalo-oa-routes";
import type { AppDeps } from "./deps";
import { pingDatabase } from "./db/ping";
import { findShopBySlug } from "./domain/shops/shops";
import { bodySizeLimit } from "./http/body-size-limit";
import { jsonError, onAppError } from "./http/errors";
import { broadcastApi } from "./http/broadcast-api";
import { dashboardRoutes } from "./http/dashboard";
import { faviconRoutes } from "./http/favicon";
import { mediaRoute } from "./http/dashboard/catalog/media-route";
import { compressResponses } from "./http/compression";
import { operatorApi } from "./http/operator-api";
import { clientAddressPolicy, rateLimitPerAddress } from "./http/rate-limit";
import { rejectControlCharacters, securityHeaders } from "./http/security-headers";
import { payRoutes } from "./http/pay-routes";
import { goLinkRoutes } from "./http/go-links";
import { paymentWebhooks } from "./http/payment-webhooks";
import { carrierWebhooks } from "./http/carrier-webhooks";
import { messagesFor } from "./i18n/messages";
import { chatPage } from "./web/chat-page";
import { assetRoutes } from "./web/asset-route";

const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the Hono app: routes only. Both entries (Node and Workers) call this with their deps. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const engine = { store: deps.store, clock: deps.clock, logger: deps.logger, publicUrl: deps.config.PUBLIC_URL ?? "", carrierConfig: deps.config };

  app.onError(onAppError(deps.logger));
  app.notFound((c) => jsonError(c, 404, "not found"));
  app.use("*", clientAddressPolicy({ trust: deps.config.TRUST_PROXY, onWorkers: deps.onWorkers ?? false }, deps.logger));
  app.use("*", securityHeaders(deps.assets));
  app.use("*", rejectControlCharacters);
  app.use("*", bodySizeLimit(MAX_BODY_BYTES));
  if (!deps.onWorkers) app.use("*", compressResponses());

  app.get("/", (c) => c.redirect("/chat/demo"));
  app.route("/", faviconRoutes());
  app.route("/", assetRoutes(deps.assets));

  app.get("/healthz", async (c) => {
    await pingDatabase(deps.store);
    return c.json({ ok: true });
  });

  app.get("/chat/:shop", async (c) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    return c.html(chatPage(shop, messagesFor(shop.lang), `/api/webchat/${shop.slug}/messages`, deps.assets));
  });

  // A person types a few messages a minute, but a whole commune can share one mobile carrier's
  // address: the limit is for scripts, per minute with a sixth of it as the 10-second burst.
  const perMinute = deps.config.WEBCHAT_MAX_PER_MINUTE;
  const webchatLimits =
    deps.webchatRateLimit ??
    (perMinute > 0 && [
      { max: Math.max(1, Math.ceil(perMinute / 6)), windowMs: 10_000 },
      { max: perMinute, windowMs: 60_000 },
    ]);
  if (webchatLimits) app.on("POST", "/api/webchat/*", rateLimitPerAddress(webchatLimits, () => deps.clock.now().getTime()));
  app.route("/api/webchat", webchatRoutes(engine));
  app.route("/webhooks/zalo", zaloWebhook({ ...engine, onOutboxWrite: deps.onOutboxWrite }));
  app.route("/webhooks/zalo-oa", zaloOaWebhook({ ...engine, onOutboxWrite: deps.onOutboxWrite }));
  app.route("/api/shops", broadcastApi({ store: deps.store, clock: deps.clock, adminToken: deps.config.ADMIN_TOKEN, onOutboxWrite: deps.onOutboxWrite }));
  app.route("/api/shops", operatorApi({ store: deps.store, clock: deps.clock, adminToken: deps.config.ADMIN_TOKEN, onOutboxWrite: deps.onOutboxWrite }));
  app.route("/webhooks", paymentWebhooks(deps));
  app.route("/webhooks", carrierWebhooks(deps));
  app.route("/", mediaRoute(deps.store));
  app.route("/dashboard", dashboardRoutes({ store: deps.store, clock: deps.clock, publicUrl: deps.config.PUBLIC_URL ?? "", onOutboxWrite: deps.onOutboxWrite, assets: deps.assets, carrierConfig: deps.config, einvoiceConfig: deps.config, ...(deps.einvoice ? { einvoice: deps.einvoice } : {}) }));
  app.route("/dashboard", zaloOaDashboardRoutes({ store: deps.store, clock: deps.clock, publicUrl: deps.config.PUBLIC_URL ?? "", assets: deps.assets, oaClient: zaloOaClient(deps.config) }));
  const answerCallback = deps.answerTelegramCallback ?? (async () => undefined);
  app.route(
    "/webhooks/telegram",
    telegramWebhook({ ...engine, answerCallback, readers: telegramReaders(answerCallback), onOutboxWrite: deps.onOutboxWrite }),
  );
  app.route("/pay", payRoutes(deps));
  app.route("/go", goLinkRoutes(engine));

  return app;
}
