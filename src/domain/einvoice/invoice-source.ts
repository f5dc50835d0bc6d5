// What an invoice is made from, read from the database: the order's lines, each product's unit,
// and the buyer's name as the buyers row has it.
import type { Order } from "../../db/schema";
import type { Store } from "../../db/store";
import { itemsOfOrders } from "../orders/queries";
import type { InvoiceOrder } from "./invoice-body";

/** The order's lines, units and buyer name (the invoice's own words are the caller's). */
export async function invoiceSource(store: Store, order: Order): Promise<Omit<InvoiceOrder, "words">> {
  const items = (await itemsOfOrders(store, [order.id])).get(order.id) ?? [];
  const productIds = [...new Set(items.map((i) => i.product_id))];
  const products = productIds.length ? await store.db.selectFrom("products").select(["code", "unit"]).where("id", "in", productIds).execute() : [];
  const buyer = await store.db.selectFrom("buyers").select("name").where("id", "=", order.buyer_id).executeTakeFirst();
  return {
    order,
    items,
    units: new Map(products.filter((p) => p.unit).map((p) => [p.code, p.unit])),
    buyerName: buyer?.name ?? "",
  };
}

/** Who the order's buyer messages go to, and in which language. */
export async function invoiceOrderOf(store: Store, orderId: number): Promise<Pick<Order, "id" | "code" | "lang" | "channel" | "bot_id" | "chat_id"> | undefined> {
  return store.db.selectFrom("orders").select(["id", "code", "lang", "channel", "bot_id", "chat_id"]).where("id", "=", orderId).executeTakeFirst();
}
