import { fail, ok, type Result } from "../../result";

// EMVCo QR fields: ID (2 digits) + LEN (2 decimal digits, 01–99) + VALUE. We keep every value printable
// ASCII so that LEN (characters) and the CRC input (UTF-8 bytes) can never disagree.
const ID = /^\d\d$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** One TLV field, "ID LEN VALUE"; throws RangeError if the caller passes a bad id or value (a programming error). */
export function encodeTlv(id: string, value: string): string {
  if (!ID.test(id)) throw new RangeError(`TLV id must be 2 digits, got ${JSON.stringify(id)}`);
  if (value.length < 1 || value.length > 99) throw new RangeError(`TLV ${id} value must be 1–99 characters, got ${value.length}`);
  if (!PRINTABLE_ASCII.test(value)) throw new RangeError(`TLV ${id} value must be printable ASCII`);
  return `${id}${String(value.length).padStart(2, "0")}${value}`;
}

/** Splits one TLV level into its fields in order; "malformed" on any bad id, length or truncation. Never throws. */
export function parseTlv(s: string): Result<{ id: string; value: string }[], "malformed"> {
  const fields: { id: string; value: string }[] = [];
  let at = 0;
  while (at < s.length) {
    const id = s.slice(at, at + 2);
    const len = s.slice(at + 2, at + 4);
    if (!ID.test(id) || !/^\d\d$/.test(len) || len === "00") return fail("malformed");
    const end = at + 4 + Number(len);
    if (end > s.length) return fail("malformed");
    fields.push({ id, value: s.slice(at + 4, end) });
    at = end;
  }
  return ok(fields);
}
