import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "../platform/logger";
import { jsonError } from "./errors";
import { clientAddress } from "./rate-limit";

export interface RefusedWebhook {
  /** sepay | casso | payos | telegram | zalo */
  route: string;
  /** The shop's slug or the bot's id, as the URL named it. */
  shop?: string;
  bot?: string;
  status: ContentfulStatusCode;
  /** The short reason the sender is told. */
  reason: string;
  /** A finer reason for the operator only (which check failed); never a value that was sent. */
  detail?: string;
}

/**
 * Answers a refused webhook with `{ error: reason }` and leaves one warning in the log, so a key
 * that stopped matching, a notifier pointed at the wrong shop or someone probing is visible.
 * Logged: route, shop or bot, status, reason, the caller's address. Never the key, signature,
 * token, headers or body: the fields are named here and nothing else is passed through.
 */
export function refuseWebhook(c: Context, logger: Logger, r: RefusedWebhook): Response {
  logger.warn("webhook refused", {
    route: r.route,
    ...(r.shop !== undefined ? { shop: r.shop.slice(0, 64) } : {}),
    ...(r.bot !== undefined ? { bot: r.bot.slice(0, 32) } : {}),
    status: r.status,
    reason: r.reason,
    ...(r.detail ? { detail: r.detail } : {}),
    address: clientAddress(c).slice(0, 64),
  });
  return jsonError(c, r.status, r.reason);
}
