import { Hono } from "hono";
import type { AssetCatalog } from "./asset-catalog";

const YEAR = 365 * 24 * 3600;

/**
 * GET /assets/<name>?v=<version>: a stylesheet or script. Asked for by its current version it is
 * kept for a year (a new version is a new URL); any other way, the browser checks again each time.
 */
export function assetRoutes(assets: AssetCatalog): Hono {
  const app = new Hono();
  app.get("/assets/:name", (c) => {
    const asset = assets.get(c.req.param("name"));
    if (!asset) return c.json({ error: "not found" }, 404);
    const etag = `"${asset.version}"`;
    c.header("ETag", etag);
    c.header("Cache-Control", c.req.query("v") === asset.version ? `public, max-age=${YEAR}, immutable` : "no-cache");
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    c.header("Content-Type", asset.contentType);
    return c.body(asset.text);
  });
  return app;
}
