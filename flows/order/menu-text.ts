import type { Shop } from "../../src/db/schema";
import { availableItems } from "../../src/domain/catalog/availability";
import type { CatalogItem } from "../../src/domain/catalog/catalog";
import type { Messages } from "../../src/i18n/messages";

/**
 * The catalog with each category's items together, categories in the order they first appear.
 * The catalog comes in `sort` order, and a product added later (sort = last) or from a photo
 * (sort = 0) lands away from its category's other items: printed as it comes, "— Đặc sản —"
 * would head two blocks. Items without a category come first, where no heading claims them.
 */
export function groupByCategory(catalog: readonly CatalogItem[]): CatalogItem[] {
  const groups = new Map<string, CatalogItem[]>([["", []]]);
  for (const item of catalog) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  return [...groups.values()].flat();
}

/** The menu as text (every item, grouped by category, unavailable ones marked) and the items orderable now, in the same order. */
export function menuText(t: Messages, shop: Shop, catalog: readonly CatalogItem[], now: Date): { text: string; open: CatalogItem[] } | undefined {
  const grouped = groupByCategory(catalog);
  const open = availableItems(grouped, now, shop.time_zone);
  if (open.length === 0) return undefined;
  const openIds = new Set(open.map((p) => p.id));
  const lines: string[] = [t.menuHeader({ shop: shop.name })];
  let category: string | undefined;
  for (const item of grouped) {
    if (item.category !== category) {
      category = item.category;
      if (category) lines.push("", `— ${category} —`);
    }
    lines.push(openIds.has(item.id) ? t.menuItem({ code: item.code, name: item.name, price: item.price, unit: item.unit }) : t.menuItemUnavailable({ code: item.code, name: item.name }));
  }
  return { text: lines.join("\n"), open };
}
