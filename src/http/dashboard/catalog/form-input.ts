import type { CatalogItem, CatalogOptionGroup } from "../../../domain/catalog/catalog";
import { formatVnd } from "../../../domain/money";

/** A multipart form as Hono parses it with `{ all: true }`: a field sent twice is an array. */
export type FormBody = Record<string, string | File | (string | File)[]>;

/** A product code: "A1", upper case, at most 10 characters. */
export const CODE = /^[A-Z0-9][A-Z0-9_-]{0,9}$/;
/** The longest each field may be, in characters (the inputs' maxlength and the server's check). */
export const MAX = { name: 120, unit: 20, description: 1000, category: 60, labels: 700, label: 60, options: 4000, aliases: 600 };

/** What the product form holds, as typed: re-shown unchanged when something is wrong. */
export interface ProductForm {
  code: string;
  name: string;
  price: string;
  unit: string;
  stock: string;
  description: string;
  category: string;
  labels: string;
  aliases: string;
  days: string;
  from: string;
  to: string;
  soldOut: boolean;
  options: string;
  /** Grams of one unit, and what options add ("Lớn=200"): for carriers (issue 23). */
  weight: string;
  optionWeights: string;
  /** Nhóm ngành (books/activity-groups.ts) as posted: checked, never trusted. */
  activityGroup: string;
}

export const EMPTY_FORM: ProductForm = { code: "", name: "", price: "", unit: "phần", stock: "0", description: "", category: "", labels: "", aliases: "", days: "1234567", from: "", to: "", soldOut: false, options: "", weight: "500", optionWeights: "", activityGroup: "goods" };

// "45.000" rather than "45000": the way sellers write prices, and parseVndAmount reads it back.
const priceText = (price: number) => formatVnd(price).replace(/\s*₫$/, "");

/** Option groups as the textarea shows them: one group per line, "Cỡ: Vừa=0, Lớn=10000". */
function optionsText(groups: readonly CatalogOptionGroup[]): string {
  return groups.map((g) => `${g.name}: ${g.options.map((o) => `${o.name}=${o.priceDelta}`).join(", ")}`).join("\n");
}

/** A stored product as its edit form shows it. */
export function formOf(p: CatalogItem): ProductForm {
  return {
    code: p.code,
    name: p.name,
    price: priceText(p.price),
    unit: p.unit,
    stock: String(p.stock),
    description: p.description,
    category: p.category,
    labels: p.labels.join(", "),
    aliases: p.aliases.join(", "),
    days: p.availableDays,
    from: p.availableFrom ?? "",
    to: p.availableTo ?? "",
    soldOut: p.soldOut,
    options: optionsText(p.optionGroups),
    // Filled from the stored weights by the edit route (withWeights).
    weight: "500",
    optionWeights: "",
    activityGroup: p.activityGroup,
  };
}

/** A field's first value (a field sent twice counts once). */
export const first = (v: FormBody[string] | undefined): string | File | undefined => (Array.isArray(v) ? v[0] : v);
const text = (v: FormBody[string] | undefined): string => {
  const s = first(v);
  return typeof s === "string" ? s : "";
};

/** The form as posted: missing fields empty, line ends as "\n", the checked weekdays in order. */
export function formFromBody(body: FormBody): ProductForm {
  const days = ([] as (string | File)[]).concat(body.days ?? []).filter((d): d is string => typeof d === "string" && /^[1-7]$/.test(d));
  return {
    code: text(body.code),
    name: text(body.name),
    price: text(body.price),
    unit: text(body.unit),
    stock: text(body.stock),
    description: text(body.description).replace(/\r\n?/g, "\n"),
    category: text(body.category),
    labels: text(body.labels),
    aliases: text(body.aliases),
    days: [...new Set(days)].sort().join(""),
    from: text(body.from),
    to: text(body.to),
    soldOut: text(body.soldOut) === "1",
    options: text(body.options).replace(/\r\n?/g, "\n"),
    weight: text(body.weight),
    optionWeights: text(body.optionWeights),
    activityGroup: text(body.activityGroup),
  };
}
