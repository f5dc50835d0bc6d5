import { sql } from "kysely";
import type { Buyer, Order, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { fail, type Result } from "../../result";
import { insertOrder, takeStock, type CreateOrderFailure, type NewOrder } from "./create-order";

// Unpaid holds (issue 18): an anonymous web chat visitor could hold a shop's whole stock, unpaid,
// and do it again from a new session. Holds are capped per buyer and, for anonymous visitors, per
// client address; anonymous transfer orders wait less long for their money.

/** How many unpaid holds a shop allows at once (0: no cap). */
export interface HoldCaps {
  perBuyer: number;
  perAddress: number;
}

export type HoldCapRefusal = { reason: "hold_cap"; scope: "buyer" | "address"; held: number };

/** The shop's caps. */
export function holdCapsOf(shop: Pick<Shop, "max_unpaid_holds_per_buyer" | "max_unpaid_holds_per_address">): HoldCaps {
  return { perBuyer: Math.max(0, shop.max_unpaid_holds_per_buyer), perAddress: Math.max(0, shop.max_unpaid_holds_per_address) };
}

// An order holding (or waiting for) stock with no money moved and nobody at the shop having taken it on.
const UNPAID_HOLD = sql`((status IN ('draft', 'pending_payment') AND payment_status = 'unpaid') OR (status = 'confirmed' AND payment_status = 'cod'))`;

const heldByBuyer = (shopId: number, buyerId: number) => sql<number>`(SELECT count(*) FROM orders WHERE shop_id = ${shopId} AND buyer_id = ${buyerId} AND ${UNPAID_HOLD})`;
const heldAtAddress = (shopId: number, address: string) => sql<number>`(SELECT count(*) FROM orders WHERE shop_id = ${shopId} AND client_address = ${address} AND ${UNPAID_HOLD})`;

/**
 * A known buyer: anyone on Telegram or Zalo (an account the platform vouches for), or a web chat
 * buyer who has paid for an order before. Everyone else is an anonymous web chat visitor.
 */
export async function isKnownBuyer(store: Store, buyer: Pick<Buyer, "id" | "channel">): Promise<boolean> {
  if (buyer.channel !== "webchat") return true;
  const paid = await store.db
    .selectFrom("orders")
    .select("id")
    .where("buyer_id", "=", buyer.id)
    .where((eb) => eb.or([eb("payment_status", "in", ["paid", "overpaid"]), eb("status", "=", "delivered")]))
    .limit(1)
    .executeTakeFirst();
  return paid !== undefined;
}

/** Minutes an unpaid transfer order keeps its stock: shorter for an anonymous visitor when the shop says so. */
export function paymentTimeoutMinutes(shop: Pick<Shop, "payment_timeout_minutes" | "anonymous_payment_timeout_minutes">, known: boolean): number {
  const anonymous = shop.anonymous_payment_timeout_minutes;
  return known || anonymous <= 0 ? shop.payment_timeout_minutes : Math.min(shop.payment_timeout_minutes, anonymous);
}

/** The address as the cap counts it: none when the edge could not tell (a test, an unknown peer). */
export function capAddress(address: string | undefined | null): string | null {
  const a = address?.trim().slice(0, 64) ?? "";
  return a === "" || a === "unknown" ? null : a;
}

/**
 * createOrder within the caps: the order row is written only while the buyer (and the order's
 * client address, when it has one) holds fewer unpaid orders than the shop allows, checked by the
 * INSERT itself, so a burst of requests at once cannot slip past it. Refused, nothing is written.
 * Idempotent by source key like createOrder: a retry of an order already written goes on.
 */
export async function createOrderWithinCaps(store: Store, input: NewOrder, caps: HoldCaps, now: Date): Promise<Result<Order, CreateOrderFailure | HoldCapRefusal>> {
  const address = capAddress(input.clientAddress);
  const guard = sql.join(
    [
      sql`1`,
      ...(caps.perBuyer > 0 ? [sql`${heldByBuyer(input.shopId, input.buyerId)} < ${caps.perBuyer}`] : []),
      ...(address && caps.perAddress > 0 ? [sql`${heldAtAddress(input.shopId, address)} < ${caps.perAddress}`] : []),
    ],
    sql` AND `,
  );
  await insertOrder(store, { ...input, clientAddress: address }, now, guard);
  const order = await store.db.selectFrom("orders").selectAll().where("source_key", "=", input.sourceKey).executeTakeFirst();
  if (order) return takeStock(store, order, input, now);
  const byBuyer = Number((await sql<{ n: number }>`SELECT ${heldByBuyer(input.shopId, input.buyerId)} AS n`.execute(store.db)).rows[0]?.n ?? 0);
  if (caps.perBuyer > 0 && byBuyer >= caps.perBuyer) return fail({ reason: "hold_cap" as const, scope: "buyer" as const, held: byBuyer });
  const atAddress = address ? Number((await sql<{ n: number }>`SELECT ${heldAtAddress(input.shopId, address)} AS n`.execute(store.db)).rows[0]?.n ?? 0) : 0;
  return fail({ reason: "hold_cap" as const, scope: "address" as const, held: atAddress });
}
