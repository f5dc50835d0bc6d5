import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OrderStatus, PaymentMethod, PaymentStatus, Shop } from "../../src/db/schema";
import type { SqliteHandle } from "../../src/db/sqlite";
import { createOrder, type NewOrder } from "../../src/domain/orders/create-order";
import { cancelOrder, choosePaymentMethod } from "../../src/domain/orders/lifecycle";
import { applyOrderAction, TRANSITIONS, type Actor, type OrderAction } from "../../src/domain/orders/transitions";
import { recordTransfer } from "../../src/domain/payments/record-transfer";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import { findShopBySlug } from "../../src/domain/shops/shops";
import { releaseOrderStock } from "../../src/domain/stock/reservations";
import { expireDrafts } from "../../src/jobs/expire-drafts";
import { migratedDb, MONDAY_1030 } from "../helpers/test-app";

// A model-based test of the order state machine, stock and payments over a real SQLite database:
// random sequences of buyer, staff, bank and job actions; after every one the database must agree
// with a simple model, and invariants computed from the database alone must hold.

const SEED = Number(process.env.PROPERTY_SEED ?? 20261123);
const RUNS = { numRuns: Number(process.env.PROPERTY_SEQUENCES ?? 80), seed: SEED } as const;

const ACTOR: Actor = { id: 0, name: "t", role: "owner" };
const SHIPPER = { staffId: null, name: "Anh Ship", phone: "0912345678" };
const DRAFT_HOLD_MINUTES = 30;

/** The statuses of CONTRACT.md, and the only moves outside TRANSITIONS: the buyer choosing, a payment, the expiry job. */
const STATUSES: readonly OrderStatus[] = ["draft", "pending_payment", "confirmed", "preparing", "out_for_delivery", "delivered", "cancelled"];
const LIFECYCLE_EDGES = new Set(["draft>pending_payment", "draft>confirmed", "pending_payment>confirmed", "draft>cancelled"]);
const TABLE_EDGES = new Set(Object.values(TRANSITIONS).flatMap((t) => t.from.map((from) => `${from}>${t.to}`)));

// ---- actions ------------------------------------------------------------------------------------

type StaffKind = OrderAction["kind"];
type PayAmount = "remaining" | "total" | "half" | "over" | { exact: number };
type Action =
  | { kind: "create"; lines: { product: number; qty: number }[] }
  | { kind: "retryCreate"; ref: number }
  | { kind: "choose"; ref: number; method: PaymentMethod }
  | { kind: "staff"; ref: number; action: StaffKind }
  | { kind: "cancel"; ref: number }
  | { kind: "pay"; ref: number; amount: PayAmount }
  | { kind: "redeliver"; ref: number }
  | { kind: "crashCancel"; ref: number; repairBy: "release" | "job" }
  | { kind: "expire"; minutes: number };

// Mostly the latest order, so that sequences go deep (draft → … → delivered) rather than wide.
const ref = fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 2, arbitrary: fc.nat(1_000) });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("create" as const),
      // Product indexes into the catalog; quantities sometimes above the stock (A4 has 3, A1 has 50).
      lines: fc.array(
        fc.record({
          product: fc.nat(20),
          qty: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 70 }) }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("retryCreate" as const), ref }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("choose" as const), ref, method: fc.constantFrom<PaymentMethod>("vietqr", "cod") }) },
  {
    weight: 8,
    // Cancelling ends an order's story, so it is drawn less often than the moves that take it further.
    arbitrary: fc.record({ kind: fc.constant("staff" as const), ref, action: fc.constantFrom<StaffKind>("accept", "ship", "deliver", "accept", "ship", "deliver", "cancel") }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), ref }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("pay" as const),
      ref,
      amount: fc.oneof(fc.constantFrom<PayAmount>("remaining", "total", "half", "over"), fc.integer({ min: 1, max: 2_000_000 }).map((exact) => ({ exact }))),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("redeliver" as const), ref }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("crashCancel" as const), ref, repairBy: fc.constantFrom("release" as const, "job" as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("expire" as const), minutes: fc.integer({ min: 0, max: 45 }) }) },
);

// ---- the model ----------------------------------------------------------------------------------

type ModelProduct = { id: number; code: string; price: number; initial: number; stock: number; soldOut: boolean };
type ModelOrder = {
  id: number;
  code: string;
  input: NewOrder;
  status: OrderStatus;
  method: PaymentMethod | null;
  paymentStatus: PaymentStatus;
  total: number;
  paid: number;
  held: Map<number, number>;
  expiresAt: number | null;
};
type ModelTx = { txId: string; orderRef: number; amount: number };

class World {
  products: ModelProduct[] = [];
  orders: ModelOrder[] = [];
  txs: ModelTx[] = [];
  now = MONDAY_1030.getTime();
  private seq = 0;

  constructor(
    readonly db: SqliteHandle,
    readonly shop: Shop,
    readonly buyerId: number,
  ) {}

  static async open(): Promise<World> {
    const db = await migratedDb();
    await seedDemoShopIfEmpty(db.store, MONDAY_1030, "Asia/Ho_Chi_Minh");
    const shop = await findShopBySlug(db.store, "demo");
    if (!shop) throw new Error("no demo shop");
    const buyer = await db.store.db
      .insertInto("buyers")
      .values({ channel: "webchat", user_id: "u1", created_at: "x", updated_at: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const world = new World(db, shop, buyer.id);
    const rows = await db.store.db.selectFrom("products").selectAll().where("shop_id", "=", shop.id).orderBy("id").execute();
    world.products = rows.map((p) => ({ id: p.id, code: p.code, price: p.price, initial: p.stock, stock: p.stock, soldOut: p.sold_out !== 0 }));
    return world;
  }

  order(refIndex: number): ModelOrder | undefined {
    if (refIndex < 0) return this.orders.at(-1);
    return this.orders.length === 0 ? undefined : this.orders[refIndex % this.orders.length];
  }

  nextId(prefix: string): string {
    return `${prefix}${++this.seq}`;
  }

  date(): Date {
    return new Date(this.now);
  }

  releaseModel(o: ModelOrder): void {
    for (const [productId, qty] of o.held) {
      const p = this.products.find((x) => x.id === productId);
      if (p) p.stock += qty;
    }
    o.held.clear();
  }
}

/** Applies one action to the database and to the model; returns whether the system refused it. */
async function step(w: World, a: Action): Promise<{ refused: boolean }> {
  w.now += 60_000;
  const store = w.db.store;
  switch (a.kind) {
    case "create": {
      const lines = a.lines.map((l) => {
        const p = w.products[l.product % w.products.length];
        if (!p) throw new Error("empty catalog");
        return { productId: p.id, code: p.code, name: p.code, unit: "phần", optionNames: [], qty: l.qty, unitPrice: p.price, lineTotal: p.price * l.qty };
      });
      const input: NewOrder = {
        shopId: w.shop.id,
        timeZone: "Asia/Ho_Chi_Minh",
        sourceKey: w.nextId("src-"),
        buyerId: w.buyerId,
        channel: "webchat",
        botId: "demo",
        chatId: "c",
        lang: "vi",
        lines,
        fulfilment: "pickup",
        zone: null,
        address: null,
        phone: "0912345678",
        slot: null,
        note: null,
        expiresAt: new Date(w.now + DRAFT_HOLD_MINUTES * 60_000),
      };
      const wanted = new Map<number, number>();
      for (const l of lines) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.qty);
      const short = [...wanted].find(([id, qty]) => {
        const p = w.products.find((x) => x.id === id);
        return !p || p.soldOut || p.stock < qty;
      });
      const result = await createOrder(store, input, w.date());
      const row = await store.db.selectFrom("orders").selectAll().where("source_key", "=", input.sourceKey).executeTakeFirstOrThrow();
      const total = lines.reduce((s, l) => s + l.lineTotal, 0);
      const model: ModelOrder = {
        id: row.id,
        code: row.code,
        input,
        status: short ? "cancelled" : "draft",
        method: null,
        paymentStatus: "unpaid",
        total,
        paid: 0,
        held: new Map(),
        expiresAt: short ? null : input.expiresAt.getTime(),
      };
      if (short) {
        // The first product (in the order of the lines) that is short is the one reported.
        expect(result).toEqual({ ok: false, reason: { reason: "out_of_stock", productId: short[0], stockLeft: w.products.find((p) => p.id === short[0])?.stock ?? 0 } });
        model.expiresAt = input.expiresAt.getTime(); // cancelForStock leaves expires_at as it was
      } else {
        expect(result.ok).toBe(true);
        for (const [id, qty] of wanted) {
          model.held.set(id, qty);
          const p = w.products.find((x) => x.id === id);
          if (p) p.stock -= qty;
        }
      }
      w.orders.push(model);
      return { refused: !result.ok };
    }
    case "retryCreate": {
      // The same request again (a redelivered message): the same order, nothing taken twice.
      const o = w.order(a.ref);
      if (!o) return { refused: true };
      const result = await createOrder(store, o.input, w.date());
      if (o.status === "cancelled") expect(result.ok).toBe(false);
      else expect(result.ok && result.value.id === o.id).toBe(true);
      return { refused: !result.ok };
    }
    case "choose": {
      const o = w.order(a.ref);
      if (!o) return { refused: true };
      // A draft may already hold money (a transfer before the choice): the choice must keep counting it.
      const after = await choosePaymentMethod(store, w.shop, o.id, a.method, w.date());
      if (o.status !== "draft") {
        expect(after).toBeUndefined();
        return { refused: true };
      }
      expect(after?.status).toBe(a.method === "cod" ? "confirmed" : "pending_payment");
      o.status = a.method === "cod" ? "confirmed" : "pending_payment";
      o.method = a.method;
      o.paymentStatus = derivedPaymentStatus(o);
      o.expiresAt = a.method === "cod" ? null : w.now + w.shop.payment_timeout_minutes * 60_000;
      return { refused: false };
    }
    case "staff": {
      const o = w.order(a.ref);
      if (!o) return { refused: true };
      const act: OrderAction =
        a.action === "ship" ? { kind: "ship", shipper: SHIPPER } : a.action === "cancel" ? { kind: "cancel", reason: "too_busy" } : { kind: a.action };
      const result = await applyOrderAction(store, w.shop, o.code, act, ACTOR, w.date());
      const rule = TRANSITIONS[a.action];
      if (!rule.from.includes(o.status)) {
        expect(!result.ok && result.reason.reason === "not_allowed" && result.reason.status).toBe(o.status);
        return { refused: true };
      }
      expect(result.ok && result.value.status).toBe(rule.to);
      o.status = rule.to;
      if (rule.to === "cancelled") {
        o.expiresAt = null;
        w.releaseModel(o);
      }
      return { refused: false };
    }
    case "cancel": {
      const o = w.order(a.ref);
      if (!o) return { refused: true };
      const done = await cancelOrder(store, o.id, "buyer_cancelled", w.date());
      const allowed = o.status === "draft" || o.status === "pending_payment" || o.status === "confirmed";
      expect(done).toBe(allowed);
      if (!allowed) return { refused: true };
      o.status = "cancelled";
      o.expiresAt = null;
      w.releaseModel(o);
      return { refused: false };
    }
    case "pay": {
      const o = w.order(a.ref);
      if (!o) return { refused: true };
      const amount =
        a.amount === "remaining"
          ? Math.max(1, o.total - o.paid)
          : a.amount === "total"
            ? o.total
            : a.amount === "half"
              ? Math.max(1, Math.floor(o.total / 2))
              : a.amount === "over"
                ? o.total + 1_000
                : a.amount.exact;
      const txId = w.nextId("tx-");
      w.txs.push({ txId, orderRef: w.orders.indexOf(o), amount });
      const result = await recordTransfer(store, w.shop, transfer(txId, o.code, amount), w.date());
      expect(result.duplicate).toBe(false);
      expect(result.order?.id).toBe(o.id);
      if (o.status === "cancelled") {
        expect(result.outcome).toBe("late");
        return { refused: false };
      }
      o.paid += amount;
      o.paymentStatus = o.paid === o.total ? "paid" : o.paid < o.total ? "partial" : "overpaid";
      expect(result.outcome).toBe(o.paymentStatus);
      o.method ??= "vietqr";
      if (o.paid >= o.total) {
        o.expiresAt = null;
        if (o.status === "draft" || o.status === "pending_payment") o.status = "confirmed";
      }
      return { refused: false };
    }
    case "redeliver": {
      // The bank notifier sends a transaction it already sent: the money counts once.
      const tx = a.ref < 0 ? w.txs.at(-1) : w.txs[a.ref % Math.max(1, w.txs.length)];
      if (!tx) return { refused: true };
      const o = w.orders[tx.orderRef];
      if (!o) throw new Error("transfer for an unknown order");
      const result = await recordTransfer(store, w.shop, transfer(tx.txId, o.code, tx.amount), w.date());
      expect(result.duplicate).toBe(true);
      return { refused: true };
    }
    case "crashCancel": {
      // The process dies between a cancel's status change and its release. The stock comes back once, whether
      // releaseOrderStock is run again (twice here) or the expiry job finds the stranded reservation.
      const o = w.order(a.ref);
      if (!o || !(o.status === "draft" || o.status === "pending_payment" || o.status === "confirmed")) return { refused: true };
      await store.db.updateTable("orders").set({ status: "cancelled", cancel_reason: "crash" }).where("id", "=", o.id).execute();
      o.status = "cancelled";
      if (a.repairBy === "release") {
        await releaseOrderStock(store, o.id, w.date());
        await releaseOrderStock(store, o.id, w.date());
        w.releaseModel(o);
      } else {
        w.releaseModel(o);
        await expire(w);
      }
      return { refused: false };
    }
    case "expire": {
      w.now += a.minutes * 60_000;
      return { refused: (await expire(w)) === 0 };
    }
  }
}

/** Runs the expiry job and the same on the model: drafts past their hold are cancelled and give their stock back. */
async function expire(w: World): Promise<number> {
  const result = await expireDrafts(w.db.store, w.date());
  let expired = 0;
  for (const o of w.orders) {
    if (o.status === "draft" && o.expiresAt !== null && o.expiresAt <= w.now) {
      o.status = "cancelled";
      o.expiresAt = null;
      w.releaseModel(o);
      expired++;
    }
  }
  expect(result).toEqual({ expired });
  return expired;
}

function transfer(txId: string, code: string, amount: number) {
  return { provider: "manual" as const, providerTxId: txId, amount, content: `chuyen tien ${code}`, orderCode: code, raw: { txId } };
}

/** What payment_status should say for an order, from its method and the money received. */
function derivedPaymentStatus(o: { method: PaymentMethod | null; paid: number; total: number }): PaymentStatus {
  if (o.paid === 0) return o.method === "cod" ? "cod" : "unpaid";
  return o.paid === o.total ? "paid" : o.paid < o.total ? "partial" : "overpaid";
}

// ---- checks -------------------------------------------------------------------------------------

/** Everything an action may change, to compare before and after a refused one. */
async function snapshot(w: World): Promise<string> {
  const db = w.db.store.db;
  const [orders, products, reservations, txs, outbox] = await Promise.all([
    db.selectFrom("orders").selectAll().orderBy("id").execute(),
    db.selectFrom("products").select(["id", "stock"]).orderBy("id").execute(),
    db.selectFrom("stock_reservations").selectAll().orderBy("id").execute(),
    db.selectFrom("bank_transactions").selectAll().orderBy("id").execute(),
    db.selectFrom("outbox").select(["dedupe_key"]).orderBy("id").execute(),
  ]);
  return JSON.stringify({ orders, products, reservations, txs, outbox });
}

async function checkInvariants(w: World, before: Map<number, OrderStatus>, label: string): Promise<Map<number, OrderStatus>> {
  const db = w.db.store.db;
  const products = await db.selectFrom("products").select(["id", "stock"]).where("shop_id", "=", w.shop.id).execute();
  const orders = await db.selectFrom("orders").selectAll().where("shop_id", "=", w.shop.id).execute();
  const holds = await db.selectFrom("stock_reservations").selectAll().where("status", "=", "held").execute();
  const txs = await db.selectFrom("bank_transactions").selectAll().where("shop_id", "=", w.shop.id).execute();
  const statusOf = new Map(orders.map((o) => [o.id, o.status]));

  for (const p of products) {
    const model = w.products.find((m) => m.id === p.id);
    // No stock is ever negative, and what is held by live orders plus what is left is what there was.
    expect(p.stock, `${label}: stock of product ${p.id}`).toBeGreaterThanOrEqual(0);
    const held = holds.filter((h) => h.product_id === p.id && statusOf.get(h.order_id) !== "cancelled").reduce((s, h) => s + h.qty, 0);
    expect(p.stock + held, `${label}: stock + held of product ${p.id}`).toBe(model?.initial);
    expect(p.stock, `${label}: model stock of product ${p.id}`).toBe(model?.stock);
  }
  // Cancelled orders hold nothing.
  expect(holds.filter((h) => statusOf.get(h.order_id) === "cancelled"), `${label}: holds of cancelled orders`).toEqual([]);

  for (const o of orders) {
    expect(STATUSES, label).toContain(o.status);
    const previous = before.get(o.id);
    if (previous !== undefined && previous !== o.status) {
      const edge = `${previous}>${o.status}`;
      expect(TABLE_EDGES.has(edge) || LIFECYCLE_EDGES.has(edge), `${label}: order ${o.id} moved ${edge}`).toBe(true);
    }
    // paid_amount is the sum of the transfers counted for it (a transfer after cancellation is "late", not counted).
    const counted = txs.filter((t) => t.order_id === o.id && t.outcome !== "late").reduce((s, t) => s + t.amount, 0);
    expect(o.paid_amount, `${label}: paid_amount of order ${o.id}`).toBe(counted);
    expect(txs.filter((t) => t.order_id === o.id && t.outcome === "pending"), label).toEqual([]);
    // payment_status follows paid_amount vs total ("paid" iff equal, "partial" iff less and > 0, "overpaid" iff more).
    expect(o.payment_status, `${label}: payment_status of order ${o.id} (paid ${o.paid_amount} of ${o.total})`).toBe(
      derivedPaymentStatus({ method: o.payment_method, paid: o.paid_amount, total: o.total }),
    );

    const m = w.orders.find((x) => x.id === o.id);
    expect(m, `${label}: order ${o.id} unknown to the model`).toBeDefined();
    if (!m) continue;
    expect(
      { status: o.status, method: o.payment_method, paymentStatus: o.payment_status, paid: o.paid_amount, total: o.total, expiresAt: o.expires_at },
      `${label}: order ${o.id}`,
    ).toEqual({ status: m.status, method: m.method, paymentStatus: m.paymentStatus, paid: m.paid, total: m.total, expiresAt: m.expiresAt === null ? null : new Date(m.expiresAt).toISOString() });
    const heldByOrder = Object.fromEntries(holds.filter((h) => h.order_id === o.id).map((h) => [h.product_id, h.qty]));
    expect(heldByOrder, `${label}: holds of order ${o.id}`).toEqual(Object.fromEntries(m.held));
  }
  expect(orders.length, label).toBe(w.orders.length);
  return statusOf;
}

/** What the sequences reached, so a generator that stopped exploring (e.g. never delivers) is noticed. */
const reached = new Set<string>();

async function noteCoverage(w: World): Promise<void> {
  const db = w.db.store.db;
  for (const o of await db.selectFrom("orders").select(["status", "payment_status", "cancel_reason"]).execute()) {
    reached.add(`status:${o.status}`);
    reached.add(`payment:${o.payment_status}`);
    if (o.cancel_reason) reached.add(`cancel:${o.cancel_reason.split(":")[0]}`);
  }
  for (const t of await db.selectFrom("bank_transactions").select("outcome").execute()) reached.add(`transfer:${t.outcome}`);
}

describe("orders, stock and payments against a model", () => {
  it("keeps stock, statuses and payments consistent over random action sequences", async () => {
    reached.clear();
    // Every sequence opens with an order of one unit of the first product, so the rest has something to act on.
    const opening: Action = { kind: "create", lines: [{ product: 0, qty: 1 }] };
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 24, size: "max" }).map((rest) => [opening, ...rest]), async (actions) => {
        const w = await World.open();
        try {
          let statuses = await checkInvariants(w, new Map(), "start");
          for (const [i, a] of actions.entries()) {
            const label = `#${i} ${JSON.stringify(a)}`;
            const before = await snapshot(w);
            const { refused } = await step(w, a);
            // A refused staff action, choice or cancel changes nothing at all (not even a queued message).
            if (refused && (a.kind === "staff" || a.kind === "choose" || a.kind === "cancel" || a.kind === "retryCreate" || a.kind === "redeliver")) {
              expect(await snapshot(w), `${label} was refused but changed something`).toBe(before);
            }
            statuses = await checkInvariants(w, statuses, label);
            await noteCoverage(w);
          }
        } finally {
          await w.db.close();
        }
      }),
      RUNS,
    );
    for (const s of STATUSES) expect(reached, `no sequence reached status ${s}`).toContain(`status:${s}`);
    for (const p of ["unpaid", "partial", "paid", "overpaid", "cod"]) expect(reached, `no sequence reached payment ${p}`).toContain(`payment:${p}`);
    for (const c of ["out_of_stock", "expired", "too_busy", "buyer_cancelled"]) expect(reached, `no order was cancelled as ${c}`).toContain(`cancel:${c}`);
    expect(reached).toContain("transfer:late");
  });
});
