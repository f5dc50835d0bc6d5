import type { Store } from "../../db/store";

/** A product's code ("A1") by id, for a message about it; the product must exist. */
export async function productCodeOf(store: Store, productId: number): Promise<string> {
  const product = await store.db.selectFrom("products").select("code").where("id", "=", productId).executeTakeFirstOrThrow();
  return product.code;
}
