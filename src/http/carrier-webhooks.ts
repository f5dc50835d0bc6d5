import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppConfig } from "../config";
import type { Store } from "../db/store";
import { CarrierUnavailable, type CarrierId, type WebhookReader } from "../domain/carriers/carrier";
import { readGhnWebhook, ghnTrackingUrl } from "../domain/carriers/ghn/webhook";
import { readGhtkWebhook, ghtkTrackingUrl } from "../domain/carriers/ghtk/webhook";
import { carrierClientForWaybill, carrierWebhookToken } from "../domain/carriers/shop-carriers";
import { applyShipmentReport, findNoticedShipment, type ReportOutcome } from "../domain/carriers/tracking";
import { findShopBySlug } from "../domain/shops/shops";
import type { Clock } from "../platform/clock";
import { constantTimeEqual } from "../platform/crypto";
import type { Logger } from "../platform/logger";
import { jsonRetryLater } from "./errors";
import { requestText } from "./request-text";
import { refuseWebhook } from "./webhook-refusal";

interface Deps {
  store: Store;
  clock: Clock;
  logger: Logger;
  config: AppConfig;
  onOutboxWrite?: () => void;
}

const READERS: Record<CarrierId, { read: WebhookReader; trackingUrl: (waybill: string) => string }> = {
  ghn: { read: readGhnWebhook, trackingUrl: ghnTrackingUrl },
  ghtk: { read: readGhtkWebhook, trackingUrl: ghtkTrackingUrl },
};

/** The carrier must hear back quickly (GHN resends after a slow answer too): the read-back gets this long. */
const READ_BACK_TIMEOUT_MS = 8_000;
const RACE_ATTEMPTS = 3;

/**
 * The carriers' status callbacks (CONTRACT.md): POST /webhooks/ghn/:shop/:token and
 * /webhooks/ghtk/:shop/:token. Neither carrier signs them, so the URL carries the shop's
 * unguessable token (compared in constant time: wrong → 401, nothing read) and the body is read
 * only for which waybill it names: what happened is believed only from the waybill read back from
 * the carrier (CarrierClient.detail). A forged body with the right token can at most make us read
 * the truth again.
 *
 * Answers: 200 once the read-back is recorded (or there is nothing to record: an unknown waybill,
 * a repeat, a report behind ours); 400 for a body naming no waybill; 404 for an unknown shop; 503
 * when the carrier cannot be read back (down, slow): both carriers resend on anything but 200 (GHN
 * 10 times, 5 s apart), and every later webhook reads back the newest status anyway, so a missed
 * one is caught up by the next, with no job of its own.
 */
export function carrierWebhooks(deps: Deps): Hono {
  const app = new Hono();

  const refuse = (c: Context, carrier: CarrierId, status: ContentfulStatusCode, reason: string, detail?: string) =>
    refuseWebhook(c, deps.logger, { route: carrier, shop: c.req.param("shop") ?? "", status, reason, ...(detail ? { detail } : {}) });

  const handle = async (c: Context, carrier: CarrierId) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop") ?? "");
    if (!shop) return refuse(c, carrier, 404, "unknown shop");
    const expected = await carrierWebhookToken(deps.store, shop, deps.config);
    if (!constantTimeEqual(c.req.param("token") ?? "", expected)) return refuse(c, carrier, 401, "wrong token");
    const notice = READERS[carrier].read(await requestText(c), c.req.header("content-type") ?? "");
    if (!notice) return refuse(c, carrier, 400, `not a ${carrier.toUpperCase()} status callback`);
    const log = { shop: shop.slug, carrier, waybill: notice.waybill, claimed: notice.carrierStatus };

    const shipment = await findNoticedShipment(deps.store, shop.id, carrier, notice);
    if (!shipment) {
      // Not ours (another system's waybill on the same account, or made up): nothing to read back; 200 so it is not resent.
      deps.logger.info("carrier webhook for an unknown waybill", log);
      return c.json({ ok: true, ignored: "unknown waybill" });
    }
    const client = await carrierClientForWaybill(deps.store, shop, carrier, deps.config, { timeoutMs: READ_BACK_TIMEOUT_MS });
    if (!client) {
      deps.logger.warn("carrier webhook with no account to read it back", log);
      return c.json({ ok: true, ignored: "no carrier account" });
    }
    let current = shipment;
    let outcome: ReportOutcome = { kind: "raced" };
    for (let attempt = 1; attempt <= RACE_ATTEMPTS && outcome.kind === "raced"; attempt++) {
      let report;
      try {
        report = await client.detail({ waybill: current.waybill });
      } catch (error) {
        if (error instanceof CarrierUnavailable) {
          deps.logger.warn("carrier read-back failed", { ...log, error: error.message });
          return jsonRetryLater(c, 503, 5, "carrier unavailable, send again later");
        }
        // The carrier refused to show it (not found on this account…): the body's claim stays unconfirmed.
        deps.logger.warn("carrier read-back refused", { ...log, error: error instanceof Error ? error.message : String(error) });
        return c.json({ ok: true, ignored: "not confirmed by the carrier" });
      }
      outcome = await applyShipmentReport(deps.store, shop, current, report, deps.clock.now(), READERS[carrier].trackingUrl(report.waybill));
      if (outcome.kind === "raced") {
        const again = await findNoticedShipment(deps.store, shop.id, carrier, notice);
        if (!again) break;
        current = again;
      }
    }
    if (outcome.kind === "moved") deps.onOutboxWrite?.();
    deps.logger.info("carrier webhook", { ...log, outcome: outcome.kind, ...(outcome.kind === "moved" ? { from: outcome.from, to: outcome.to } : {}) });
    return c.json({ ok: true });
  };

  app.post("/ghn/:shop/:token", (c) => handle(c, "ghn"));
  app.post("/ghtk/:shop/:token", (c) => handle(c, "ghtk"));
  return app;
}
