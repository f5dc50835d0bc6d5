import { ok, fail, type Result } from "../../src/result";

// Vietnamese numbers since the 2018 renumbering: mobiles are 10 digits 03/05/07/08/09,
// landlines 11 digits starting 02 (area code 2xx + 8 digits).
const MOBILE = /^0[35789]\d{8}$/;
const LANDLINE = /^02\d{9}$/;
// A run of digits with the separators people put inside phone numbers, optionally opened by "+" or "(".
const RUN = /[+(]*\d[\d\s.()-]*/g;
// The longest digit string worth trying: "0084" + 9 digits, plus a stray "0" people add after +84.
const MAX_DIGITS = 14;

export type PhoneError = "empty" | "invalid" | "not_mobile";

/** Reads a Vietnamese mobile number typed in any common way ("+84 912 345 678", "sđt 0912.345.678 nha") as "0912345678". */
export function parseVietnamesePhone(text: string): Result<string, PhoneError> {
  if (text.trim() === "") return fail("empty");
  const found = scan(text, false);
  if (found.mobile) return ok(found.mobile);
  return fail(found.landline ? "not_mobile" : "invalid");
}

/** Finds the first Vietnamese mobile number anywhere in a longer message, as "0912345678", or null. */
export function findVietnamesePhone(text: string): string | null {
  return scan(text, true).mobile ?? null;
}

// Tries every run of digit groups; groups are only ever joined whole, so "09123456789" (11 digits)
// is not mistaken for a mobile followed by a 9, while "0912 345 678" and "2 0912345678" are found.
function scan(text: string, stopAtFirst: boolean): { mobile?: string; landline?: boolean } {
  // NFKC turns full-width digits and spaces into ASCII ones.
  const normalized = text.normalize("NFKC");
  let landline = false;
  for (const match of normalized.matchAll(RUN)) {
    const run = match[0];
    const groups = run.match(/\d+/g) ?? [];
    const plus = run.trimStart().startsWith("+") || run.trimStart().startsWith("(+");
    for (let start = 0; start < groups.length; start++) {
      let digits = "";
      for (let end = start; end < groups.length; end++) {
        digits += groups[end] ?? "";
        if (digits.length > MAX_DIGITS) break;
        const kind = classify(digits, plus && start === 0);
        if (kind?.type === "mobile") return { mobile: kind.national };
        if (kind?.type === "landline") landline = true;
      }
    }
  }
  return stopAtFirst ? {} : { landline };
}

function classify(digits: string, international: boolean): { type: "mobile" | "landline"; national: string } | null {
  let national = digits;
  if (digits.startsWith("0084")) national = digits.slice(4);
  else if (international) {
    if (!digits.startsWith("84")) return null; // a foreign number
    national = digits.slice(2);
  } else if (digits.startsWith("84") && (digits.length === 11 || digits.length === 12)) {
    national = digits.slice(2);
  }
  // After the country code the trunk 0 comes back; "+84 (0) 912 345 678" already has it.
  if (national !== digits && !national.startsWith("0")) national = `0${national}`;
  if (MOBILE.test(national)) return { type: "mobile", national };
  if (LANDLINE.test(national)) return { type: "landline", national };
  return null;
}
