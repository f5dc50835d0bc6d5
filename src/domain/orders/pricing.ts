import { fail, ok, type Result } from "../../result";
import type { CatalogItem } from "../catalog/catalog";

/** A cart line as the conversation keeps it: what was chosen, not what it costs. */
export interface CartLine {
  productId: number;
  optionIds: number[];
  qty: number;
}

/** A cart line priced from the current catalog. */
export interface PricedLine {
  productId: number;
  code: string;
  name: string;
  unit: string;
  optionNames: string[];
  qty: number;
  unitPrice: number;
  lineTotal: number;
}

export type PricingFailure = "product_gone" | "option_gone";

/** Prices every line from the catalog as it is now (base price plus option deltas, integer đồng). */
export function priceCart(
  cart: readonly CartLine[],
  catalog: readonly CatalogItem[],
): Result<{ lines: PricedLine[]; subtotal: number }, PricingFailure> {
  const lines: PricedLine[] = [];
  for (const line of cart) {
    const item = catalog.find((p) => p.id === line.productId);
    if (!item) return fail("product_gone");
    const options = line.optionIds.map((id) => item.optionGroups.flatMap((g) => g.options).find((o) => o.id === id));
    if (options.some((o) => o === undefined)) return fail("option_gone");
    const chosen = options.filter((o) => o !== undefined);
    const unitPrice = item.price + chosen.reduce((sum, o) => sum + o.priceDelta, 0);
    lines.push({
      productId: item.id,
      code: item.code,
      name: item.name,
      unit: item.unit,
      optionNames: chosen.map((o) => o.name),
      qty: line.qty,
      unitPrice,
      lineTotal: unitPrice * line.qty,
    });
  }
  return ok({ lines, subtotal: lines.reduce((sum, l) => sum + l.lineTotal, 0) });
}

/** Quantity per product across lines (one product may appear with different options). */
export function qtyByProduct(lines: readonly { productId: number; qty: number }[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const l of lines) totals.set(l.productId, (totals.get(l.productId) ?? 0) + l.qty);
  return totals;
}
