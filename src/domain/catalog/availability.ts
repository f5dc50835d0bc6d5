import { localTime, parseClockTime } from "../../platform/shop-time";
import type { CatalogItem } from "./catalog";

export type Availability =
  | { ok: true }
  | { ok: false; reason: "sold_out" }
  | { ok: false; reason: "not_today" }
  | { ok: false; reason: "outside_hours"; from: string; to: string };

/** Whether an item can be ordered at `now` in the shop's time zone (sold out, weekday, daily hours). */
export function checkAvailability(item: CatalogItem, now: Date, timeZone: string): Availability {
  if (item.soldOut || item.stock <= 0) return { ok: false, reason: "sold_out" };
  const local = localTime(now, timeZone);
  if (!item.availableDays.includes(String(local.weekday))) return { ok: false, reason: "not_today" };
  const from = item.availableFrom ? parseClockTime(item.availableFrom) : null;
  const to = item.availableTo ? parseClockTime(item.availableTo) : null;
  if (from !== null && to !== null && (local.minutes < from || local.minutes >= to)) {
    return { ok: false, reason: "outside_hours", from: item.availableFrom ?? "", to: item.availableTo ?? "" };
  }
  return { ok: true };
}

/** The items a buyer can order right now, in menu order. */
export function availableItems(catalog: readonly CatalogItem[], now: Date, timeZone: string): CatalogItem[] {
  return catalog.filter((p) => checkAvailability(p, now, timeZone).ok);
}

/** Up to `limit` orderable items to suggest instead of `item`: same category first. */
export function alternativesFor(item: CatalogItem, catalog: readonly CatalogItem[], now: Date, timeZone: string, limit = 3): CatalogItem[] {
  const open = availableItems(catalog, now, timeZone).filter((p) => p.id !== item.id);
  const same = open.filter((p) => p.category === item.category);
  const others = open.filter((p) => p.category !== item.category);
  return [...same, ...others].slice(0, limit);
}
