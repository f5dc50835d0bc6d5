import { formatVnd } from "../money";

/**
 * What an order line is shown from: an `order_items` row as it is (its `options` column is the
 * JSON array of the chosen option names) or a priced cart line (`{ ...line, options: line.optionNames }`).
 */
export interface OrderLineParts {
  code: string;
  name: string;
  /** The chosen option names, or `order_items.options` as stored (a JSON array of names). */
  options: string | readonly string[] | null | undefined;
  qty: number;
}

/** The chosen option names of a line: `order_items.options` parsed, or the list as given. Unreadable → none. */
export function lineOptions(options: OrderLineParts["options"]): string[] {
  if (options === null || options === undefined) return [];
  if (typeof options !== "string") return options.map(String);
  try {
    const v: unknown = JSON.parse(options);
    return Array.isArray(v) ? v.filter((x) => typeof x === "string" || typeof x === "number").map(String) : [];
  } catch {
    return [];
  }
}

/**
 * One order line as every person sees it — staff notices, the buyer's cart and orders, the
 * dashboard, the payment page, the day's summary: `A1 Cơm gà nướng (Lớn, Cay nhiều) × 2`,
 * and with a total `A1 Cơm gà nướng (Lớn, Cay nhiều) × 2 = 110.000 ₫`. Plain text: HTML pages
 * escape it as they insert it.
 */
export function orderLineText(line: OrderLineParts, total?: number): string {
  const options = lineOptions(line.options);
  const text = `${line.code} ${line.name}${options.length ? ` (${options.join(", ")})` : ""} × ${line.qty}`;
  return total === undefined ? text : `${text} = ${formatVnd(total)}`;
}
