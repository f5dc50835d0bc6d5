import type { TimeSlot } from "../../db/schema";
import type { Store } from "../../db/store";
import { addDays, localTime, parseClockTime } from "../../platform/shop-time";

/** The shop's daily delivery/pickup windows. */
export async function listSlots(store: Store, shopId: number): Promise<TimeSlot[]> {
  return store.db.selectFrom("time_slots").selectAll().where("shop_id", "=", shopId).orderBy("sort").orderBy("start_time").execute();
}

/** A concrete window a buyer can pick: a slot on a date. */
export interface SlotChoice {
  /** stable id for buttons: "<date>_<slot id>" */
  key: string;
  date: string;
  day: "today" | "tomorrow";
  from: string;
  to: string;
}

/**
 * The windows still open: today's that start at least `leadMinutes` from now, then tomorrow's,
 * at most `limit` of them. A buyer late in the evening is offered tomorrow rather than nothing.
 */
export function upcomingSlots(slots: readonly TimeSlot[], now: Date, timeZone: string, leadMinutes: number, limit = 6): SlotChoice[] {
  const local = localTime(now, timeZone);
  const choices: SlotChoice[] = [];
  for (const s of slots) {
    const start = parseClockTime(s.start_time);
    if (start !== null && start - leadMinutes >= local.minutes) {
      choices.push({ key: `${local.date}_${s.id}`, date: local.date, day: "today", from: s.start_time, to: s.end_time });
    }
  }
  const tomorrow = addDays(local.date, 1);
  for (const s of slots) choices.push({ key: `${tomorrow}_${s.id}`, date: tomorrow, day: "tomorrow", from: s.start_time, to: s.end_time });
  return choices.slice(0, limit);
}
