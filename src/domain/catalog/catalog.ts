import type { ActivityGroup } from "../../db/schema";
import type { Store } from "../../db/store";
import { preparedQuery } from "../../db/prepared";

export interface CatalogOption {
  id: number;
  name: string;
  priceDelta: number;
}

export interface CatalogOptionGroup {
  id: number;
  name: string;
  options: CatalogOption[];
}

/** A product as the flows and APIs see it: typed labels, options grouped. */
export interface CatalogItem {
  id: number;
  code: string;
  name: string;
  price: number;
  unit: string;
  photoUrl: string | null;
  description: string;
  stock: number;
  category: string;
  labels: string[];
  availableDays: string;
  availableFrom: string | null;
  availableTo: string | null;
  soldOut: boolean;
  optionGroups: CatalogOptionGroup[];
  /** Words buyers use for it besides its name ("cơm gà"), for reading comments. */
  aliases: string[];
  /** A hot item sold first paid, first served: an unpaid order waits in line instead of holding it. */
  firstPaidFirstServed?: boolean;
  /** Its nhóm ngành (books/activity-groups.ts): which tax rates on revenue and which form row. */
  activityGroup: ActivityGroup;
}

/** A JSON array of strings stored in a column (labels, aliases); anything else is none. */
function parseLabels(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

const versionAndStock = preparedQuery((db, v: { shopId: number }) =>
  db.selectFrom("shops").leftJoin("products", "products.shop_id", "shops.id").select(["shops.catalog_version as version", "products.id as id", "products.stock as stock"]).where("shops.id", "=", v.shopId),
);

interface KeptCatalog {
  version: number;
  items: readonly CatalogItem[];
}

/**
 * The shop's whole catalog in menu order, options included, with every item's stock as it is now.
 * It is kept in the store's memo (every comment of a live reads it) behind the shop's catalog
 * version, which the database bumps on every catalog write: one small read checks it and brings
 * the stocks, which change with every order. The items are frozen: they are shared.
 */
export async function loadCatalog(store: Store, shopId: number): Promise<CatalogItem[]> {
  const now = await versionAndStock.rows(store.db, { shopId });
  const version = now[0]?.version;
  if (version === undefined) return [];
  const key = `catalog:${shopId}`;
  let kept = store.memo?.get(key) as KeptCatalog | undefined;
  if (kept?.version !== version) {
    // Read after the version: a write in between leaves a newer catalog under the older version, read again next time.
    kept = { version, items: (await readCatalog(store, shopId)).map(freezeItem) };
    store.memo?.set(key, kept);
  }
  const stock = new Map(now.map((r) => [r.id, r.stock]));
  return kept.items.map((item) => {
    const left = stock.get(item.id);
    return left === undefined || left === null || left === item.stock ? item : Object.freeze({ ...item, stock: left });
  });
}

function freezeItem(item: CatalogItem): CatalogItem {
  for (const group of item.optionGroups) {
    for (const option of group.options) Object.freeze(option);
    Object.freeze(group.options);
    Object.freeze(group);
  }
  Object.freeze(item.optionGroups);
  Object.freeze(item.labels);
  Object.freeze(item.aliases);
  return Object.freeze(item);
}

/** The catalog read whole (three queries, whatever its size). */
async function readCatalog(store: Store, shopId: number): Promise<CatalogItem[]> {
  const products = await store.db
    .selectFrom("products")
    .selectAll()
    .where("shop_id", "=", shopId)
    .orderBy("sort")
    .orderBy("code")
    .execute();
  if (products.length === 0) return [];
  const ids = products.map((p) => p.id);
  const groups = await store.db
    .selectFrom("product_option_groups")
    .selectAll()
    .where("product_id", "in", ids)
    .orderBy("sort")
    .orderBy("id")
    .execute();
  const options = groups.length
    ? await store.db
        .selectFrom("product_options")
        .selectAll()
        .where(
          "group_id",
          "in",
          groups.map((g) => g.id),
        )
        .orderBy("sort")
        .orderBy("id")
        .execute()
    : [];
  return products.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    price: p.price,
    unit: p.unit,
    photoUrl: p.photo_url,
    description: p.description,
    stock: p.stock,
    category: p.category,
    labels: parseLabels(p.labels),
    availableDays: p.available_days,
    availableFrom: p.available_from,
    availableTo: p.available_to,
    soldOut: p.sold_out === 1,
    aliases: parseLabels(p.aliases),
    firstPaidFirstServed: p.first_paid_first_served === 1,
    activityGroup: p.activity_group,
    optionGroups: groups
      .filter((g) => g.product_id === p.id)
      .map((g) => ({
        id: g.id,
        name: g.name,
        options: options.filter((o) => o.group_id === g.id).map((o) => ({ id: o.id, name: o.name, priceDelta: o.price_delta })),
      })),
  }));
}

/** The item with this code (case-insensitive), or undefined. */
export function findByCode(catalog: readonly CatalogItem[], code: string): CatalogItem | undefined {
  const wanted = code.trim().toUpperCase();
  return catalog.find((p) => p.code.toUpperCase() === wanted);
}
