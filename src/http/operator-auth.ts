import type { MiddlewareHandler } from "hono";
import { constantTimeEqual } from "../platform/crypto";
import { jsonError } from "./errors";

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
