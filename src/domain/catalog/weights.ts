// Product weights for carriers (issue 23, migrations/0025): grams of one unit, and what an option
// adds to it (by the option's name, in any of the product's groups).
import type { CompiledQuery, RawBuilder } from "kysely";
import type { Store } from "../../db/store";

export interface ProductWeights {
  weightGrams: number;
  /** Option name → grams it adds (only the non-zero ones). */
  optionWeights: Record<string, number>;
}

/** A product's stored weights. */
export async function productWeights(store: Store, productId: number): Promise<ProductWeights> {
  const p = await store.db.selectFrom("products").select("weight_grams").where("id", "=", productId).executeTakeFirst();
  const options = await store.db
    .selectFrom("product_options")
    .innerJoin("product_option_groups", "product_option_groups.id", "product_options.group_id")
    .select(["product_options.name", "product_options.weight_delta"])
    .where("product_option_groups.product_id", "=", productId)
    .where("product_options.weight_delta", "!=", 0)
    .orderBy("product_option_groups.sort")
    .orderBy("product_options.sort")
    .execute();
  return { weightGrams: p?.weight_grams ?? 500, optionWeights: Object.fromEntries(options.map((o) => [o.name, o.weight_delta])) };
}

/** The statements that store a product's weights, for the product write's batch (after its options). */
export function weightQueries(store: Store, productId: number | RawBuilder<number>, w: ProductWeights): CompiledQuery[] {
  const names = Object.keys(w.optionWeights);
  return [
    store.db.updateTable("products").set({ weight_grams: w.weightGrams }).where("id", "=", productId).compile(),
    store.db.updateTable("product_options").set({ weight_delta: 0 }).where("group_id", "in", (eb) => eb.selectFrom("product_option_groups").select("id").where("product_id", "=", productId)).compile(),
    ...names.map((name) =>
      store.db
        .updateTable("product_options")
        .set({ weight_delta: w.optionWeights[name] ?? 0 })
        .where("group_id", "in", (eb) => eb.selectFrom("product_option_groups").select("id").where("product_id", "=", productId))
        .where("name", "=", name)
        .compile(),
    ),
  ];
}

/** "Lớn=200, Hộp to=300" → { Lớn: 200, "Hộp to": 300 }; undefined when a part is not name=grams. */
export function parseOptionWeights(text: string): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const raw of text.split(/[,\n]/)) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^(.{1,60}?)\s*[=:+]\s*\+?(\d{1,6})\s*g?$/i.exec(part);
    if (!m?.[1]) return undefined;
    out[m[1].trim()] = Number(m[2]);
  }
  return Object.keys(out).length > 40 ? undefined : out;
}

/** The other way: what the editor's field shows. */
export const optionWeightsText = (w: Record<string, number>) =>
  Object.entries(w)
    .map(([name, g]) => `${name}=${g}`)
    .join(", ");
