// GHTK's times: ISO with +07:00 in webhooks, "YYYY-MM-DD HH:mm:ss" (Vietnam time) in order reads,
// "Sáng 2024-11-26" / "Chiều 2024-11-27" as an estimate on create.

/** A GHTK time as a Date, or null when it is missing or unreadable. */
export function ghtkTime(v: unknown): Date | null {
  if (typeof v !== "string") return null;
  let s = v.trim();
  if (!s) return null;
  // A form body written with a raw "+07:00" (as the docs' sample is) decodes to " 07:00".
  s = s.replace(/^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, "$1+$2");
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", sec = "00", zone] = m;
  const tz = zone ? (zone === "Z" ? "Z" : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")) : "+07:00";
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${tz}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * GHTK's delivery estimate ("Chiều 2024-11-27"): the end of that part of the day in Vietnam
 * (morning 12:00, afternoon 18:00, evening 21:00; a bare date 23:59:59), or null.
 */
export function ghtkEstimate(v: unknown): Date | null {
  if (typeof v !== "string") return null;
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return null;
  const word = v.normalize("NFC").toLowerCase();
  const at = word.includes("sáng") ? "12:00:00" : word.includes("chiều") ? "18:00:00" : word.includes("tối") ? "21:00:00" : "23:59:59";
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${at}+07:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
