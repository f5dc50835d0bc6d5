import type { OrderStatus } from "../../../db/schema";
import { localTime } from "../../../platform/shop-time";

/** The board's columns, in the order an order moves through them. */
export const BOARD_COLUMNS: OrderStatus[] = ["pending_payment", "confirmed", "preparing", "out_for_delivery", "delivered", "cancelled"];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day a board or slips URL asks for (`?date=YYYY-MM-DD`), else today at the shop. */
export function boardDate(q: string | undefined, now: Date, timeZone: string): string {
  return q && DATE.test(q) ? q : localTime(now, timeZone).date;
}

/** A status from the URL when it is one of the board's columns, else undefined. */
export const boardColumn = (q: string | undefined): OrderStatus | undefined => BOARD_COLUMNS.find((s) => s === q);

/** An order's time at the shop, HH:MM. */
export function shopClock(at: string, timeZone: string): string {
  const minutes = localTime(new Date(at), timeZone).minutes;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
