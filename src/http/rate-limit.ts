import type { Context, MiddlewareHandler } from "hono";
import { RateLimiter, type Limit } from "../outbox/rate-limiter";
import { jsonError } from "./errors";

/**
 * The caller's address: Cloudflare's header on Workers, a proxy's X-Forwarded-For, else the socket
 * Node's server hands over in `env.incoming` (read by shape, so this file stays runtime-free).
 */
export function clientAddress(c: Context): string {
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  return c.req.header("cf-connecting-ip") ?? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? c.req.header("x-real-ip") ?? socket ?? "unknown";
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
    if (wait > 0) {
      c.header("Retry-After", String(Math.ceil(wait / 1000)));
      return jsonError(c, 429, "too many messages; wait a moment");
    }
    await next();
  };
}
