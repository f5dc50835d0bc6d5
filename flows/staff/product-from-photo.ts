import { parseVndAmount } from "../../src/domain/money";
import type { Store } from "../../src/db/store";
import { fail, ok, type Result } from "../../src/result";

export interface CaptionProduct {
  code: string;
  name: string;
  price: number;
  unit: string;
}

/** "A7 Mật ong hoa cà phê 250000 hộp" → code A7, name, price 250.000 ₫, unit hộp (unit optional, "250k" fine). */
export function parseProductCaption(caption: string): Result<CaptionProduct, "no_code" | "no_name" | "no_price"> {
  const words = caption.trim().split(/\s+/).filter(Boolean);
  const code = words[0]?.toUpperCase() ?? "";
  if (!/^[A-Z]{1,2}\d{1,3}$/.test(code)) return fail("no_code");
  // The price is the last word that reads as money; what follows it is the unit.
  for (let i = words.length - 1; i >= 2; i--) {
    const price = parseVndAmount(words[i] ?? "");
    if (price.ok && price.value > 0) {
      const name = words.slice(1, i).join(" ");
      if (!name) return fail("no_name");
      const unit = words.slice(i + 1).join(" ").slice(0, 20) || "phần";
      return ok({ code, name: name.slice(0, 120), price: price.value, unit });
    }
  }
  return fail("no_price");
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
