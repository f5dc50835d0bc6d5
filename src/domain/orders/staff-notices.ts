import { sql, type CompiledQuery, type RawBuilder } from "kysely";
import type { Order, OrderItem, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { messagesFor } from "../../i18n/messages";
import { enqueue } from "../outbox/enqueue";
import { orderLineText } from "./line-text";
import type { Reply, ReplyButton } from "../../chat/types";

interface Recipient {
  channel: string;
  botId: string;
  chatId: string;
}

/**
 * Where a shop's staff notices go (CONTRACT.md): the staff group when one is set, otherwise
 * privately to every owner and staff member who has started the shop's bot.
 */
export async function staffRecipients(store: Store, shop: Shop): Promise<Recipient[]> {
  if (shop.staff_channel && shop.staff_bot_id && shop.staff_chat_id) {
    return [{ channel: shop.staff_channel, botId: shop.staff_bot_id, chatId: shop.staff_chat_id }];
  }
  const rows = await store.db
    .selectFrom("staff as s")
    .innerJoin("bots as b", (j) => j.onRef("b.shop_id", "=", "s.shop_id").onRef("b.channel", "=", "s.channel"))
    .select(["s.channel", "b.platform_id", "s.chat_id"])
    .where("s.shop_id", "=", shop.id)
    .where("s.role", "in", ["owner", "staff"])
    .where("s.chat_id", "is not", null)
    .execute();
  return rows.map((r) => ({ channel: r.channel, botId: r.platform_id, chatId: r.chat_id ?? "" }));
}

/** Sends one notice to the shop's staff, once per (what happened, recipient). */
export async function notifyStaff(store: Store, shop: Shop, reply: Reply, eventKey: string, now: Date): Promise<void> {
  for (const r of await staffRecipients(store, shop)) {
    await enqueue(store, { ...r, reply, dedupeKey: `${eventKey}:staff:${r.channel}:${r.chatId}` }, now);
  }
}

/**
 * The INSERTs that queue one notice to every staff recipient (the same keys as notifyStaff), each
 * only while `when` holds: to run in the batch that makes the change the notice is about.
 */
export async function staffNoticeQueries(store: Store, shop: Shop, reply: Reply, eventKey: string, now: Date, when: RawBuilder<unknown>): Promise<CompiledQuery[]> {
  const at = now.toISOString();
  return (await staffRecipients(store, shop)).map(
    (r) => sql`INSERT INTO outbox (channel, bot_id, chat_id, payload, dedupe_key, kind, status, next_attempt_at, created_at)
               SELECT ${r.channel}, ${r.botId}, ${r.chatId}, ${JSON.stringify(reply)}, ${`${eventKey}:staff:${r.channel}:${r.chatId}`}, 'message', 'pending', ${at}, ${at}
               WHERE ${when}
               ON CONFLICT DO NOTHING`.compile(store.db),
  );
}

/** The outbox key prefix of an order's "new order" notice: one per order and recipient. */
export const newOrderNoticeKey = (orderId: number) => `order:${orderId}:new`;

/** "New order": every line, the total, how it is paid and where it goes. */
export function newOrderNotice(shop: Shop, order: Order, items: readonly OrderItem[], buttons: ReplyButton[] = []): Reply {
  const t = messagesFor(shop.lang);
  const lines = items.map((i) => `• ${orderLineText(i, i.line_total)}`);
  const text = [
    t.staffNewOrder({ code: order.code, total: order.total, payment: t.paymentStatus[order.payment_status] }),
    ...lines,
    order.fulfilment === "delivery" ? t.summaryDeliverTo({ address: `${order.address ?? ""} (${order.zone_name ?? ""})` }) : t.summaryPickup,
    order.phone ? t.summaryPhone({ phone: order.phone }) : "",
    order.slot ? t.summarySlot({ slot: order.slot }) : "",
    order.note ? t.summaryNote({ note: order.note }) : "",
  ]
    .filter(Boolean)
    .join("\n");
  return { text, buttons };
}

/** Sends the "new order" notice (once per order and recipient, however often it is called). */
export async function notifyStaffOfNewOrder(store: Store, shop: Shop, order: Order, items: readonly OrderItem[], now: Date, buttons: ReplyButton[] = []): Promise<void> {
  await notifyStaff(store, shop, newOrderNotice(shop, order, items, buttons), newOrderNoticeKey(order.id), now);
}
