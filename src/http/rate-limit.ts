import type { Context, MiddlewareHandler } from "hono";
import { RateLimiter, type Limit } from "../outbox/rate-limiter";
import { jsonRetryLater } from "./errors";

/**
 * The caller's address. On Workers, Cloudflare sets CF-Connecting-IP itself. On Node, the socket's
 * peer, unless that peer is this machine or a private network (a reverse proxy in front): only then
 * is X-Forwarded-For believed, so a client on the internet cannot pick its own address per request.
 * The socket comes from Node's server in `env.incoming`, read by shape so this file stays runtime-free.
 */
export function clientAddress(c: Context): string {
  const cloudflare = c.req.header("cf-connecting-ip");
  if (cloudflare) return cloudflare;
  const peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  if (peer && !isProxyAddress(peer)) return peer;
  return c.req.header("x-forwarded-for")?.split(",")[0]?.trim() || c.req.header("x-real-ip") || peer || "unknown";
}

/** Loopback and private ranges: where a reverse proxy in front of the Node server would sit. */
function isProxyAddress(address: string): boolean {
  const v4 = address.replace(/^::ffff:/, "");
  return v4 === "::1" || /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(v4) || /^f[cd]/i.test(address);
}

/**
 * Limits requests per address (in this process: a Workers isolate or the Node server). People are
 * never near it; a script hammering the web chat gets 429 with Retry-After instead of the server's time.
 */
export function rateLimitPerAddress(limits: readonly Limit[], now: () => number): MiddlewareHandler {
  const limiter = new RateLimiter();
  return async (c, next) => {
    const address = clientAddress(c);
    const wait = limiter.reserve(
      limits.map((limit, i) => ({ key: `${i}:${address}`, limit })),
      now(),
    );
    if (wait > 0) return jsonRetryLater(c, 429, wait / 1000, "too many messages; wait a moment");
    await next();
  };
}
