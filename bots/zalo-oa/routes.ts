import { Hono } from "hono";
import { requestText } from "../../src/http/request-text";
import { jsonError, jsonRetryLater } from "../../src/http/errors";
import { refuseWebhook } from "../../src/http/webhook-refusal";
import { findShopBySlug } from "../../src/domain/shops/shops";
import { findOaConnectionByShop } from "../../src/domain/oa/connections";
import { oaWebhookEvent } from "./convert";
import { handleOaEvent, type ZaloOaHandlerDeps } from "./handle-update";
import { timestampFresh, verifyOaSignature } from "./signature";

/**
 * POST /webhooks/zalo-oa/:shop — the events of a shop's Zalo OA (the URL pasted into the app's
 * webhook settings). `X-ZEvent-Signature` is checked over the raw body before anything else is
 * read from it but its timestamp; an event more than 5 minutes off is refused; a repeated msg_id is
 * 200 with no effect. Nothing here calls Zalo: replies go through the outbox, so the ack is quick.
 */
export function zaloOaWebhook(deps: ZaloOaHandlerDeps): Hono {
  const app = new Hono();
  app.post("/:shop", async (c) => {
    const slug = c.req.param("shop");
    const shop = /^[A-Za-z0-9_-]{1,64}$/.test(slug) ? await findShopBySlug(deps.store, slug) : undefined;
    const conn = shop ? await findOaConnectionByShop(deps.store, shop.id) : undefined;
    if (!shop || !conn?.oaId) return jsonError(c, 404, "unknown shop");
    const raw = await requestText(c);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return jsonError(c, 400, "malformed JSON");
    }
    // The signature covers the body's own timestamp: read it (and only it) before checking.
    const ts = parsed && typeof parsed === "object" ? (parsed as { timestamp?: unknown }).timestamp : undefined;
    const timestamp = typeof ts === "string" || typeof ts === "number" ? String(ts) : "";
    const signed = await verifyOaSignature(c.req.header("x-zevent-signature"), { appId: conn.appId, rawBody: raw, timestamp, oaSecretKey: conn.oaSecretKey });
    if (!signed) {
      return refuseWebhook(c, deps.logger, { route: "zalo-oa", shop: slug, status: 401, reason: "bad signature", detail: c.req.header("x-zevent-signature") === undefined ? "no signature header" : "signature does not match" });
    }
    if (!timestampFresh(timestamp, deps.clock.now())) return refuseWebhook(c, deps.logger, { route: "zalo-oa", shop: slug, status: 401, reason: "stale event", detail: "timestamp more than 5 minutes off" });
    const body = oaWebhookEvent.safeParse(parsed);
    if (!body.success) return jsonError(c, 400, "not a Zalo OA event");
    if ((await handleOaEvent(deps, conn.oaId, shop, body.data)) === "busy") return jsonRetryLater(c, 503, 5, "this event is still being handled");
    return c.json({ ok: true });
  });
  return app;
}
