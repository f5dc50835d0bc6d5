import type { Live, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";
import { preparedQuery } from "../../db/prepared";

export interface LiveItemRequest {
  code: string;
  cap?: number;
  perBuyer?: number;
}

/** The live taking comments in a chat now: open, or ended but still inside its capture window. */
// Every group comment asks: built once.
const liveInChat = preparedQuery((db, v: { channel: string; botId: string; chatId: string }) =>
  db.selectFrom("lives").selectAll().where("channel", "=", v.channel).where("bot_id", "=", v.botId).where("chat_id", "=", v.chatId).where("status", "in", ["open", "ended"]).orderBy("id", "desc").limit(1),
);

export async function activeLive(store: Store, channel: string, botId: string, chatId: string, now: Date): Promise<Live | undefined> {
  const [live] = await liveInChat.rows(store.db, { channel, botId, chatId });
  if (!live) return undefined;
  if (live.status === "ended" && live.capture_until && live.capture_until <= now.toISOString()) return undefined;
  return live;
}

/**
 * Opens a live in a group with the items for sale and their caps (`A1:50` → at most 50 through
 * this live; `A1:50:2` → at most 2 per buyer). A cap is never more than the real stock now; with
 * no items named, every item is open up to its stock.
 */
export async function startLive(
  store: Store,
  shop: Shop,
  where: { channel: string; botId: string; chatId: string },
  items: LiveItemRequest[],
  by: string,
  now: Date,
): Promise<Result<Live, { reason: "already_open" } | { reason: "unknown_code"; code: string }>> {
  if (await activeLive(store, where.channel, where.botId, where.chatId, now)) return fail({ reason: "already_open" as const });
  const products = await store.db.selectFrom("products").select(["id", "code", "stock", "sold_out"]).where("shop_id", "=", shop.id).execute();
  const chosen: LiveItemRequest[] = items.length ? items : products.map((p) => ({ code: p.code }));
  const rows = [];
  for (const item of chosen) {
    const product = products.find((p) => p.code === item.code.toUpperCase());
    if (!product) return fail({ reason: "unknown_code" as const, code: item.code });
    const stock = product.sold_out ? 0 : product.stock;
    rows.push({ product_id: product.id, code: product.code, cap: Math.min(item.cap ?? stock, stock), per_buyer_cap: item.perBuyer ?? 0 });
  }
  const live = await store.db
    .insertInto("lives")
    .values({ shop_id: shop.id, channel: where.channel, bot_id: where.botId, chat_id: where.chatId, started_by: by, started_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (rows.length) await store.db.insertInto("live_items").values(rows.map((r) => ({ ...r, live_id: live.id }))).execute();
  return ok(live);
}

/** /live end: stops the live; comments are still taken until the shop's capture window closes. */
export async function endLive(store: Store, shop: Shop, live: Live, now: Date): Promise<Live> {
  const until = new Date(now.getTime() + shop.live_capture_minutes * 60_000).toISOString();
  await store.db.updateTable("lives").set({ status: "ended", ended_at: now.toISOString(), capture_until: until, version: live.version + 1 }).where("id", "=", live.id).where("status", "=", "open").execute();
  return store.db.selectFrom("lives").selectAll().where("id", "=", live.id).executeTakeFirstOrThrow();
}

/** Marks that something the group summary shows has changed. */
export async function bumpLive(store: Store, liveId: number): Promise<void> {
  await store.db.updateTable("lives").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "=", liveId).execute();
}

/** Parses "/live start A1:50 A2:30:2" items; undefined when a part is not CODE[:cap[:perBuyer]]. */
export function parseLiveItems(args: readonly string[]): LiveItemRequest[] | undefined {
  const items: LiveItemRequest[] = [];
  for (const arg of args) {
    const m = /^([A-Za-z]{1,2}\d{1,3})(?::(\d{1,6}))?(?::(\d{1,4}))?$/.exec(arg);
    if (!m) return undefined;
    items.push({ code: (m[1] ?? "").toUpperCase(), ...(m[2] ? { cap: Number(m[2]) } : {}), ...(m[3] ? { perBuyer: Number(m[3]) } : {}) });
  }
  return items;
}
