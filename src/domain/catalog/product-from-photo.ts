import type { Store } from "../../db/store";

/** A product as a staff photo's caption gives it ("A7 Mật ong hoa cà phê 250000 hộp"). */
export interface CaptionProduct {
  code: string;
  name: string;
  price: number;
  unit: string;
}

/** Adds the product (or updates the one with that code) with its photo; new items start with stock 0 until /stock. */
export async function upsertProductFromPhoto(store: Store, shopId: number, p: CaptionProduct, photoRef: string, now: Date): Promise<"added" | "updated"> {
  const existing = await store.db.selectFrom("products").select("id").where("shop_id", "=", shopId).where("code", "=", p.code).executeTakeFirst();
  if (existing) {
    await store.db.updateTable("products").set({ name: p.name, price: p.price, unit: p.unit, photo_url: photoRef }).where("id", "=", existing.id).execute();
    return "updated";
  }
  await store.db
    .insertInto("products")
    .values({ shop_id: shopId, code: p.code, name: p.name, price: p.price, unit: p.unit, photo_url: photoRef, stock: 0, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["shop_id", "code"]).doNothing())
    .execute();
  return "added";
}
