import { isActivityGroup } from "../../../domain/books/activity-groups";
import { checkAliases, MAX_ALIAS_LENGTH, MAX_ALIASES, splitAliasList, type AliasProblem } from "../../../domain/catalog/aliases";
import type { OptionGroupInput, ProductInput } from "../../../domain/catalog/product-input";
import { parseVndAmount } from "../../../domain/money";
import type { CatalogEditorMessages } from "../../../i18n/catalog-editor";
import { parseClockTime } from "../../../platform/shop-time";
import { fail, ok, type Result } from "../../../result";
import { CODE, MAX, type ProductForm } from "./form-input";
import { parseOptions } from "./option-lines";
import { parseOptionWeights } from "../../../domain/catalog/weights";

function aliasProblemText(m: CatalogEditorMessages, problem: AliasProblem): string {
  switch (problem.kind) {
    case "too_many":
      return m.errAliasTooMany({ max: MAX_ALIASES });
    case "no_letter":
      return m.errAliasNoLetter({ alias: problem.alias });
    case "is_code":
      return m.errAliasIsCode({ alias: problem.alias });
    default:
      return m.errAliasTooLong({ max: MAX_ALIAS_LENGTH });
  }
}

const hhmm = (minutes: number | null) => (minutes === null ? null : `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);

/**
 * Checks the whole form at once, so the seller sees every problem in one go. `otherCodes`: the
 * shop's other products' codes, which no alias may be.
 */
export function checkForm(f: ProductForm, m: CatalogEditorMessages, otherCodes: readonly string[]): Result<ProductInput, string[]> {
  const errors: string[] = [];
  // Lengths are checked on what was sent, before trimming: 5,000 characters is a mistake, not a name.
  const tooLong = (value: string, field: string, max: number) => {
    if (value.length > max) errors.push(m.errTooLong({ field, max }));
  };
  const code = f.code.trim().toUpperCase();
  if (!CODE.test(code)) errors.push(m.errCode);
  const name = f.name.trim();
  if (!name) errors.push(m.errName);
  tooLong(f.name, m.fName, MAX.name);
  const price = parseVndAmount(f.price);
  if (!price.ok) errors.push(m.errPrice);
  const unit = f.unit.trim();
  if (!unit) errors.push(m.errUnit);
  tooLong(f.unit, m.fUnit, MAX.unit);
  const stock = /^\d{1,7}$/.test(f.stock.trim()) ? Number(f.stock.trim()) : null;
  if (stock === null) errors.push(m.errStock);
  tooLong(f.description, m.fDescription, MAX.description);
  tooLong(f.category, m.fCategory, MAX.category);
  const labels = [
    ...new Set(
      f.labels
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (f.labels.length > MAX.labels || labels.length > 10 || labels.some((l) => l.length > MAX.label)) errors.push(m.errLabels);
  let aliases: string[] = [];
  if (f.aliases.length > MAX.aliases) errors.push(m.errTooLong({ field: m.fAliases, max: MAX.aliases }));
  else {
    const checked = checkAliases(splitAliasList(f.aliases), [...otherCodes, code]);
    if (checked.ok) aliases = checked.value;
    else errors.push(aliasProblemText(m, checked.reason));
  }
  if (!f.days) errors.push(m.errDays);
  const from = f.from.trim() ? parseClockTime(f.from.trim()) : null;
  const to = f.to.trim() ? parseClockTime(f.to.trim()) : null;
  const noHours = !f.from.trim() && !f.to.trim();
  if (!noHours && (from === null || to === null || from >= to)) errors.push(m.errHours);
  let groups: OptionGroupInput[] = [];
  if (f.options.length > MAX.options) errors.push(m.errTooLong({ field: m.fOptions, max: MAX.options }));
  else {
    const parsed = parseOptions(f.options, m);
    if (parsed.ok) groups = parsed.value;
    else errors.push(parsed.reason);
  }
  // A form without the weight fields (a page opened before they existed) keeps the stored weights.
  const grams = f.weight.trim() ? (/^\d{1,6}$/.test(f.weight.trim()) ? Number(f.weight.trim()) : null) : undefined;
  if (grams === null || (grams !== undefined && (grams < 1 || grams > 100_000))) errors.push(m.errWeight);
  const optionWeights = parseOptionWeights(f.optionWeights);
  if (!optionWeights) errors.push(m.errOptionWeights);
  // A select, so anything outside the seven groups is a forged or stale page: refused, never defaulted.
  const activityGroup = isActivityGroup(f.activityGroup) ? f.activityGroup : null;
  if (!activityGroup) errors.push(m.errActivityGroup);
  if (errors.length || !price.ok || stock === null || !activityGroup) return fail(errors);
  return ok({
    code,
    name,
    price: price.value,
    unit,
    stock,
    description: f.description.trim(),
    category: f.category.trim(),
    labels,
    aliases,
    days: f.days,
    from: noHours ? null : hhmm(from),
    to: noHours ? null : hhmm(to),
    soldOut: f.soldOut,
    groups,
    activityGroup,
    ...(grams !== undefined && grams !== null ? { weights: { weightGrams: grams, optionWeights: optionWeights ?? {} } } : {}),
  });
}
