// The fallback kit's tracked links (issue 22). A Zalo private chat carries no start payload, so the
// links a seller posts in a group where the bot cannot read go through here: the tap is counted
// (per shop, link and month), then the phone is sent on.
//   GET /go/<shop>/zalo         → the shop's Zalo bot's private chat (bot.zaloplatforms.com/bots/<id>)
//   GET /go/<shop>/zalo/qr.png  → a QR code of the link above (not counted: it is the picture)
//   GET /go/<shop>/chat         → the shop's web chat, with a marker the next web chat message
//                                 stores on its session (orders from it get source 'webchat_link')
import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Store } from "../db/store";
import { qrPng } from "../domain/payments/qr-image";
import { findShopBySlug } from "../domain/shops/shops";
import { zaloPrivateChatUrl } from "../domain/zalo-groups/group-mode";
import { usageMonth } from "../domain/usage/month";
import { countLinkTap, fallbackUrls, type FallbackLink } from "../domain/zalo-groups/fallback-links";
import { zaloBotsOfShop } from "../domain/zalo-groups/zalo-bots";
import { jsonError } from "./errors";

const LINK_COOKIE = "cc_from_link";
// Link previews fetch a URL the moment it is posted in a chat: those are not taps.
const PREVIEW_AGENT = /bot|crawler|spider|preview|facebookexternalhit|embedly|slurp|whatsapp|zalo.?(link|crawl)/i;

const isPreview = (c: Context) => c.req.method === "HEAD" || PREVIEW_AGENT.test(c.req.header("user-agent") ?? "");

export function goLinkRoutes(deps: { store: Store; clock: { now(): Date }; publicUrl: string }): Hono {
  const app = new Hono();
  const tap = async (c: Context, shop: { id: number; time_zone: string }, link: FallbackLink) => {
    if (isPreview(c)) return;
    const now = deps.clock.now();
    await countLinkTap(deps.store, shop.id, link, usageMonth(now, shop.time_zone), now);
  };

  app.get("/:shop/zalo", async (c) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    const [bot] = await zaloBotsOfShop(deps.store, shop.id);
    // A shop without a Zalo bot still answers its posted link: with its web chat.
    if (!bot) return c.redirect(`/chat/${encodeURIComponent(shop.slug)}`, 302);
    await tap(c, shop, "zalo");
    c.header("Cache-Control", "no-store");
    return c.redirect(zaloPrivateChatUrl(bot.botId), 302);
  });

  app.get("/:shop/zalo/qr.png", async (c) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    const base = deps.publicUrl || new URL(c.req.url).origin;
    const png = await qrPng(fallbackUrls(base, shop.slug).zalo);
    const download = c.req.query("download") ? { "Content-Disposition": `attachment; filename="${shop.slug}-zalo-qr.png"` } : {};
    return c.body(new Uint8Array(png), 200, { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400", ...download });
  });

  app.get("/:shop/chat", async (c) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    await tap(c, shop, "chat");
    // Read by the web chat API's next message for this shop (cameFromGroupLink), for a day at most.
    setCookie(c, LINK_COOKIE, shop.slug, { path: `/api/webchat/${shop.slug}`, httpOnly: true, sameSite: "Lax", maxAge: 86_400, secure: new URL(c.req.url).protocol === "https:" });
    c.header("Cache-Control", "no-store");
    return c.redirect(`/chat/${encodeURIComponent(shop.slug)}`, 302);
  });

  return app;
}

/**
 * True when this web chat request follows a tap on the shop's /go/<shop>/chat link; the marker is
 * used once (removed with this answer), and the session it lands on remembers it.
 */
export function cameFromGroupLink(c: Context, slug: string): boolean {
  if (getCookie(c, LINK_COOKIE) !== slug) return false;
  deleteCookie(c, LINK_COOKIE, { path: `/api/webchat/${slug}` });
  return true;
}
