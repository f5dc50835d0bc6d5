import type { ActivityGroup } from "../../db/schema";
import type { ProductWeights } from "./weights";

/** One option group of a product as the seller typed it: "Cỡ: Vừa=0, Lớn=10000". */
export interface OptionGroupInput {
  name: string;
  options: { name: string; delta: number }[];
}

/** A product checked by the editor, ready to store (create-product.ts, update-product.ts). */
export interface ProductInput {
  code: string;
  name: string;
  price: number;
  unit: string;
  stock: number;
  description: string;
  category: string;
  labels: string[];
  aliases: string[];
  /** The weekdays on sale, "1234567" (1 = Monday). */
  days: string;
  /** "HH:MM", or null for all day. */
  from: string | null;
  to: string | null;
  soldOut: boolean;
  groups: OptionGroupInput[];
  /** Nhóm ngành for the books and declarations (books/activity-groups.ts). */
  activityGroup: ActivityGroup;
  /** For carriers (issue 23): grams of one unit and what options add, by name; undefined keeps the stored ones. */
  weights?: ProductWeights;
}

/** A product's own columns (not its shop, photo, menu place or options) as the products table stores them. */
export function productColumns(p: ProductInput) {
  return {
    code: p.code,
    name: p.name,
    price: p.price,
    unit: p.unit,
    stock: p.stock,
    description: p.description,
    category: p.category,
    labels: JSON.stringify(p.labels),
    aliases: JSON.stringify(p.aliases),
    available_days: p.days,
    available_from: p.from,
    available_to: p.to,
    sold_out: p.soldOut ? 1 : 0,
    activity_group: p.activityGroup,
  };
}
