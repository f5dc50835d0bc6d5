import { Hono } from "hono";
import type { Store } from "../../../db/store";
import { findMedia } from "../../../domain/media/photos";

// newSecretToken's base64url alphabet only: anything else (a "../" after decoding) is not an id.
const MEDIA_ID = /^[A-Za-z0-9_-]{16,64}$/;
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"];

/**
 * GET /media/:id: an uploaded product photo, public and cached for good (an id never changes
 * content). `?w=N`: the smallest stored copy at least N px on its longest side, else the photo.
 */
export function mediaRoute(store: Store): Hono {
  const app = new Hono();
  const notFound = () => new Response(JSON.stringify({ error: "not found" }), { status: 404, headers: { "content-type": "application/json" } });
  app.get("/media/:id", async (c) => {
    const id = c.req.param("id");
    if (!MEDIA_ID.test(id)) return notFound();
    const w = c.req.query("w");
    const row = await findMedia(store, id, w && /^\d{1,4}$/.test(w) ? Number(w) : undefined);
    if (!row) return notFound();
    // Only image types are ever stored; anything else is served as bytes a browser will not run.
    const type = IMAGE_TYPES.includes(row.content_type) ? row.content_type : "application/octet-stream";
    const bytes = new Uint8Array(row.bytes);
    return new Response(bytes, {
      headers: { "content-type": type, "content-length": String(bytes.length), "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" },
    });
  });
  app.all("/media/*", () => notFound());
  return app;
}
