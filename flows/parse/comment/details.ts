import { squeeze } from "../quantity";
import { isItem } from "./reading-types";
import type { Token } from "./tokens";
import { DETAIL_STARTS, EMPTY_NOTE_WORDS, MARKED_DETAIL_STARTS } from "./words";

// What follows the items (an address, a time, a question) is no part of the order: it becomes the
// note for staff.

/** The index where details begin: the first address, time or label word after an item. */
export function detailStart(tokens: readonly Token[]): number {
  const first = tokens.findIndex(isItem);
  if (first < 0) return tokens.length;
  for (let i = first + 1; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (!t) break;
    // A time: "11h", "11h30", "11 giờ", "lúc 11".
    if (t.kind === "num" && next?.kind === "word" && ((next.glued && /^(h|g)$/.test(next.text)) || next.text === "gio" || /^h\d*$/.test(next.text))) return i;
    if (t.kind === "code" && t.code === null && /^(t[2-8]|h\d+)$/.test(t.key)) return i;
    if (t.kind !== "word") continue;
    const w = squeeze(t.text);
    if (!DETAIL_STARTS.has(w)) continue;
    const marked = MARKED_DETAIL_STARTS.get(w);
    if (marked && !marked.includes(t.raw.toLowerCase())) continue;
    // "số lượng" is a quantity, "ship mình A1" an order word before items; "qua lấy" a pick-up.
    if (w === "so" && next?.kind === "word" && next.text === "luong") continue;
    if (w === "qua" && !(next?.kind === "word" && /^(lay|nhan)$/.test(next.text))) continue;
    // "… ship A2 1": an order word for another item, not where details begin.
    if ((w === "ship" || w === "gui" || w === "giao") && tokens[i + 1]?.kind === "code" && tokens[i + 2]?.kind === "num") continue;
    return i;
  }
  return tokens.length;
}

const PHONE_LABEL = /(?:sđt|sdt|số đt|so dt|số điện thoại|so dien thoai|điện thoại|dien thoai|đt|dt|lh|liên hệ|lien he|zalo)\s*[:.]?/giu;

/** The note for staff: the details as typed, without the phone (kept on its own) and its label. */
export function noteOf(text: string, tail: readonly Token[]): string | undefined {
  const first = tail[0];
  if (!first) return undefined;
  // Only what staff need: an address or a time. A bare "giao được không shop" says neither.
  const says = tail.some((t) => t.kind === "num" || t.kind === "code" || (t.kind === "word" && !EMPTY_NOTE_WORDS.has(squeeze(t.text)) && !/^(?:sdt|dt|lh|so|dien|thoai|lien|he|zalo)$/.test(t.text)));
  if (!says) return undefined;
  const note = text
    .slice(first.start)
    // The phone is kept on its own, and its label with it.
    .replace(/(?:\+\s?84|0084|84|0)[ .-]?[35789]\d(?:[ .-]?\d){7}/g, "")
    .replace(PHONE_LABEL, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s,.;:+&/|-]+|[\s,;:+&/|-]+$/g, "")
    .trim();
  return note.length > 0 ? note.slice(0, 200) : undefined;
}
