import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";
import { foldText, normalizeText } from "../../text/normalize";

// The words buyers use for a product besides its name ("cơm gà", "gà nướng" for A1), kept as a JSON
// array in products.aliases and read by the comment parser. Set by staff with /alias or in the
// catalog editor; both go through checkAliases, so the stored list is always clean.

export const MAX_ALIASES = 10;
export const MAX_ALIAS_LENGTH = 40;

export type AliasProblem =
  | { kind: "unknown_code" }
  /** An alias over MAX_ALIAS_LENGTH characters (cut to 50 for the message). */
  | { kind: "too_long"; alias: string }
  | { kind: "too_many" }
  /** An alias with no letter ("2", "!!"): it would be read as a quantity or nothing at all. */
  | { kind: "no_letter"; alias: string }
  /** An alias that is a product's code: the code already means that product. */
  | { kind: "is_code"; alias: string }
  | { kind: "not_found"; alias: string };

export interface ProductAliases {
  code: string;
  name: string;
  aliases: string[];
  /** Whether the call changed the stored list (adding one it already has does not). */
  changed: boolean;
}

/** One alias as stored: NFC, single spaces, trimmed (the same cleaning as every typed text). */
export function cleanAlias(raw: string): string {
  return normalizeText(raw.replace(/\s+/g, " "), 1_000);
}

// Two aliases the parser cannot tell apart ("Cơm gà", "com ga") are one: it compares folded words.
const aliasKey = (alias: string) => foldText(alias);
const codeKey = (code: string) => foldText(code).replace(/^#/, "").replace(/\s+/g, "");

/**
 * Checks and cleans a product's whole alias list: each alias cleaned, empty ones dropped, duplicates
 * (case and accents aside) dropped, each 1–40 characters with a letter, none a code of the shop
 * (`codes`), at most 10. Fails on the first problem, naming the alias.
 */
export function checkAliases(raw: readonly string[], codes: readonly string[]): Result<string[], AliasProblem> {
  const taken = new Set(codes.map(codeKey));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of raw) {
    const alias = cleanAlias(r);
    if (!alias) continue;
    if ([...alias].length > MAX_ALIAS_LENGTH) return fail({ kind: "too_long", alias: [...alias].slice(0, 50).join("") });
    if (!/\p{L}/u.test(alias)) return fail({ kind: "no_letter", alias });
    if (taken.has(codeKey(alias))) return fail({ kind: "is_code", alias });
    const key = aliasKey(alias);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  if (out.length > MAX_ALIASES) return fail({ kind: "too_many" });
  return ok(out);
}

/** A comma-separated list as the dashboard field holds it ("cơm gà, gà nướng"). */
export function splitAliasList(text: string): string[] {
  return text.split(/[,\n;]/);
}

function parseStored(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

type Change = (current: string[]) => Result<string[], AliasProblem>;

// Read, change, write only if nobody wrote in between (D1 has no transactions): a compare-and-set on
// the stored JSON, retried, so two staff adding at once both land.
async function changeAliases(store: Store, shopId: number, code: string, change: Change): Promise<Result<ProductAliases, AliasProblem>> {
  const wanted = code.trim().toUpperCase();
  for (let attempt = 0; attempt < 5; attempt++) {
    const products = await store.db.selectFrom("products").select(["id", "code", "name", "aliases"]).where("shop_id", "=", shopId).execute();
    const product = products.find((p) => p.code.toUpperCase() === wanted);
    if (!product) return fail({ kind: "unknown_code" });
    const current = parseStored(product.aliases);
    const changed = change(current);
    if (!changed.ok) return changed;
    const checked = checkAliases(changed.value, products.map((p) => p.code));
    if (!checked.ok) return checked;
    const next = checked.value;
    if (JSON.stringify(next) === JSON.stringify(current)) return ok({ code: product.code, name: product.name, aliases: current, changed: false });
    const written = await store.db
      .updateTable("products")
      .set({ aliases: JSON.stringify(next) })
      .where("id", "=", product.id)
      .where("aliases", "=", product.aliases)
      .executeTakeFirst();
    if (written.numUpdatedRows > 0n) return ok({ code: product.code, name: product.name, aliases: next, changed: true });
  }
  throw new Error(`aliases of ${wanted} kept changing under us`);
}

/** Replaces a product's aliases (the dashboard's field). */
export function setAliases(store: Store, shopId: number, code: string, aliases: readonly string[]): Promise<Result<ProductAliases, AliasProblem>> {
  return changeAliases(store, shopId, code, () => ok([...aliases]));
}

/** Adds one alias (or a few, comma-separated); one the product already has changes nothing. */
export function addAlias(store: Store, shopId: number, code: string, alias: string): Promise<Result<ProductAliases, AliasProblem>> {
  return changeAliases(store, shopId, code, (current) => ok([...current, ...splitAliasList(alias)]));
}

/** Removes one alias, matched case and accents aside ("com ga" removes "cơm gà"). */
export function removeAlias(store: Store, shopId: number, code: string, alias: string): Promise<Result<ProductAliases, AliasProblem>> {
  const key = aliasKey(cleanAlias(alias));
  return changeAliases(store, shopId, code, (current) => {
    const kept = current.filter((a) => aliasKey(a) !== key);
    return kept.length === current.length ? fail({ kind: "not_found", alias: cleanAlias(alias).slice(0, 50) }) : ok(kept);
  });
}

/** A product's aliases as stored, or undefined for an unknown code. */
export async function listAliases(store: Store, shopId: number, code: string): Promise<ProductAliases | undefined> {
  const wanted = code.trim().toUpperCase();
  const products = await store.db.selectFrom("products").select(["code", "name", "aliases"]).where("shop_id", "=", shopId).execute();
  const product = products.find((p) => p.code.toUpperCase() === wanted);
  return product ? { code: product.code, name: product.name, aliases: parseStored(product.aliases), changed: false } : undefined;
}
