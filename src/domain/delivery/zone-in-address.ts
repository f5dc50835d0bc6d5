import type { DeliveryZone } from "../../db/schema";
import { foldText } from "../../text/normalize";

// The words an administrative name opens with ("Xã Mường Than", "Thị trấn Than Uyên", "P. 3"):
// an address names the place without them ("thôn 3 Mường Than"), so they are matched without.
const ADMIN_PREFIXES = ["thi tran", "thi xa", "thanh pho", "phuong", "xa", "tt", "tx", "tp", "p", "x"];

const wordsOf = (s: string) => foldText(s).match(/[a-z0-9]+/g) ?? [];

function core(name: string): string[] {
  const words = wordsOf(name);
  for (const prefix of ADMIN_PREFIXES) {
    const p = prefix.split(" ");
    if (words.length > p.length && p.every((w, i) => words[i] === w)) return words.slice(p.length);
  }
  return words;
}

const containsRun = (hay: readonly string[], run: readonly string[]) =>
  run.length > 0 && hay.some((_, i) => i + run.length <= hay.length && run.every((w, k) => hay[i + k] === w));

/**
 * The delivery zone an address names (folded, without diacritics, whole words): "thôn 3 Mường Than"
 * is in "Xã Mường Than". When several match, the longest name wins ("Than Uyên" over "Than").
 */
export function zoneInAddress<Z extends Pick<DeliveryZone, "name">>(zones: readonly Z[], address: string): Z | undefined {
  const hay = wordsOf(address);
  let best: { zone: Z; size: number } | undefined;
  for (const zone of zones) {
    const full = wordsOf(zone.name);
    const run = containsRun(hay, full) ? full : core(zone.name);
    if (!containsRun(hay, run)) continue;
    if (!best || run.length > best.size) best = { zone, size: run.length };
  }
  return best?.zone;
}
