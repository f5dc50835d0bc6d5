import type { ActivityGroup, Product } from "../../db/schema";
import type { Store } from "../../db/store";

/** Sets the units still on sale (and clears "sold out"); returns the product, or undefined for an unknown code. */
export async function setStock(store: Store, shopId: number, code: string, stock: number): Promise<Product | undefined> {
  await store.db.updateTable("products").set({ stock, sold_out: 0 }).where("shop_id", "=", shopId).where("code", "=", code.toUpperCase()).execute();
  return store.db.selectFrom("products").selectAll().where("shop_id", "=", shopId).where("code", "=", code.toUpperCase()).executeTakeFirst();
}

/** Marks an item sold out (or back on sale) without touching its stock count. */
export async function setSoldOut(store: Store, shopId: number, code: string, soldOut: boolean): Promise<Product | undefined> {
  await store.db.updateTable("products").set({ sold_out: soldOut ? 1 : 0 }).where("shop_id", "=", shopId).where("code", "=", code.toUpperCase()).execute();
  return store.db.selectFrom("products").selectAll().where("shop_id", "=", shopId).where("code", "=", code.toUpperCase()).executeTakeFirst();
}

/**
 * Sells an item first paid, first served (or no longer): unpaid orders then wait in line and the
 * stock goes to whoever pays first. Orders already placed keep what they hold or their place in line.
 */
export async function setFirstPaidFirstServed(store: Store, shopId: number, code: string, on: boolean): Promise<Product | undefined> {
  await store.db.updateTable("products").set({ first_paid_first_served: on ? 1 : 0 }).where("shop_id", "=", shopId).where("code", "=", code.toUpperCase()).execute();
  return store.db.selectFrom("products").selectAll().where("shop_id", "=", shopId).where("code", "=", code.toUpperCase()).executeTakeFirst();
}

export interface ProductPatch {
  stock?: number;
  price?: number;
  soldOut?: boolean;
  /** First paid, first served (see setFirstPaidFirstServed). */
  firstPaidFirstServed?: boolean;
  /** Nhóm ngành for the books (books/activity-groups.ts). */
  activityGroup?: ActivityGroup;
}

/**
 * Changes what the products API lets staff change, in one statement. Setting the stock puts the
 * item back on sale, as `/stock` does, unless the same patch says it is sold out.
 */
export async function patchProduct(store: Store, shopId: number, code: string, patch: ProductPatch): Promise<Product | undefined> {
  const soldOut = patch.soldOut ?? (patch.stock !== undefined ? false : undefined);
  const set = {
    ...(patch.stock !== undefined ? { stock: patch.stock } : {}),
    ...(patch.price !== undefined ? { price: patch.price } : {}),
    ...(soldOut !== undefined ? { sold_out: soldOut ? 1 : 0 } : {}),
    ...(patch.firstPaidFirstServed !== undefined ? { first_paid_first_served: patch.firstPaidFirstServed ? 1 : 0 } : {}),
    ...(patch.activityGroup !== undefined ? { activity_group: patch.activityGroup } : {}),
  };
  if (Object.keys(set).length) await store.db.updateTable("products").set(set).where("shop_id", "=", shopId).where("code", "=", code.toUpperCase()).execute();
  return store.db.selectFrom("products").selectAll().where("shop_id", "=", shopId).where("code", "=", code.toUpperCase()).executeTakeFirst();
}
