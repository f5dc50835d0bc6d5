import { parseOptionWithPrice } from "../../../domain/catalog/option-price";
import type { OptionGroupInput } from "../../../domain/catalog/product-input";
import type { CatalogEditorMessages } from "../../../i18n/catalog-editor";
import { fail, ok, type Result } from "../../../result";

/** Reads the options textarea (one group a line: "Cỡ: Vừa=0, Lớn +10k"); fails with the message to show. */
export function parseOptions(source: string, m: CatalogEditorMessages): Result<OptionGroupInput[], string> {
  const groups: OptionGroupInput[] = [];
  for (const rawLine of source.split("\n")) {
    const line = rawLine.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    const parts = colon > 0 ? line.slice(colon + 1).split(",").map((s) => s.trim()).filter(Boolean) : [];
    if (!name || parts.length === 0) return fail(m.errOptionsLine({ line: line.slice(0, 80) }));
    const options: OptionGroupInput["options"] = [];
    for (const part of parts) {
      // "Lớn +20k", "Lớn (+20.000đ)", "Lớn=20000": a price that cannot be read is refused, never 0 ₫.
      const option = parseOptionWithPrice(part);
      if (!option.ok) return fail(option.reason === "bad_price" ? m.errOptionPrice({ part: part.slice(0, 60) }) : m.errOptionsLine({ line: line.slice(0, 80) }));
      options.push(option.value);
    }
    if (name.length > 60 || options.length > 20 || options.some((o) => o.name.length > 60)) return fail(m.errOptionsTooMany);
    groups.push({ name, options });
  }
  if (groups.length > 10) return fail(m.errOptionsTooMany);
  return ok(groups);
}
