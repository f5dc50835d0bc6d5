// A deterministic month (or year) of the DEMO shop's orders, for the books, the declaration drafts and
// the alerts to be checked against (issue 24), and for a seller to see the books filled in
// (`npm run demo:orders`, scripts/demo-orders.ts). Every order is made the way the app makes it: createOrder,
// choosePaymentMethod, applyOrderAction (accept → ship → deliver, or cancel), recordTransfer as the
// SePay / Casso / payOS webhooks and the "Đã nhận tiền" button call it. What the app has no function for
// yet is written as its row: returns (order_returns), rows added by hand (book_entries), carrier
// shipments (a waybill with COD). A seeded PRNG (mulberry32) makes the same data every run.
//
// Besides the random orders it always makes the edges the books must get right:
// - an order delivered at 23:55 Vietnam time on the day before `from` (not in the period) and one at
//   00:05 on `from` (in it: still the day before in UTC);
// - one delivered at 23:30 on the period's last day and one at 00:10 the day after (out);
// - a return accepted in the period (refunded in cash), one refunded by bank, one not refunded;
// - a transfer that matches no order, one to another account, one paid after the order was cancelled;
// - an order delivered by a carrier with COD (its money is the carrier's until paid out);
// - rows by hand: opening cash and bank, a sale outside the app, an expense, a withdrawal, a deposit.
import type { ActivityGroup, Order, Product, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { setStock, patchProduct } from "../catalog/stock-admin";
import { upsertBuyer } from "../buyers/buyers";
import { createOrder, type NewOrder } from "../orders/create-order";
import { choosePaymentMethod, cancelOrder } from "../orders/lifecycle";
import { applyOrderAction, type Actor } from "../orders/transitions";
import { recordTransfer, type IncomingTransfer } from "../payments/record-transfer";
import { addDays } from "../../platform/shop-time";

export interface MonthOfOrdersOptions {
  /** First day (shop-local YYYY-MM-DD). Default 2026-11-01. */
  from?: string;
  /** How many days. Default 30 (all of November 2026). */
  days?: number;
  /** Orders a day on average (each day gets this ±40 %). Default 7: about 210 in a month. */
  ordersPerDay?: number;
  /** Multiplies every quantity: a bigger shop (a year above 1 tỷ, crossing it in the third quarter: from 2026-01-01, days 334, ordersPerDay 4, qtyScale 2). Default 1. */
  qtyScale?: number;
  /** PRNG seed. Default 24. */
  seed?: number;
  /** Products' activity groups to set first (by product code), e.g. to be sure of two groups. */
  groups?: Record<string, ActivityGroup>;
  /** The edge cases listed above (default true). */
  edges?: boolean;
}

/** A year (01/01–30/11/2026) whose revenue passes 1 tỷ in the third quarter: for the drafts, the tax and the alerts. */
export const YEAR_ABOVE_THRESHOLD: MonthOfOrdersOptions = { from: "2026-01-01", days: 334, ordersPerDay: 4, qtyScale: 2, edges: false };

export type Fate = "delivered" | "cancelled" | "open";
export type PaidBy = "sepay" | "casso" | "payos" | "manual" | "cod" | "carrier_cod" | "none";

export interface GeneratedOrder {
  id: number;
  code: string;
  fate: Fate;
  paidBy: PaidBy;
  /** UTC ISO instant of delivery, when delivered. */
  deliveredAt?: string;
}

export interface MonthOfOrders {
  shop: Shop;
  from: string;
  to: string;
  orders: GeneratedOrder[];
  /** The edge orders by name (each also in `orders`). */
  edge: Partial<Record<"beforeFrom" | "justInFrom" | "lastDay2330" | "afterTo" | "returnedCash" | "returnedBank" | "returnedNoRefund" | "returnTakenBack" | "lateTransfer" | "carrierCod", GeneratedOrder>>;
}

const OWNER: Actor = { id: 0, name: "Chủ shop", role: "owner" };
const SHIPPERS = [
  { staffId: null, name: "Anh Tòng", phone: "0987000111" },
  { staffId: null, name: "Chị Lò Thị Xuân", phone: "0987000222" },
];
const PROVIDERS = ["sepay", "casso", "payos"] as const;

/** mulberry32: a small, well-mixed 32-bit PRNG; the same seed gives the same stream everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shop-local wall time (Vietnam has no DST; the shop's zone is taken as UTC+7) → a Date. */
export function vnTime(date: string, hhmm: string): Date {
  return new Date(`${date}T${hhmm}:00+07:00`);
}

/** "YYYY-MM-DD HH:mm:ss" in Vietnam time, as the bank notifiers send `transactionDate`. */
function bankTime(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Seeds the demo shop (which must exist: makeTestApp or seedDemoShopIfEmpty) with a month of orders. */
export async function seedMonthOfOrders(store: Store, opts: MonthOfOrdersOptions = {}): Promise<MonthOfOrders> {
  const from = opts.from ?? "2026-11-01";
  const days = opts.days ?? 30;
  const to = addDays(from, days - 1);
  const perDay = opts.ordersPerDay ?? 7;
  const scale = opts.qtyScale ?? 1;
  const rnd = prng(opts.seed ?? 24);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

  const shop = await store.db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
  const setupAt = vnTime(addDays(from, -2), "08:00");
  for (const [code, group] of Object.entries(opts.groups ?? {})) await patchProduct(store, shop.id, code, { activityGroup: group });
  // Enough stock for the whole run: the books are about money, not about selling out.
  const products0 = await store.db.selectFrom("products").selectAll().where("shop_id", "=", shop.id).orderBy("sort").execute();
  for (const p of products0) await setStock(store, shop.id, p.code, 1_000_000);
  const products = await store.db.selectFrom("products").selectAll().where("shop_id", "=", shop.id).orderBy("sort").execute();
  const zones = await store.db.selectFrom("delivery_zones").selectAll().where("shop_id", "=", shop.id).orderBy("sort").execute();

  const result: MonthOfOrders = { shop, from, to, orders: [], edge: {} };
  let n = 0;
  let txSeq = 0;

  async function place(at: Date, o: { lines?: { product: Product; qty: number }[]; delivery?: boolean; method: "vietqr" | "cod" }): Promise<Order> {
    n++;
    const buyer = await upsertBuyer(store, "webchat", `month-buyer-${n % 60}`, `Khách ${n % 60}`, at);
    const lines =
      o.lines ??
      Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({ product: pick(products), qty: (1 + Math.floor(rnd() * 3)) * scale }));
    const delivery = o.delivery ?? rnd() < 0.6;
    const zone = delivery && zones.length ? pick(zones) : null;
    const input: NewOrder = {
      shopId: shop.id,
      timeZone: shop.time_zone,
      sourceKey: `month-of-orders:${opts.seed ?? 24}:${n}`,
      buyerId: buyer.id,
      channel: "webchat",
      botId: "demo",
      chatId: `month-chat-${n % 60}`,
      lang: "vi",
      lines: lines.map(({ product, qty }) => ({ productId: product.id, code: product.code, name: product.name, unit: product.unit, optionNames: [], qty, unitPrice: product.price, lineTotal: product.price * qty })),
      fulfilment: zone ? "delivery" : "pickup",
      zone: zone ? { id: zone.id, name: zone.name, fee: zone.fee } : null,
      address: zone ? `Bản ${n % 17}, ${zone.name}` : null,
      phone: "0912345678",
      slot: null,
      note: null,
      expiresAt: new Date(at.getTime() + 60 * 60_000),
    };
    const created = await createOrder(store, input, at);
    if (!created.ok) throw new Error(`month of orders: order ${n} not created (${created.reason.reason})`);
    const chosen = await choosePaymentMethod(store, shop, created.value.id, o.method, new Date(at.getTime() + 60_000));
    if (!chosen) throw new Error(`month of orders: order ${n} kept no payment method`);
    return chosen;
  }

  async function transfer(order: Pick<Order, "code">, provider: IncomingTransfer["provider"], amount: number, at: Date, extra: Partial<IncomingTransfer> = {}) {
    txSeq++;
    const t: IncomingTransfer = {
      provider,
      providerTxId: provider === "manual" ? `${order.code}:manual${txSeq}` : provider === "payos" ? `FT26${String(txSeq).padStart(8, "0")}:${260_000_000 + txSeq}` : String(90_000_000 + txSeq),
      amount,
      content: `${order.code} chuyen tien`,
      accountNumber: provider === "payos" || provider === "manual" ? null : shop.bank_account,
      reference: `FT26${String(txSeq).padStart(8, "0")}`,
      transactionAt: provider === "manual" ? null : bankTime(at),
      raw: { generated: true },
      ...(provider === "manual" ? { orderCode: order.code, recordedBy: OWNER.name } : {}),
      ...extra,
    };
    return recordTransfer(store, shop, t, at);
  }

  async function deliver(order: Order, at: Date): Promise<void> {
    const steps: Parameters<typeof applyOrderAction>[3][] = [{ kind: "accept" }];
    if (order.fulfilment === "delivery") steps.push({ kind: "ship", shipper: pick(SHIPPERS) });
    steps.push({ kind: "deliver" });
    for (const [i, step] of steps.entries()) {
      const when = step.kind === "deliver" ? at : new Date(at.getTime() - (steps.length - i) * 10 * 60_000);
      const r = await applyOrderAction(store, shop, order.code, step, OWNER, when);
      if (!r.ok) throw new Error(`month of orders: ${step.kind} ${order.code} refused (${JSON.stringify(r.reason)})`);
    }
  }

  /** One order from placing to its end: paid as `paidBy` says, then delivered at `deliverAt` (or left open / cancelled). */
  async function life(placedAt: Date, paidBy: PaidBy, fate: Fate, deliverAt: Date | null, o: { lines?: { product: Product; qty: number }[]; delivery?: boolean } = {}): Promise<GeneratedOrder> {
    const method = paidBy === "cod" || paidBy === "carrier_cod" ? "cod" : "vietqr";
    const order = await place(placedAt, { ...o, method, delivery: paidBy === "carrier_cod" ? true : o.delivery });
    const paidAt = new Date(placedAt.getTime() + (3 + Math.floor(rnd() * 25)) * 60_000);
    if (fate === "cancelled") {
      // Unpaid transfer orders time out; COD ones the seller rejects.
      if (method === "vietqr") await cancelOrder(store, order.id, "payment_timeout", new Date(placedAt.getTime() + 35 * 60_000), ["pending_payment"]);
      else await applyOrderAction(store, shop, order.code, { kind: "cancel", reason: "too_busy" }, OWNER, new Date(placedAt.getTime() + 5 * 60_000));
    } else if (paidBy === "sepay" || paidBy === "casso" || paidBy === "payos") {
      const r = rnd();
      if (r < 0.06) {
        // Paid in two transfers: a partial, then the rest.
        const first = Math.round((order.total * 0.6) / 1000) * 1000;
        await transfer(order, paidBy, first, paidAt);
        await transfer(order, pick(PROVIDERS), order.total - first, new Date(paidAt.getTime() + 40 * 60_000));
      } else if (r < 0.09) {
        await transfer(order, paidBy, order.total + 10_000, paidAt); // overpaid
      } else await transfer(order, paidBy, order.total, paidAt);
    } else if (paidBy === "manual") {
      await transfer(order, "manual", order.total, paidAt);
    }
    const generated: GeneratedOrder = { id: order.id, code: order.code, fate, paidBy };
    if (fate === "delivered" && deliverAt) {
      if (paidBy === "carrier_cod") await carrierShipment(order, placedAt);
      await deliver(order, deliverAt);
      generated.deliveredAt = deliverAt.toISOString();
    } else if (fate === "open") {
      await applyOrderAction(store, shop, order.code, { kind: "accept" }, OWNER, new Date(placedAt.getTime() + 30 * 60_000));
    }
    result.orders.push(generated);
    return generated;
  }

  // A GHN waybill with the unpaid total as COD, as createWaybill leaves it (tests of that live in test/carriers).
  async function carrierShipment(order: Order, at: Date) {
    await store.db
      .insertInto("shipments")
      .values({ order_id: order.id, shop_id: shop.id, carrier: "ghn", client_code: `${order.code}-1`, waybill: `GHN${order.id}X`, status: "delivered", carrier_status: "delivered", fee: 32_000, cod_amount: order.total, cod_collected: order.total, cod_paid_out: null, tracking_url: null, expected_delivery: null, created_at: at.toISOString(), updated_at: at.toISOString(), cancelled_at: null })
      .execute();
  }

  const randomPaidBy = (): PaidBy => {
    const r = rnd();
    if (r < 0.2) return "sepay";
    if (r < 0.35) return "casso";
    if (r < 0.47) return "payos";
    if (r < 0.53) return "manual";
    return "cod";
  };

  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    const count = Math.max(1, Math.round(perDay * (0.6 + rnd() * 0.8)));
    for (let i = 0; i < count; i++) {
      const placeMinute = 7 * 60 + Math.floor(rnd() * 13 * 60); // 07:00–19:59
      const placedAt = vnTime(date, hhmm(placeMinute));
      const f = rnd();
      const lastDays = d >= days - 2;
      const fate: Fate = f < 0.08 ? "cancelled" : lastDays && f < 0.2 ? "open" : "delivered";
      // Delivered within 30–270 minutes: evening orders land after midnight, on the next local day.
      const deliverAt = fate === "delivered" ? new Date(placedAt.getTime() + (30 + Math.floor(rnd() * 240)) * 60_000) : null;
      // Nothing is delivered after the last day of the run (it would belong to the next period).
      const cut = deliverAt && deliverAt.getTime() >= vnTime(addDays(to, 1), "00:00").getTime() ? vnTime(to, "23:00") : deliverAt;
      await life(placedAt, randomPaidBy(), fate, cut);
    }
  }

  if (opts.edges ?? true) {
    const goods = products.find((p) => p.code === "A5") ?? products[0]!;
    const meal = products.find((p) => p.code === "A1") ?? products[0]!;
    const one = (p: Product, qty = 1) => [{ product: p, qty }];
    result.edge.beforeFrom = await life(vnTime(addDays(from, -1), "21:00"), "cod", "delivered", vnTime(addDays(from, -1), "23:55"), { lines: one(meal, 2), delivery: true });
    result.edge.justInFrom = await life(vnTime(addDays(from, -1), "22:00"), "sepay", "delivered", vnTime(from, "00:05"), { lines: one(goods), delivery: true });
    result.edge.lastDay2330 = await life(vnTime(to, "21:00"), "cod", "delivered", vnTime(to, "23:30"), { lines: one(meal, 3), delivery: true });
    result.edge.afterTo = await life(vnTime(to, "22:00"), "casso", "delivered", vnTime(addDays(to, 1), "00:10"), { lines: one(goods, 2), delivery: true });
    result.edge.carrierCod = await life(vnTime(addDays(from, 3), "09:00"), "carrier_cod", "delivered", vnTime(addDays(from, 5), "15:00"), { lines: one(goods, 2) });

    // Returns: goods delivered early in the period come back later in it.
    const returned = async (paidBy: PaidBy, day: number, refund: "cash" | "bank" | null, amount: (total: number) => number, deletedAt: string | null = null) => {
      const g = await life(vnTime(addDays(from, day), "10:00"), paidBy, "delivered", vnTime(addDays(from, day), "14:00"), { lines: one(goods, 2), delivery: false });
      const total = (await store.db.selectFrom("orders").select("total").where("id", "=", g.id).executeTakeFirstOrThrow()).total;
      await store.db
        .insertInto("order_returns")
        .values({ shop_id: shop.id, order_id: g.id, accepted_date: addDays(from, day + 4), amount: amount(total), reason: "Hũ bị nứt", refund_account: refund, created_by: OWNER.name, created_at: vnTime(addDays(from, day + 4), "09:00").toISOString(), deleted_at: deletedAt })
        .execute();
      return g;
    };
    result.edge.returnedCash = await returned("cod", 2, "cash", (t) => t);
    result.edge.returnedBank = await returned("sepay", 6, "bank", (t) => Math.round(t / 2));
    result.edge.returnedNoRefund = await returned("payos", 9, null, (t) => Math.round(t / 4));
    // Recorded by mistake and taken back the same day: no book counts it.
    result.edge.returnTakenBack = await returned("cod", 12, "cash", (t) => t, vnTime(addDays(from, 16), "10:00").toISOString());

    // Money that is not a sale for sure: no code in the memo, another account, after cancellation.
    await transfer({ code: "" }, "sepay", 123_000, vnTime(addDays(from, 4), "12:00"), { content: "chuyen tien an trua" });
    await transfer({ code: "" }, "casso", 77_000, vnTime(addDays(from, 8), "12:00"), { content: "ung ho", accountNumber: "9999000011112222" });
    const late = await life(vnTime(addDays(from, 11), "09:00"), "none", "cancelled", null, { lines: one(goods) });
    const lateOrder = await store.db.selectFrom("orders").selectAll().where("id", "=", late.id).executeTakeFirstOrThrow();
    await transfer(lateOrder, "sepay", lateOrder.total, vnTime(addDays(from, 11), "11:00"));
    late.paidBy = "sepay";
    result.edge.lateTransfer = late;

    // Rows the seller adds by hand.
    const entry = async (date: string, kind: "sale" | "expense" | "withdrawal" | "deposit" | "opening", account: "cash" | "bank" | null, amount: number, description: string, group: ActivityGroup | null = null) =>
      store.db
        .insertInto("book_entries")
        .values({ shop_id: shop.id, entry_date: date, kind, account, activity_group: group, description, ref: kind === "sale" ? `PX${date.slice(8)}` : null, amount, created_by: OWNER.name, created_at: setupAt.toISOString(), deleted_at: null })
        .execute();
    await entry(addDays(from, -1), "opening", "cash", 2_000_000, "Tiền mặt đầu kỳ");
    await entry(addDays(from, -1), "opening", "bank", 15_000_000, "Số dư tài khoản đầu kỳ");
    await entry(addDays(from, 7), "sale", "cash", 1_350_000 * scale, "Bán tại chợ phiên Than Uyên", "goods");
    await entry(addDays(from, 12), "sale", null, 800_000 * scale, "Bán chịu cho quán bà Lan (chưa thu)", "food_service");
    await entry(addDays(from, 10), "expense", "cash", 640_000, "Mua than, ga");
    await entry(addDays(from, 15), "withdrawal", "bank", 5_000_000, "Rút tiền về quỹ");
    await entry(addDays(from, 15), "deposit", "cash", 5_000_000, "Nhận tiền rút từ tài khoản");
    await entry(addDays(from, 20), "expense", "bank", 1_200_000, "Chuyển tiền mua mật ong HTX");
    // A row the seller deleted: in no book.
    await entry(addDays(from, 21), "expense", "cash", 999_000, "Ghi nhầm");
    await store.db.updateTable("book_entries").set({ deleted_at: setupAt.toISOString() }).where("description", "=", "Ghi nhầm").where("shop_id", "=", shop.id).execute();
  }
  return result;
}

/** How many orders the demo shop has (none: `npm run demo:orders` may fill it); null when there is no demo shop. */
export async function demoShopOrderCount(store: Store): Promise<number | null> {
  const shop = await store.db.selectFrom("shops").select("id").where("slug", "=", "demo").executeTakeFirst();
  if (!shop) return null;
  const row = await store.db.selectFrom("orders").select((eb) => eb.fn.countAll<number>().as("n")).where("shop_id", "=", shop.id).executeTakeFirstOrThrow();
  return Number(row.n);
}
