import { Hono, type Context } from "hono";
import type { Shop } from "../db/schema";
import type { Store } from "../db/store";
import { recordTransfer, type IncomingTransfer } from "../domain/payments/record-transfer";
import { cassoBody, cassoTransfers, verifyCassoSecureToken, verifyCassoSignature } from "../domain/payments/webhooks/casso";
import { payosBody, payosTransfer, verifyPayosSignature } from "../domain/payments/webhooks/payos";
import { sepayBody, sepayTransfer, verifySepayApiKey } from "../domain/payments/webhooks/sepay";
import { findDefaultShop, findShopBySlug } from "../domain/shops/shops";
import type { AppConfig } from "../config";
import type { Clock } from "../platform/clock";
import type { Logger } from "../platform/logger";
import { jsonError } from "./errors";

type Provider = "sepay" | "casso" | "payos";

interface Deps {
  store: Store;
  clock: Clock;
  logger: Logger;
  config: AppConfig;
  onOutboxWrite?: () => void;
}

/** The shop's own key for a provider; the default shop falls back to the environment's. */
async function keyFor(deps: Deps, shop: Shop, provider: Provider): Promise<string | undefined> {
  const own = provider === "sepay" ? shop.sepay_api_key : provider === "casso" ? shop.casso_webhook_secret : shop.payos_checksum_key;
  if (own) return own;
  const fromEnv = provider === "sepay" ? deps.config.SEPAY_API_KEY : provider === "casso" ? deps.config.CASSO_WEBHOOK_SECRET : deps.config.PAYOS_CHECKSUM_KEY;
  if (!fromEnv) return undefined;
  return (await findDefaultShop(deps.store))?.id === shop.id ? fromEnv : undefined;
}

async function parseJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await c.req.text()) };
  } catch {
    return { ok: false };
  }
}

/**
 * Bank notification webhooks (SePay, Casso, payOS). Each is verified before its body is trusted;
 * a wrong key is 401 and changes nothing; a transaction already recorded answers 200 again.
 * Only an unexpected failure answers 5xx, so the provider retries it.
 */
export function paymentWebhooks(deps: Deps): Hono {
  const app = new Hono();

  const settle = async (c: Context, shop: Shop, transfers: IncomingTransfer[]) => {
    for (const t of transfers) {
      const result = await recordTransfer(deps.store, shop, t, deps.clock.now());
      deps.logger.info("transfer recorded", { shop: shop.slug, provider: t.provider, tx: t.providerTxId, outcome: result.outcome, duplicate: result.duplicate, order: result.order?.code });
    }
    if (transfers.length) deps.onOutboxWrite?.();
    return c.json({ success: true });
  };

  const resolve = async (c: Context, provider: Provider): Promise<{ shop: Shop; key: string } | Response> => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop") ?? "");
    if (!shop) return jsonError(c, 404, "unknown shop");
    const key = await keyFor(deps, shop, provider);
    if (!key) return jsonError(c, 401, `${provider} webhook is not configured for this shop`);
    return { shop, key };
  };

  app.post("/sepay/:shop", async (c) => {
    const target = await resolve(c, "sepay");
    if (target instanceof Response) return target;
    if (!verifySepayApiKey(c.req.header("authorization"), target.key)) return jsonError(c, 401, "wrong API key");
    const json = await parseJson(c);
    if (!json.ok) return jsonError(c, 400, "malformed JSON");
    const body = sepayBody.safeParse(json.value);
    if (!body.success) return jsonError(c, 400, "not a SePay transaction");
    const transfer = sepayTransfer(body.data);
    return settle(c, target.shop, transfer ? [transfer] : []);
  });

  app.post("/casso/:shop", async (c) => {
    const target = await resolve(c, "casso");
    if (target instanceof Response) return target;
    const json = await parseJson(c);
    if (!json.ok) return jsonError(c, 400, "malformed JSON");
    const signature = c.req.header("x-casso-signature");
    const verified = signature
      ? await verifyCassoSignature(signature, json.value, target.key)
      : verifyCassoSecureToken(c.req.header("secure-token"), target.key);
    if (!verified) return jsonError(c, 401, "wrong signature");
    const body = cassoBody.safeParse(json.value);
    if (!body.success) return jsonError(c, 400, "not a Casso webhook");
    return settle(c, target.shop, cassoTransfers(body.data));
  });

  app.post("/payos/:shop", async (c) => {
    const target = await resolve(c, "payos");
    if (target instanceof Response) return target;
    const json = await parseJson(c);
    if (!json.ok) return jsonError(c, 400, "malformed JSON");
    const body = payosBody.safeParse(json.value);
    if (!body.success) return jsonError(c, 401, "wrong signature");
    if (!(await verifyPayosSignature(body.data.data, body.data.signature, target.key))) return jsonError(c, 401, "wrong signature");
    const transfer = payosTransfer(body.data);
    return settle(c, target.shop, transfer ? [transfer] : []);
  });

  return app;
}
