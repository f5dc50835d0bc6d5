import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";

/**
 * gzip (or deflate) for text answers — pages, JSON, CSS, CSV — when the client asks for it: the
 * web chat page goes from 9 KB to under 4 KB on 3G. Only for Node: Cloudflare compresses Workers'
 * answers itself, so the Workers entry leaves this off (deps.onWorkers). Hono's middleware leaves
 * alone what must not be re-encoded: images and other already-compressed types (by Content-Type),
 * server-sent event streams, answers marked `Cache-Control: no-transform` (a route that streams
 * text and must flush each chunk sets it), HEAD, ranges and anything already encoded. Mounted
 * inside the body limit, so the 413 (and its Connection: close) is sent as it is.
 */
export function compressResponses(): MiddlewareHandler {
  if (typeof CompressionStream !== "function") return (_c, next) => next();
  const gzip = compress();
  return async (c, next) => {
    // Telegram, Zalo and the banks ask for no compression: their webhooks skip all of it.
    if (!/gzip|deflate/i.test(c.req.header("accept-encoding") ?? "")) return next();
    let handled: Response | undefined;
    await gzip(c, async () => {
      await next();
      handled = c.res;
    });
    if (c.res === handled || !c.res.body) return;
    // Compressed whole and sent with its length, as an uncompressed answer is: a client gets all of
    // it or nothing (a process killed mid-answer would otherwise leave a 200 with half a body).
    // Only finished answers get here: the streams above are never compressed.
    const bytes = await c.res.arrayBuffer();
    const res = new Response(bytes, c.res);
    res.headers.set("Content-Length", String(bytes.byteLength));
    c.res = res;
  };
}
