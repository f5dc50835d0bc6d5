import { fail, ok, type Result } from "../../result";
import { parseVndAmount } from "../money";

// An option as a seller types it in the catalog editor, with its price difference written any of
// the ways people write money: "Lớn=20000", "Lớn = +20k", "Lớn +20k", "Lớn +20.000", "Lớn 20.000đ",
// "Lớn (+20k)", "Ít đá -5k", or no price at all ("Vừa"). A number is read as a price only when
// something says it is money (=, a sign, k/đ/₫/VND/nghìn); "Size 38" and "Hũ 500ml" are names.

export type OptionPriceError = "empty_name" | "bad_price";

const MONEY_UNIT = "(?:k|nghìn|nghin|ngàn|ngan|đ|₫|vnd|vnđ|đồng|dong|tr|triệu|trieu)";
// The price at the end: "(+20k)", "+20.000", "20.000đ", "+ 20k ₫".
const TRAILING = new RegExp(`^(.*?)\\s*\\(?\\s*([+-])?\\s*(\\d[\\d.,\\s]*\\s*${MONEY_UNIT}?)\\s*\\)?\\s*$`, "iu");

/** One option with its price difference in đồng, or why it cannot be read (never a silent 0). */
export function parseOptionWithPrice(part: string): Result<{ name: string; delta: number }, OptionPriceError> {
  const text = part.trim();
  const eq = text.lastIndexOf("=");
  if (eq >= 0) {
    const name = text.slice(0, eq).trim().replace(/\($/, "").trim();
    const price = readSigned(text.slice(eq + 1).replace(/\)\s*$/, ""));
    if (!name) return fail("empty_name");
    return price === null ? fail("bad_price") : ok({ name, delta: price });
  }
  const match = TRAILING.exec(text);
  const sign = match?.[2];
  const amount = match?.[3] ?? "";
  const saysMoney = sign !== undefined || new RegExp(`${MONEY_UNIT}\\s*$`, "iu").test(amount) || /\(\s*[+-]?\s*\d/.test(text);
  if (match && saysMoney) {
    const name = (match[1] ?? "").trim();
    const value = parseVndAmount(amount.trim());
    if (!name) return fail("empty_name");
    if (!value.ok) return fail("bad_price");
    return ok({ name, delta: sign === "-" ? -value.value : value.value });
  }
  // A sign or a money word with nothing readable ("Lớn +abc", "Lớn +k"): a price was meant.
  if (/\+/.test(text) || /\(\s*[+-]/.test(text)) return fail("bad_price");
  return text ? ok({ name: text, delta: 0 }) : fail("empty_name");
}

function readSigned(s: string): number | null {
  const trimmed = s.trim();
  if (trimmed === "") return null;
  const negative = trimmed.startsWith("-");
  const value = parseVndAmount(trimmed.replace(/^[+-]\s*/, ""));
  if (!value.ok) return null;
  return negative && value.value ? -value.value : value.value;
}
