import type { MiddlewareHandler } from "hono";
import { jsonError } from "./errors";

/** Compares two strings in time that depends only on their lengths, not on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * `Authorization: Bearer <ADMIN_TOKEN>` acts as the operator (CONTRACT.md). With no token
 * configured the API is closed: 401, never open by default.
 */
export function requireOperator(adminToken: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!adminToken || !match?.[1] || !constantTimeEqual(match[1].trim(), adminToken)) {
      return jsonError(c, 401, "operator credentials required");
    }
    await next();
  };
}
