import { Hono } from "hono";

// A chat bubble in the shop green with a white "C": 300-odd bytes, so there is no image file to
// ship on either runtime. Browsers ask for /favicon.ico by themselves; an SVG under that name is
// shown by current Chromium and Firefox, and the pages also point at /favicon.svg.
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
  '<path d="M32 4C16.5 4 4 14.7 4 28c0 7.4 3.9 14 10 18.4V60l12.2-8.6c1.9.4 3.8.6 5.8.6 15.5 0 28-10.7 28-24S47.5 4 32 4z" fill="#1f6f43"/>' +
  '<path d="M41 20.5a12 12 0 1 0 0 15" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round"/>' +
  "</svg>";

/** GET /favicon.svg and /favicon.ico: the icon, cacheable for a week. */
export function faviconRoutes(): Hono {
  const app = new Hono();
  const icon = () =>
    new Response(FAVICON_SVG, {
      headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=604800, immutable" },
    });
  app.get("/favicon.svg", icon);
  app.get("/favicon.ico", icon);
  return app;
}
