import { sql, type CompiledQuery, type RawBuilder } from "kysely";
import type { Store } from "../../db/store";
import type { CatalogOptionGroup } from "./catalog";
import type { OptionGroupInput } from "./product-input";

/**
 * The statements that replace a product's options: old options, old groups, then the new ones.
 * Each new option finds its group by (product, position), so the whole replacement runs in the
 * product write's one batch with no ids read between. `productId` may be a subquery, for a
 * product inserted earlier in the same batch.
 */
export function replaceOptionsQueries(store: Store, productId: number | RawBuilder<number>, groups: readonly OptionGroupInput[]): CompiledQuery[] {
  const queries: CompiledQuery[] = [
    store.db
      .deleteFrom("product_options")
      .where("group_id", "in", (eb) => eb.selectFrom("product_option_groups").select("id").where("product_id", "=", productId))
      .compile(),
    store.db.deleteFrom("product_option_groups").where("product_id", "=", productId).compile(),
  ];
  groups.forEach((g, i) => {
    queries.push(store.db.insertInto("product_option_groups").values({ product_id: productId, name: g.name, sort: i }).compile());
    if (g.options.length) {
      const groupId = sql<number>`(SELECT id FROM product_option_groups WHERE product_id = ${productId} AND sort = ${i})`;
      queries.push(
        store.db
          .insertInto("product_options")
          .values(g.options.map((o, j) => ({ group_id: groupId, name: o.name, price_delta: o.delta, sort: j })))
          .compile(),
      );
    }
  });
  return queries;
}

/** Whether the typed options are the stored ones (names, prices and order): then they are left alone. */
export function sameOptions(current: readonly CatalogOptionGroup[], next: readonly OptionGroupInput[]): boolean {
  const a = current.map((g) => ({ name: g.name, options: g.options.map((o) => ({ name: o.name, delta: o.priceDelta })) }));
  return JSON.stringify(a) === JSON.stringify(next);
}
