import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "../platform/logger";

/** Every error answer has this shape: `{ "error": "<short reason>" }`, never a stack. */
export function jsonError(c: Context, status: ContentfulStatusCode, error: string): Response {
  return c.json({ error }, status);
}

/** An error answer that tells the sender when to try again (429 for too many, 503 for busy). */
export function jsonRetryLater(c: Context, status: 429 | 503, seconds: number, error: string): Response {
  c.header("Retry-After", String(Math.max(1, Math.ceil(seconds))));
  return jsonError(c, status, error);
}

/** Hono's one error boundary for HTTP: 4xx passed through, anything else logged and answered 500. */
export function onAppError(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof HTTPException && err.status < 500) {
      return jsonError(c, err.status as ContentfulStatusCode, err.message || "bad request");
    }
    logger.error("request failed", { error: err, method: c.req.method, path: c.req.path });
    return jsonError(c, 500, "internal error");
  };
}
