import { requestText } from "./request-text";
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Shop } from "../db/schema";
import type { Store } from "../db/store";
import { recordTransfer, type IncomingTransfer } from "../domain/payments/record-transfer";
import { recordUnreadableTransfer } from "../domain/payments/unreadable-transfer";
import { parseBoundedJson, WEBHOOK_MAX_BYTES, WEBHOOK_MAX_DEPTH } from "../domain/payments/webhooks/bounded-json";
import { cassoBody, cassoTransfers, verifyCassoSecureToken, verifyCassoSignature } from "../domain/payments/webhooks/casso";
import { payosSignedParts, readPayosNotice, verifyPayosSignature } from "../domain/payments/webhooks/payos";
import { sepayBody, sepayTransfer, verifySepayApiKey } from "../domain/payments/webhooks/sepay";
import { findDefaultShop, findShopBySlug } from "../domain/shops/shops";
import { shopPaymentKey } from "../domain/secrets/sealed";
import type { AppConfig } from "../config";
import type { Clock } from "../platform/clock";
import type { Logger } from "../platform/logger";
import { refuseWebhook } from "./webhook-refusal";

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
  const own = await shopPaymentKey(deps.store, shop, provider);
  if (own) return own;
  const fromEnv = provider === "sepay" ? deps.config.SEPAY_API_KEY : provider === "casso" ? deps.config.CASSO_WEBHOOK_SECRET : deps.config.PAYOS_CHECKSUM_KEY;
  if (!fromEnv) return undefined;
  return (await findDefaultShop(deps.store))?.id === shop.id ? fromEnv : undefined;
}

const JSON_REFUSAL = {
  too_large: { status: 413, reason: `body too large (${WEBHOOK_MAX_BYTES / 1024} KiB at most for a webhook)` },
  too_deep: { status: 400, reason: `body nested too deeply (${WEBHOOK_MAX_DEPTH} levels at most)` },
  malformed: { status: 400, reason: "malformed JSON" },
} as const;

/**
 * Bank notification webhooks (SePay, Casso, payOS). Each is verified before its body is trusted;
 * a wrong key is 401 and changes nothing; a transaction already recorded answers 200 again.
 * Every refusal is logged (without the key or body). Bodies are parsed with a size and depth
 * limit, so a hostile one is a 4xx, never a stack overflow. Only an unexpected failure answers
 * 5xx, so the provider retries it.
 */
export function paymentWebhooks(deps: Deps): Hono {
  const app = new Hono();

  const refuse = (c: Context, provider: Provider, status: ContentfulStatusCode, reason: string, detail?: string) =>
    refuseWebhook(c, deps.logger, { route: provider, shop: c.req.param("shop") ?? "", status, reason, ...(detail ? { detail } : {}) });

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
    if (!shop) return refuse(c, provider, 404, "unknown shop");
    const key = await keyFor(deps, shop, provider);
    if (!key) return refuse(c, provider, 401, `${provider} webhook is not configured for this shop`);
    return { shop, key };
  };

  const readJson = async (c: Context, provider: Provider): Promise<{ value: unknown } | Response> => {
    const parsed = parseBoundedJson(await requestText(c));
    if (parsed.ok) return { value: parsed.value };
    const refusal = JSON_REFUSAL[parsed.reason];
    return refuse(c, provider, refusal.status, refusal.reason);
  };

  app.post("/sepay/:shop", async (c) => {
    const target = await resolve(c, "sepay");
    if (target instanceof Response) return target;
    if (!verifySepayApiKey(c.req.header("authorization"), target.key)) {
      return refuse(c, "sepay", 401, "wrong API key", c.req.header("authorization") ? "Authorization does not match" : "no Authorization header");
    }
    const json = await readJson(c, "sepay");
    if (json instanceof Response) return json;
    const body = sepayBody.safeParse(json.value);
    if (!body.success) return refuse(c, "sepay", 400, "not a SePay transaction", issuePaths(body.error.issues));
    const transfer = sepayTransfer(body.data);
    return settle(c, target.shop, transfer ? [transfer] : []);
  });

  app.post("/casso/:shop", async (c) => {
    const target = await resolve(c, "casso");
    if (target instanceof Response) return target;
    // Casso v2 signs a re-serialisation of the parsed body, so it is parsed (bounded) before the check.
    const json = await readJson(c, "casso");
    if (json instanceof Response) return json;
    const signature = c.req.header("x-casso-signature");
    const token = c.req.header("secure-token");
    const verified = signature ? await verifyCassoSignature(signature, json.value, target.key) : verifyCassoSecureToken(token, target.key);
    if (!verified) {
      return refuse(c, "casso", 401, "wrong signature", signature ? "X-Casso-Signature does not match" : token !== undefined ? "Secure-Token does not match" : "no X-Casso-Signature or Secure-Token header");
    }
    const body = cassoBody.safeParse(json.value);
    if (!body.success) return refuse(c, "casso", 400, "not a Casso webhook", issuePaths(body.error.issues));
    return settle(c, target.shop, cassoTransfers(body.data));
  });

  app.post("/payos/:shop", async (c) => {
    const target = await resolve(c, "payos");
    if (target instanceof Response) return target;
    const json = await readJson(c, "payos");
    if (json instanceof Response) return json;
    // The signature covers `data` as sent: check it first, over the parsed object itself, and only
    // then judge the fields. A signed notice that fits no schema is still payOS's word that money moved.
    const signed = payosSignedParts(json.value);
    if (!signed) return refuse(c, "payos", 401, "wrong signature", "no data object or signature");
    if (!(await verifyPayosSignature(signed.data, signed.signature, target.key))) return refuse(c, "payos", 401, "wrong signature", "signature does not match");
    const notice = await readPayosNotice(signed.body, signed.data);
    if (notice.kind === "transfer") return settle(c, target.shop, [notice.transfer]);
    if (notice.kind === "unreadable") {
      // Answered 200 so payOS stops resending a notice that will never read better; kept once for the seller.
      const kept = await recordUnreadableTransfer(deps.store, target.shop, notice.transfer, deps.clock.now());
      deps.logger.warn("unreadable transfer kept", { shop: target.shop.slug, provider: "payos", tx: notice.transfer.providerTxId, problems: notice.transfer.problems, duplicate: kept.duplicate, id: kept.transaction.id });
      return c.json({ success: true });
    }
    deps.logger.info("payos notice ignored", { shop: target.shop.slug, why: notice.why });
    return c.json({ success: true });
  });

  return app;
}

/** Which fields did not fit, by name only (never their values), for the log. */
function issuePaths(issues: readonly { path: readonly PropertyKey[] }[]): string {
  return `fields: ${[...new Set(issues.map((i) => i.path.map(String).join(".") || "body"))].slice(0, 10).join(", ")}`.slice(0, 200);
}
