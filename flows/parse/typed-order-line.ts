import type { PaymentMethod } from "../../src/db/schema";
import { fail, ok, type Result } from "../../src/result";
import { foldText } from "../../src/text/normalize";
import { findVietnamesePhone, parseVietnamesePhone } from "./phone";

// An order typed in by staff, one line: "0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than cod".
// The phone first (spaces, dots, +84 allowed), the items up to a dash ("—", "–" or " - "), then
// where it goes. Payment words ("cod", "tiền mặt", "chuyển khoản") and pick-up words ("tự lấy",
// "lấy tại quán") may stand anywhere after the items. The items themselves are read by the comment
// reader; this only splits the line.

/** The longest line worth reading: a phone, a few items and an address fit in far less. */
export const MAX_TYPED_LINE = 500;

export interface TypedOrderLine {
  /** "0912345678", or undefined when the line has none. */
  phone?: string;
  /** What the comment reader gets: the items as typed. */
  items: string;
  /** After the dash, payment and pick-up words taken out; undefined when nothing is left. */
  address?: string;
  /** "tự lấy", "lấy tại quán": the buyer comes for it. */
  pickup: boolean;
  /** Chosen by a word in the line; undefined: the shop's default. */
  payment?: PaymentMethod;
}

export type TypedOrderLineError = "empty" | "too_long" | "no_phone" | "no_items";

// Folded forms (no diacritics, lower case), longest first so "tien mat" wins over a shorter word.
const PAYMENT_WORDS: [string, PaymentMethod][] = [
  ["thanh toan khi nhan", "cod"],
  ["chuyen khoan", "vietqr"],
  ["tien mat", "cod"],
  ["vietqr", "vietqr"],
  ["cod", "cod"],
  ["ck", "vietqr"],
  ["qr", "vietqr"],
];
const PICKUP_WORDS = ["lay tai quan", "lay tai shop", "lay tai cho", "tu den lay", "den lay", "tu lay", "pickup"];

// The first dash that separates the items from the address: an em or en dash anywhere, or a hyphen
// with a space on each side (a hyphen inside "19-5" is part of an address).
const DASH = /\s*(?:[—–]|\s-\s)\s*/;

/** Splits a typed-in order line into phone, items and delivery details; never throws. */
export function splitTypedOrderLine(raw: string): Result<TypedOrderLine, TypedOrderLineError> {
  const text = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  if (text === "") return fail("empty");
  if (text.length > MAX_TYPED_LINE) return fail("too_long");
  const dash = DASH.exec(text);
  const head = dash ? text.slice(0, dash.index) : text;
  const tail = dash ? text.slice(dash.index + dash[0].length) : "";

  const lead = leadingPhone(head);
  const phone = lead?.phone ?? findVietnamesePhone(head) ?? undefined;
  if (!phone) return fail("no_phone");
  // Words of payment or pick-up typed right after the items, without a dash, count as well.
  const headWords = takeWords(lead ? lead.rest : head);
  const tailWords = takeWords(tail);
  const items = headWords.rest.trim();
  if (items === "" || !/\p{L}|\d/u.test(items)) return fail("no_items");
  const address = tailWords.rest.replace(/^[\s,.;:]+|[\s,.;:]+$/g, "");
  const payment = tailWords.payment ?? headWords.payment;
  return ok({
    phone,
    items,
    ...(address ? { address } : {}),
    pickup: headWords.pickup || tailWords.pickup,
    ...(payment ? { payment } : {}),
  });
}

/** The phone the line opens with and what follows it; undefined when it opens with something else. */
function leadingPhone(text: string): { phone: string; rest: string } | undefined {
  const run = /^[+(]*\d[\d\s.()-]*/.exec(text)?.[0] ?? "";
  // Digit groups are joined whole, shortest first: "0912 345 678 2 A1" is the phone, then "2 A1".
  const groups = [...run.matchAll(/\d+/g)];
  for (const g of groups) {
    const end = (g.index ?? 0) + g[0].length;
    const candidate = text.slice(0, end);
    const parsed = parseVietnamesePhone(candidate);
    if (parsed.ok && sameNumber(candidate, parsed.value)) return { phone: parsed.value, rest: text.slice(end).replace(/^[\s.,;:)-]+/, "") };
  }
  return undefined;
}

/** Whether every digit typed is the phone's (with or without the country code): no digit of an item is taken. */
function sameNumber(typed: string, phone: string): boolean {
  const digits = typed.replace(/\D/g, "");
  const national = phone.slice(1);
  return [phone, `84${national}`, `840${national}`, `0084${national}`].includes(digits);
}

/** Takes payment and pick-up words out of a part of the line (as whole words, folded). */
function takeWords(part: string): { rest: string; payment?: PaymentMethod; pickup: boolean } {
  const words = part.split(" ").filter(Boolean);
  const folded = words.map((w) => foldText(w).replace(/[^a-z0-9]/g, ""));
  const keep = words.map(() => true);
  let payment: PaymentMethod | undefined;
  let pickup = false;
  const take = (phrase: string): boolean => {
    const want = phrase.split(" ");
    for (let i = 0; i + want.length <= folded.length; i++) {
      if (want.every((w, k) => folded[i + k] === w && keep[i + k])) {
        for (let k = 0; k < want.length; k++) keep[i + k] = false;
        return true;
      }
    }
    return false;
  };
  for (const [phrase, method] of PAYMENT_WORDS) if (take(phrase)) payment ??= method;
  for (const phrase of PICKUP_WORDS) if (take(phrase)) pickup = true;
  const rest = words.filter((_, i) => keep[i]).join(" ");
  return { rest, ...(payment ? { payment } : {}), pickup };
}
