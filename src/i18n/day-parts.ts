/** [weekday 0–6 (Sunday 0), "dd", "mm"] of a moment in a time zone, for the catalogs' dates. */
export function dayParts(d: Date, timeZone: string): [number, string, string] {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "2-digit", month: "2-digit" }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  const w = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
  return [Math.max(0, w), get("day"), get("month")];
}
