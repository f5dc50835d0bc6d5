import type { Order, OrderStatus, PaymentStatus } from "../../db/schema";
import type { Store } from "../../db/store";

/** What the orders board shows of one day: already checked against the known statuses by the caller. */
export interface BoardFilter {
  shopId: number;
  /** The shop-local service day, YYYY-MM-DD. */
  date: string;
  /** A shipper sees only the orders given to them; everyone else, undefined: all. */
  shipperStaffId?: number | undefined;
  status?: OrderStatus | undefined;
  payment?: PaymentStatus | undefined;
  /** Part of an order code or of a phone number, as typed. */
  search?: string | undefined;
}

/**
 * A day's orders on the board, newest first, drafts never (the buyer has not ordered yet), at most
 * 500. The search matches the code, or the phone by its digits (a search with no digit matches no
 * phone rather than every phone).
 */
export async function boardOrders(store: Store, f: BoardFilter): Promise<Order[]> {
  let query = store.db.selectFrom("orders").selectAll().where("shop_id", "=", f.shopId).where("service_date", "=", f.date).where("status", "!=", "draft");
  if (f.shipperStaffId !== undefined) query = query.where("shipper_staff_id", "=", f.shipperStaffId);
  if (f.status) query = query.where("status", "=", f.status);
  if (f.payment) query = query.where("payment_status", "=", f.payment);
  if (f.search) {
    const s = f.search.trim().toUpperCase().slice(0, 20);
    query = query.where((eb) => eb.or([eb("code", "like", `%${s}%`), eb("phone", "like", `%${s.replace(/\D/g, "") || "-"}%`)]));
  }
  return query.orderBy("id", "desc").limit(500).execute();
}

/**
 * A fingerprint of a shop's orders (the latest change and how many there are, drafts excluded):
 * the board polls it and reloads only when it changes, which is cheaper than polling the board.
 */
export async function boardVersion(store: Store, shopId: number): Promise<string> {
  const row = await store.db
    .selectFrom("orders")
    .select((eb) => [eb.fn.max("updated_at").as("at"), eb.fn.countAll<number>().as("n")])
    .where("shop_id", "=", shopId)
    .where("status", "!=", "draft")
    .executeTakeFirst();
  return `${row?.at ?? ""}|${row?.n ?? 0}`;
}
