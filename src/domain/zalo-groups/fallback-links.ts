// The fallback kit's two links, counted: a seller whose Zalo bot cannot be in groups posts them in
// the group. Both go through this server (GET /go/<shop>/zalo, /go/<shop>/chat, src/http/go-links.ts),
// which counts the tap and redirects: Zalo's private-chat link carries no payload, so the tap is the
// only thing we can see of it.
import { sql } from "kysely";
import type { Store } from "../../db/store";
import { localTime } from "../../platform/shop-time";
import type { OrderSource } from "../orders/order-source";
import { zaloGroupMode } from "./group-mode";

export type FallbackLink = "zalo" | "chat";
export const FALLBACK_LINKS: readonly FallbackLink[] = ["zalo", "chat"];

/** The kit's public URLs for a shop (publicUrl without a trailing slash; "" gives relative ones). */
export function fallbackUrls(publicUrl: string, slug: string) {
  const base = `${publicUrl.replace(/\/+$/, "")}/go/${encodeURIComponent(slug)}`;
  return { zalo: `${base}/zalo`, chat: `${base}/chat`, zaloQr: `${base}/zalo/qr.png` };
}


/** One tap on a fallback link, counted in this month's row. */
export async function countLinkTap(store: Store, shopId: number, link: FallbackLink, month: string, now: Date): Promise<void> {
  await store.db
    .insertInto("link_taps")
    .values({ shop_id: shopId, link, month, taps: 1, first_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["shop_id", "link", "month"]).doUpdateSet({ taps: sql`taps + 1` }))
    .execute();
}

/** The taps of each link in one month. */
export async function linkTapsOfMonth(store: Store, shopId: number, month: string): Promise<Record<FallbackLink, number>> {
  const rows = await store.db.selectFrom("link_taps").select(["link", "taps"]).where("shop_id", "=", shopId).where("month", "=", month).execute();
  const out: Record<FallbackLink, number> = { zalo: 0, chat: 0 };
  for (const r of rows) out[r.link] = r.taps;
  return out;
}

/** The instant a month starts in the shop's time zone (ISO, UTC), found from the zone's offset at `now`. */
function monthStartIso(now: Date, timeZone: string): string {
  const local = localTime(now, timeZone);
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  const offset = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000 - minute;
  return new Date(Date.parse(`${local.date.slice(0, 7)}-01T00:00:00Z`) - offset).toISOString();
}

/** Orders placed (not drafts) this month, by orders.source: what the card counts. */
export async function ordersBySourceThisMonth(store: Store, shopId: number, now: Date, timeZone: string): Promise<Partial<Record<OrderSource, number>>> {
  const rows = await store.db
    .selectFrom("orders")
    .select(["source", (eb) => eb.fn.countAll<number>().as("n")])
    .where("shop_id", "=", shopId)
    .where("status", "!=", "draft")
    .where("created_at", ">=", monthStartIso(now, timeZone))
    .where("source", "is not", null)
    .groupBy("source")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.source, Number(r.n)]));
}

/** Remembers that a web chat session was opened from the web chat link posted in a group. */
export async function markWebchatSessionFromLink(store: Store, shopId: number, session: string): Promise<void> {
  await store.db.updateTable("webchat_sessions").set({ source: "webchat_link" }).where("id", "=", session).where("shop_id", "=", shopId).execute();
}

/**
 * The source of an order placed in a private chat or the web chat (flows/order/checkout-steps.ts).
 *
 * - Web chat: 'webchat_link' when the session was opened from /go/<shop>/chat, else 'webchat'.
 * - Zalo: 'fallback_link' by an honest estimate, since a Zalo private chat carries no start
 *   payload and we cannot tie one tap to one buyer. An order is counted as coming from the posted
 *   link or QR when all of these hold: the bot has no group rights (stored can_join_groups is not
 *   true, so no group could have sent the buyer); the shop's Zalo link had been tapped at least once
 *   before this buyer first wrote to the bot (buyers.created_at); and the buyer has no group order
 *   on this bot (from before the flag changed). Anything else stays 'private'.
 * - Any other channel: 'private'.
 */
export async function privateOrderSource(store: Store, msg: { channel: string; botId: string; chat: { id: string } }, buyer: { id: number; created_at: string }, shopId: number): Promise<OrderSource> {
  if (msg.channel === "webchat") {
    const row = await store.db.selectFrom("webchat_sessions").select("source").where("id", "=", msg.chat.id).executeTakeFirst();
    return row?.source === "webchat_link" ? "webchat_link" : "webchat";
  }
  if (msg.channel !== "zalo") return "private";
  const bot = await store.db.selectFrom("bots").select("info").where("channel", "=", "zalo").where("platform_id", "=", msg.botId).executeTakeFirst();
  if (!bot || zaloGroupMode(bot.info) !== "no_groups") return "private";
  const firstTap = await store.db.selectFrom("link_taps").select((eb) => eb.fn.min<string>("first_at").as("at")).where("shop_id", "=", shopId).where("link", "=", "zalo").executeTakeFirst();
  if (!firstTap?.at || firstTap.at > buyer.created_at) return "private";
  const fromGroup = await store.db.selectFrom("orders").select("id").where("buyer_id", "=", buyer.id).where("bot_id", "=", msg.botId).where("source", "=", "group").limit(1).executeTakeFirst();
  return fromGroup ? "private" : "fallback_link";
}
