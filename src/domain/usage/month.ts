import { localTime } from "../../platform/shop-time";

/** The calendar month ('YYYY-MM') of an instant in a shop's time zone: what a plan's monthly limits count in. */
export function usageMonth(at: Date, timeZone: string): string {
  return localTime(at, timeZone).date.slice(0, 7);
}

/** The local day ('YYYY-MM-DD') of an instant in a shop's time zone. */
export function usageDay(at: Date, timeZone: string): string {
  return localTime(at, timeZone).date;
}
