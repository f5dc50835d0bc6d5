import type { Shop } from "../../src/db/schema";
import { availableItems } from "../../src/domain/catalog/availability";
import type { CatalogItem } from "../../src/domain/catalog/catalog";
import type { Messages } from "../../src/i18n/messages";

/** The menu as text (every item, grouped by category, unavailable ones marked) and the items orderable now. */
export function menuText(t: Messages, shop: Shop, catalog: readonly CatalogItem[], now: Date): { text: string; open: CatalogItem[] } | undefined {
  const open = availableItems(catalog, now, shop.time_zone);
  if (open.length === 0) return undefined;
  const openIds = new Set(open.map((p) => p.id));
  const lines: string[] = [t.menuHeader({ shop: shop.name })];
  let category: string | undefined;
  for (const item of catalog) {
    if (item.category !== category) {
      category = item.category;
      if (category) lines.push("", `— ${category} —`);
    }
    lines.push(openIds.has(item.id) ? t.menuItem({ code: item.code, name: item.name, price: item.price, unit: item.unit }) : t.menuItemUnavailable({ code: item.code, name: item.name }));
  }
  return { text: lines.join("\n"), open };
}
