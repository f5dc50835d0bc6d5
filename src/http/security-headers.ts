import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AssetCatalog } from "../web/asset-catalog";

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let binary = "";
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Security headers on every answer: a Content-Security-Policy that runs only this server's own
 * scripts (src/web/assets/; inline ones by hash) and no script from anywhere else, no framing (clickjacking), no MIME
 * sniffing, and a Referrer-Policy that keeps payment-link tokens from leaking to other sites.
 * Styles stay inline-friendly (the pages' style attributes carry no script).
 */
export function securityHeaders(assets: AssetCatalog): MiddlewareHandler {
  let ready: Promise<MiddlewareHandler> | undefined;
  const build = async () => {
    const hashes = await Promise.all(assets.scripts().map(async (s) => `'sha256-${await sha256Base64(s)}'`));
    return secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...hashes],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", "https:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "same-origin",
      xFrameOptions: "DENY",
      xContentTypeOptions: "nosniff",
      // The web chat and the pay page open no other windows; a link they show must not reach back.
      crossOriginOpenerPolicy: "same-origin",
      crossOriginResourcePolicy: "same-origin",
      crossOriginEmbedderPolicy: false,
    });
  };
  return async (c, next) => {
    ready ??= build();
    return (await ready)(c, next);
  };
}

/** A request whose path carries control characters (CR, LF, NUL…, even percent-encoded) is refused. */
export const rejectControlCharacters: MiddlewareHandler = async (c, next) => {
  const path = c.req.path;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return c.json({ error: "malformed path" }, 400);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return c.json({ error: "control characters in the path" }, 400);
  await next();
};
