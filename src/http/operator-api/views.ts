import type { BankTransaction, Order, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { buyersById } from "../../domain/buyers/buyers-by-id";
import type { CatalogItem } from "../../domain/catalog/catalog";
import { orderView } from "../../domain/orders/order-view";
import { itemsOfOrders } from "../../domain/orders/queries";
import { orderVietQr } from "../../domain/payments/order-qr";

// The API's answers (CONTRACT.md): products, orders with their buyer and lines, bank transactions.

/** A catalog item in the shape of the products API (CONTRACT.md). */
export function productView(p: CatalogItem) {
  return {
    code: p.code,
    name: p.name,
    price: p.price,
    unit: p.unit,
    stock: p.stock,
    soldOut: p.soldOut || p.stock <= 0,
    firstPaidFirstServed: p.firstPaidFirstServed,
    activityGroup: p.activityGroup,
    options: p.optionGroups.map((g) => ({ name: g.name, choices: g.options.map((o) => ({ name: o.name, priceDelta: o.priceDelta })) })),
    category: p.category,
    labels: p.labels,
    description: p.description,
    photoUrl: p.photoUrl,
    availability: { days: p.availableDays, from: p.availableFrom, to: p.availableTo },
  };
}

/** Orders as the orders API shows them: each with its lines, its buyer and its VietQR payload. */
export async function ordersWithBuyers(store: Store, shop: Shop, orders: readonly Order[]) {
  const items = await itemsOfOrders(
    store,
    orders.map((o) => o.id),
  );
  const buyers = await buyersById(
    store,
    orders.map((o) => o.buyer_id),
  );
  return orders.map((o) => {
    const b = buyers.get(o.buyer_id);
    return orderView(o, items.get(o.id) ?? [], { channel: b?.channel ?? o.channel, userId: b?.user_id ?? "", name: b?.name ?? "" }, orderVietQr(shop, o));
  });
}

/** A bank transaction as the payments API shows it. */
export function transferView(t: BankTransaction, orderCode: string | null) {
  return {
    id: t.id,
    provider: t.provider,
    providerTxId: t.provider_tx_id,
    amount: t.amount,
    content: t.content,
    accountNumber: t.account_number,
    reference: t.reference,
    transactionAt: t.transaction_at,
    outcome: t.outcome,
    orderCode,
    paidTotalAfter: t.paid_total_after,
    recordedBy: t.recorded_by,
    createdAt: t.created_at,
  };
}

