import { sql, type Insertable, type RawBuilder } from "kysely";
import type { Fulfilment, Order, OrdersTable } from "../../db/schema";
import type { Store } from "../../db/store";
import { localTime } from "../../platform/shop-time";
import { fail, ok, type Result } from "../../result";
import { queueForStock } from "../stock/first-paid";
import { releaseOrderStock, reserveStock } from "../stock/reservations";
import { newOrderCode, newSecretToken } from "./codes";
import { qtyByProduct, type PricedLine } from "./pricing";
import { preparedQuery } from "../../db/prepared";
import type { OrderSource } from "./order-source";

export interface NewOrder {
  shopId: number;
  timeZone: string;
  /** What caused it (a conversation step, a comment). The same key always yields the same order. */
  sourceKey: string;
  buyerId: number;
  channel: string;
  botId: string;
  chatId: string;
  lang: string;
  lines: PricedLine[];
  fulfilment: Fulfilment;
  zone: { id: number; name: string; fee: number } | null;
  address: string | null;
  phone: string | null;
  slot: string | null;
  note: string | null;
  /** A draft holds its stock until this time, then a job cancels it. */
  expiresAt: Date;
  /** Products sold first paid, first served: their lines wait in line for stock until the order is paid. */
  waitForPayment?: ReadonlySet<number>;
  /** Kept on the order for the per-address hold cap (anonymous web chat visitors only). */
  clientAddress?: string | null;
  /** A comment order's claim token (src/domain/orders/claims.ts), written with the order. */
  claimToken?: string;
  /** Where it came from; kept for the seller's counts. */
  source?: OrderSource;
  /** Delivered by a carrier beyond the shop's zones (issue 23); its `fee` (what the buyer pays) replaces a zone's. */
  ship?: OrderShip | null;
}

/** A carrier delivery as the order keeps it (migration 0024). */
export interface OrderShip {
  provinceCode: string;
  communeCode: string;
  hamlet: string | null;
  street: string | null;
  carrier: "ghn" | "ghtk";
  feePaidBy: "buyer" | "shop";
  /** Đồng, the carrier's quote (or the shop's flat fee when `fallback`). */
  quotedFee: number;
  fallback: boolean;
  /** ISO, when the carrier said. */
  expectedDelivery: string | null;
  /** Đồng the buyer pays for delivery: the quote, or 0 when the shop pays. */
  fee: number;
}

/** The order's ship_* columns for a carrier delivery (all NULL without one). */
export function shipColumns(ship: OrderShip | null | undefined) {
  return {
    ship_province_code: ship?.provinceCode ?? null,
    ship_commune_code: ship?.communeCode ?? null,
    ship_hamlet: ship?.hamlet ?? null,
    ship_street: ship?.street ?? null,
    ship_carrier: ship?.carrier ?? null,
    ship_fee_paid_by: ship?.feePaidBy ?? null,
    ship_quoted_fee: ship?.quotedFee ?? null,
    ship_quote_fallback: ship?.fallback ? 1 : 0,
    ship_expected_delivery: ship?.expectedDelivery ?? null,
  };
}

export type CreateOrderFailure = { reason: "out_of_stock"; productId: number; stockLeft: number };

const MAX_CODE_ATTEMPTS = 5;

/**
 * Writes the order and its lines, once per source key. With a `guard`, the order row is written only
 * while that condition holds, checked by the INSERT itself (a cap two requests cannot both slip under);
 * then nothing at all is written when it does not.
 */
export async function insertOrder(store: Store, input: NewOrder, now: Date, guard?: RawBuilder<unknown>): Promise<void> {
  const subtotal = input.lines.reduce((s, l) => s + l.lineTotal, 0);
  const ship = input.fulfilment === "delivery" ? (input.ship ?? null) : null;
  const fee = input.fulfilment === "delivery" ? (ship ? ship.fee : (input.zone?.fee ?? 0)) : 0;
  const at = now.toISOString();
  for (let attempt = 1; ; attempt++) {
    const code = newOrderCode();
    try {
      const row: Insertable<OrdersTable> = {
        shop_id: input.shopId,
        code,
        source_key: input.sourceKey,
        buyer_id: input.buyerId,
        channel: input.channel,
        bot_id: input.botId,
        chat_id: input.chatId,
        lang: input.lang,
        status: "draft",
        payment_status: "unpaid",
        fulfilment: input.fulfilment,
        zone_id: input.fulfilment === "delivery" ? (input.zone?.id ?? null) : null,
        // A carrier delivery names its carrier where a zone's name goes ("GHN"), for staff and the API.
        zone_name: input.fulfilment === "delivery" ? (input.zone?.name ?? (ship ? ship.carrier.toUpperCase() : null)) : null,
        address: input.address,
        phone: input.phone,
        slot: input.slot,
        note: input.note,
        subtotal,
        delivery_fee: fee,
        total: subtotal + fee,
        pay_token: newSecretToken(),
        service_date: localTime(now, input.timeZone).date,
        created_at: at,
        updated_at: at,
        expires_at: input.expiresAt.toISOString(),
        client_address: input.clientAddress ?? null,
        claim_token: input.claimToken ?? null,
        source: input.source ?? null,
        ...shipColumns(ship),
      };
      const columns = Object.keys(row) as (keyof typeof row)[];
      // INSERT … SELECT … WHERE: SQLite needs the WHERE to read ON CONFLICT as the upsert clause.
      const insert = sql`INSERT INTO orders (${sql.join(columns.map((c) => sql.ref(c)))})
          SELECT ${sql.join(columns.map((c) => sql`${row[c] ?? null}`))} WHERE ${guard ?? sql`1`}
          ON CONFLICT (source_key) DO NOTHING`.compile(store.db);
      // The order and its lines in one batch: a retry with the same source key adds nothing.
      await store.batch([
        insert,
        ...input.lines.map((l, i) =>
          sql`INSERT INTO order_items (order_id, line_no, product_id, code, name, options, qty, unit_price, line_total)
              SELECT id, ${i + 1}, ${l.productId}, ${l.code}, ${l.name}, ${JSON.stringify(l.optionNames)}, ${l.qty}, ${l.unitPrice}, ${l.lineTotal}
              FROM orders WHERE source_key = ${input.sourceKey}
              ON CONFLICT DO NOTHING`.compile(store.db),
        ),
      ]);
      return;
    } catch (e) {
      // A clash on the random order code (1 in ~10^9 per pair): draw another.
      if (attempt >= MAX_CODE_ATTEMPTS || !String(e).includes("orders.code")) throw e;
    }
  }
}

const orderBySourceKey = preparedQuery((db, v: { sourceKey: string }) => db.selectFrom("orders").selectAll().where("source_key", "=", v.sourceKey));

/**
 * Creates a draft order and reserves its stock. Idempotent by `sourceKey`. When an item is
 * short, whatever was already taken is given back and the order is cancelled ("out_of_stock"),
 * so a half-reserved order never lingers.
 */
export async function createOrder(store: Store, input: NewOrder, now: Date): Promise<Result<Order, CreateOrderFailure>> {
  await insertOrder(store, input, now);
  const [order] = await orderBySourceKey.rows(store.db, { sourceKey: input.sourceKey });
  if (!order) throw new Error(`createOrder: no order for ${input.sourceKey}`);
  return takeStock(store, order, input, now);
}

/**
 * Reserves the stock of an order just written (or finds it reserved: every step is idempotent).
 * A first-paid-first-served line only takes its place in line, while enough stock is on sale.
 */
export async function takeStock(store: Store, order: Order, input: NewOrder, now: Date): Promise<Result<Order, CreateOrderFailure>> {
  if (order.status === "cancelled") return failureFor(store, order);
  for (const [productId, qty] of qtyByProduct(input.lines)) {
    const taken = input.waitForPayment?.has(productId) ? await queueForStock(store, order.id, productId, qty, now) : await reserveStock(store, order.id, productId, qty, now);
    if (!taken) {
      await cancelForStock(store, order.id, productId, now);
      return failureFor(store, { ...order, cancel_reason: `out_of_stock:${productId}` });
    }
  }
  return ok(order);
}

async function cancelForStock(store: Store, orderId: number, productId: number, now: Date): Promise<void> {
  await store.db
    .updateTable("orders")
    // Nobody was given its claim link: the comment was told the item is gone.
    .set({ status: "cancelled", cancel_reason: `out_of_stock:${productId}`, claim_token: null, updated_at: now.toISOString() })
    .where("id", "=", orderId)
    .where("status", "=", "draft")
    .execute();
  await releaseOrderStock(store, orderId, now);
}

async function failureFor(store: Store, order: Pick<Order, "cancel_reason">): Promise<Result<Order, CreateOrderFailure>> {
  const productId = Number(order.cancel_reason?.split(":")[1] ?? 0);
  const product = await store.db.selectFrom("products").select("stock").where("id", "=", productId).executeTakeFirst();
  return fail({ reason: "out_of_stock" as const, productId, stockLeft: product?.stock ?? 0 });
}
