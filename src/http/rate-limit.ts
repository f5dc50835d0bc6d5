import type { Context, MiddlewareHandler } from "hono";
import { RateLimiter, type Limit } from "../domain/outbox/rate-limiter";
import type { Logger } from "../platform/logger";
import { jsonRetryLater } from "./errors";
import { addressKey } from "./ip-address";
import { isLoopbackAddress, resolveClientAddress, TRUST_NONE, type TrustProxy } from "./trust-proxy";

/** How this server tells who is calling: the TRUST_PROXY setting and whether it runs on Workers. */
export interface ClientAddressPolicy {
  trust: TrustProxy;
  onWorkers: boolean;
}

declare module "hono" {
  interface ContextVariableMap {
    clientAddressPolicy?: ClientAddressPolicy;
  }
}

/**
 * Puts the policy on every request, so every reader of clientAddress (limits, login, logs) uses it.
 * With TRUST_PROXY=none, the first request that comes through a proxy on this machine (a loopback
 * peer sending X-Forwarded-For) leaves one warning: every client then counts as that proxy.
 */
export function clientAddressPolicy(policy: ClientAddressPolicy, logger?: Logger): MiddlewareHandler {
  let warned = policy.onWorkers || policy.trust.ranges.length > 0;
  return async (c, next) => {
    c.set("clientAddressPolicy", policy);
    if (!warned && c.req.header("x-forwarded-for") !== undefined) {
      const peer = peerAddress(c);
      if (peer && isLoopbackAddress(peer)) {
        warned = true;
        logger?.warn("X-Forwarded-For from a proxy on this machine is ignored (TRUST_PROXY=none): every client counts as the proxy; set TRUST_PROXY=loopback", { peer });
      }
    }
    await next();
  };
}

/** The socket's peer on Node (@hono/node-server puts the request in `env.incoming`), else undefined. */
function peerAddress(c: Context): string | undefined {
  type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };
  const env = c.env as (NodeBindings & { server?: NodeBindings }) | undefined;
  return (env?.server ?? env)?.incoming?.socket?.remoteAddress;
}

/**
 * The caller's address (see resolveClientAddress): on Node the socket's peer, and headers only from
 * the proxies TRUST_PROXY names; on Workers, CF-Connecting-IP. Without the policy (a route mounted
 * on its own), nothing but the socket is believed. The socket comes from @hono/node-server in
 * `env.incoming` (or `env.server.incoming`, as its getConnInfo reads it), read by shape so this
 * file stays runtime-free.
 */
export function clientAddress(c: Context): string {
  const policy = c.get("clientAddressPolicy") ?? { trust: TRUST_NONE, onWorkers: false };
  return resolveClientAddress({ peer: peerAddress(c), onWorkers: policy.onWorkers, header: (name) => c.req.header(name) }, policy.trust);
}

/**
 * Limits requests per address (in this process: a Workers isolate or the Node server). People are
 * never near it; a script hammering the web chat gets 429 with Retry-After instead of the server's time.
 */
export function rateLimitPerAddress(limits: readonly Limit[], now: () => number): MiddlewareHandler {
  const limiter = new RateLimiter();
  return async (c, next) => {
    const address = addressKey(clientAddress(c));
    const wait = limiter.reserve(
      limits.map((limit, i) => ({ key: `${i}:${address}`, limit })),
      now(),
    );
    if (wait > 0) return jsonRetryLater(c, 429, wait / 1000, "too many messages; wait a moment");
    await next();
  };
}
