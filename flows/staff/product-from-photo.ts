import { parseVndAmount } from "../../src/domain/money";
import type { CaptionProduct } from "../../src/domain/catalog/product-from-photo";
import { fail, ok, type Result } from "../../src/result";

export type { CaptionProduct };

/** "A7 Mật ong hoa cà phê 250000 hộp" → code A7, name, price 250.000 ₫, unit hộp (unit optional, "250k" fine). */
export function parseProductCaption(caption: string): Result<CaptionProduct, "no_code" | "no_name" | "no_price"> {
  const words = caption.trim().split(/\s+/).filter(Boolean);
  const code = words[0]?.toUpperCase() ?? "";
  if (!/^[A-Z]{1,2}\d{1,3}$/.test(code)) return fail("no_code");
  // The price is the last word that reads as money; what follows it is the unit.
  for (let i = words.length - 1; i >= 2; i--) {
    const price = parseVndAmount(words[i] ?? "");
    if (price.ok && price.value > 0) {
      const name = words.slice(1, i).join(" ");
      if (!name) return fail("no_name");
      const unit = words.slice(i + 1).join(" ").slice(0, 20) || "phần";
      return ok({ code, name: name.slice(0, 120), price: price.value, unit });
    }
  }
  return fail("no_price");
}
