import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { jsonError } from "./errors";

/**
 * Bodies over `maxSize` are refused with 413, unread. A request that says its length is judged by
 * that header alone (the body is not touched: on Node, touching it makes a whole Web Request of
 * every request, a large part of a small webhook's cost); one sent in chunks is counted as it
 * arrives, by Hono's own limit.
 */
export function bodySizeLimit(maxSize: number): MiddlewareHandler {
  // The rest of the body is still on its way, so the connection cannot carry another request.
  // Saying so lets a keep-alive client open a new one instead of writing into a closing socket.
  const refuse: Parameters<typeof bodyLimit>[0]["onError"] = (c) => {
    c.header("Connection", "close");
    return jsonError(c, 413, `body too large (${Math.round(maxSize / 1024 / 1024)} MiB at most)`);
  };
  const counted = bodyLimit({ maxSize, onError: refuse });
  return async (c, next) => {
    const length = c.req.header("content-length");
    if (c.req.header("transfer-encoding") === undefined && length !== undefined) {
      const n = Number(length);
      return Number.isFinite(n) && n > maxSize ? refuse(c) : next();
    }
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return counted(c, next);
  };
}
