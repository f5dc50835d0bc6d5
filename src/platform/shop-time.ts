/** Wall-clock facts about an instant in a shop's time zone (Vietnam has no DST, but shops may set TZ_SHOP). */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** minutes since local midnight */
  minutes: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Every comment of a live asks for the same minute: formatting it is the expensive part, and a
// zone's minute never changes its answer (zones move by whole minutes at least).
const recent = new Map<string, LocalTime>();
const RECENT_SIZE = 64;

/** The local date, minute of day and weekday of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const key = `${timeZone}|${Math.floor(at.getTime() / 60_000)}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const local: LocalTime = Object.freeze({
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? 1,
  });
  if (recent.size >= RECENT_SIZE) recent.delete(recent.keys().next().value as string);
  recent.set(key, local);
  return local;
}

/** True when `timeZone` is a zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** "10:30" → 630; anything else → null. */
export function parseClockTime(hhmm: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
