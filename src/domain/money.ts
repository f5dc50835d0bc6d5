import { ok, fail, type Result } from "../result";
import { foldText } from "../text/normalize";

// Amounts are whole đồng (VND has no minor unit in practice). Formatting is hand-rolled, not Intl:
// ICU data differs between Node builds and Workers, and receipts must read the same everywhere.

export type VndParseError = "empty" | "invalid" | "too_large";

/** The largest price a seller may type: one billion đồng. */
export const MAX_VND = 1_000_000_000;

/** Formats whole đồng the Vietnamese way: 1250000 → "1.250.000 ₫". Throws RangeError on a non-safe-integer. */
export function formatVnd(amount: number): string {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`formatVnd needs a safe integer number of đồng, got ${String(amount)}`);
  }
  const grouped = String(Math.abs(amount)).replace(/\B(?=(\d{3})+$)/g, ".");
  // A no-break space: "130.000 ₫" never breaks across lines on a narrow phone.
  return `${amount < 0 ? "-" : ""}${grouped}\u00a0₫`;
}

// Spoken and typed multipliers. "củ" is slang for a million; "k" is by far the most common.
const UNIT_VALUE: Readonly<Record<string, number>> = {
  ty: 1_000_000_000,
  ti: 1_000_000_000,
  trieu: 1_000_000,
  tr: 1_000_000,
  cu: 1_000_000,
  nghin: 1_000,
  ngan: 1_000,
  k: 1_000,
};

// One "number [unit]" group; a unit must not run on into another word ("45kg" is not money).
const GROUP = /\s*(\d+(?:[.,]\d+)*)\s*(trieu|tr|ty|ti|cu|nghin|ngan|k)?(?![a-z])/y;
const CURRENCY_BEFORE = /^(?:₫|vnd|d)\s*/;
const CURRENCY_AFTER = /\s*(?:₫|vnd|dong|d)\.?$/;

/** Reads a price a seller typed ("45k", "45.000đ", "1,2tr", "1 triệu 200") as whole đồng. */
export function parseVndAmount(text: string): Result<number, VndParseError> {
  const folded = foldText(text);
  if (folded === "") return fail("empty");
  // No price is written in more than a few dozen characters; anything longer is not a price.
  if (folded.length > 64) return fail("invalid");
  let s = folded.replace(CURRENCY_BEFORE, "").replace(CURRENCY_AFTER, "").trim();
  if (s === "") return fail("invalid");
  // "1 250 000": spaces as thousands separators, only when nothing else is in the way.
  if (/^\d{1,3}(?: \d{3})+$/.test(s)) s = s.replace(/ /g, "");

  const groups: { num: string; unit: string | undefined }[] = [];
  GROUP.lastIndex = 0;
  while (GROUP.lastIndex < s.length) {
    const match = GROUP.exec(s);
    if (!match) return fail("invalid");
    groups.push({ num: match[1] ?? "", unit: match[2] });
  }
  const total = combineGroups(groups);
  if (total === null) return fail("invalid");
  if (!(total <= MAX_VND)) return fail("too_large");
  return ok(total);
}

// Adds "1 triệu" + "200" style groups: units must get smaller, a bare trailing number is the next
// unit down written as digits ("1tr2" = 1.200.000, "2k5" = 2.500), and a lone bare number is đồng.
function combineGroups(groups: readonly { num: string; unit: string | undefined }[]): number | null {
  const [first] = groups;
  if (!first) return null;
  if (groups.length === 1 && first.unit === undefined) return plainInteger(first.num);
  let total = 0;
  let previousUnit = Infinity;
  let previousWasWhole = true;
  for (const [index, group] of groups.entries()) {
    if (group.unit === undefined) {
      const isLast = index === groups.length - 1;
      if (!isLast || !previousWasWhole || !/^\d{1,3}$/.test(group.num) || previousUnit < 1_000) return null;
      total += Number(group.num) * 10 ** (3 - group.num.length) * (previousUnit / 1_000);
      continue;
    }
    const unit = UNIT_VALUE[group.unit];
    if (unit === undefined || unit >= previousUnit) return null;
    const value = scaled(group.num, unit);
    if (value === null) return null;
    previousWasWhole = !/[.,]/.test(group.num) || isGrouped(group.num);
    previousUnit = unit;
    total += value;
  }
  return total;
}

// Digits with optional dot or comma thousands separators, never a fraction: đồng are whole.
function plainInteger(num: string): number | null {
  if (/^\d+$/.test(num)) return Number(num);
  if (isGrouped(num)) return Number(num.replace(/[.,]/g, ""));
  return null;
}

// "1,2" or "1.25" before a unit is a decimal; three digits after the separator is a thousands group.
function scaled(num: string, unit: number): number | null {
  const whole = plainInteger(num);
  if (whole !== null) return whole * unit;
  const decimal = /^(\d+)[.,](\d{1,2})$/.exec(num);
  if (!decimal) return null;
  const [, intPart = "", fraction = ""] = decimal;
  return Number(intPart) * unit + (Number(fraction) * unit) / 10 ** fraction.length;
}

function isGrouped(num: string): boolean {
  return /^\d{1,3}(?:\.\d{3})+$/.test(num) || /^\d{1,3}(?:,\d{3})+$/.test(num);
}
