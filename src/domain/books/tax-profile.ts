// What the books' header and the declaration drafts need that the shop row does not hold
// (shop_tax_profiles, migrations/0027): the household's name, who signs, the tax code, addresses, the
// tax office, the PIT method for 1–3 tỷ, where chat sales are declared, and whether the shop must
// issue e-invoices. All typed by the seller (../shared/BOOKS.md "Seller adds by hand"); a shop that
// never saved one reads the defaults, with the blanks the printed book shows as dotted lines.
import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";
import { ruleOn } from "./rules/tax-rules";

export interface TaxProfile {
  householdName: string;
  representative: string;
  /** Digits: 10 (a tax code), 12 (the owner's personal ID number) or 10-3 (a dependent location). */
  taxCode: string;
  address: string;
  businessLocation: string;
  taxOffice: string;
  /** PIT for 1–3 tỷ revenue: on revenue above the deduction, or on income (revenue − costs). */
  pitMethod: "revenue" | "income";
  /** Where chat sales go on the declaration: a fixed location ([08x]) or a platform ([09x]). */
  declareAs: "fixed" | "platform";
  einvoiceRequired: boolean;
}

/** A profile as read: whether the seller ever saved it, and when. */
export interface StoredTaxProfile extends TaxProfile {
  saved: boolean;
  updatedAt: string | null;
}

export const EMPTY_TAX_PROFILE: TaxProfile = {
  householdName: "",
  representative: "",
  taxCode: "",
  address: "",
  businessLocation: "",
  taxOffice: "",
  pitMethod: "revenue",
  declareAs: "fixed",
  einvoiceRequired: false,
};

/** The longest each text field may be: a name, an address on one line of the printed header. */
export const TAX_PROFILE_MAX = { householdName: 120, representative: 80, address: 200, businessLocation: 200, taxOffice: 120 } as const;
type TextField = keyof typeof TAX_PROFILE_MAX;
const TEXT_FIELDS = Object.keys(TAX_PROFILE_MAX) as TextField[];

export type TaxProfileProblem = { field: "taxCode"; problem: "tax_code" } | { field: TextField; problem: "too_long" } | { field: "pitMethod" | "declareAs"; problem: "choice" };

/** The shop's profile, or the defaults when it has none yet. */
export async function taxProfile(store: Store, shopId: number): Promise<StoredTaxProfile> {
  const row = await store.db.selectFrom("shop_tax_profiles").selectAll().where("shop_id", "=", shopId).executeTakeFirst();
  if (!row) return { ...EMPTY_TAX_PROFILE, saved: false, updatedAt: null };
  return {
    householdName: row.household_name,
    representative: row.representative,
    taxCode: row.tax_code,
    address: row.address,
    businessLocation: row.business_location,
    taxOffice: row.tax_office,
    pitMethod: row.pit_method,
    declareAs: row.declare_as,
    einvoiceRequired: row.einvoice_required === 1,
    saved: true,
    updatedAt: row.updated_at,
  };
}

/**
 * A tax code as people type it (spaces, dots, a dash) → its stored form, or null when it is none of:
 * 10 digits (a household's or person's code), 12 digits (the personal ID number on the CCCD, which
 * serves as the tax code from 01/07/2025), 13 digits or 10-3 (a dependent business location).
 */
export function normalizeTaxCode(text: string): string | null {
  const s = text.replace(/[\s.]/g, "");
  if (/^\d{10}$/.test(s) || /^\d{12}$/.test(s)) return s;
  const branch = /^(\d{10})-?(\d{3})$/.exec(s);
  return branch ? `${branch[1]}-${branch[2]}` : null;
}

/** The profile form's fields checked: every problem at once, so the seller fixes them in one go. */
export function parseTaxProfile(form: Record<string, unknown>): Result<TaxProfile, TaxProfileProblem[]> {
  const problems: TaxProfileProblem[] = [];
  const clean = (v: unknown): string => (typeof v === "string" ? v.normalize("NFC").replace(/\s+/g, " ").trim() : "");
  const text = (name: TextField): string => {
    const v = clean(form[name]);
    if (v.length > TAX_PROFILE_MAX[name]) problems.push({ field: name, problem: "too_long" });
    return v;
  };
  const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, text(f)])) as Record<TextField, string>;
  const typedCode = clean(form.taxCode).slice(0, 40);
  const taxCode = typedCode === "" ? "" : normalizeTaxCode(typedCode);
  if (taxCode === null) problems.push({ field: "taxCode", problem: "tax_code" });
  const pitMethod = form.pitMethod ?? "revenue";
  if (pitMethod !== "revenue" && pitMethod !== "income") problems.push({ field: "pitMethod", problem: "choice" });
  const declareAs = form.declareAs ?? "fixed";
  if (declareAs !== "fixed" && declareAs !== "platform") problems.push({ field: "declareAs", problem: "choice" });
  if (problems.length) return fail(problems);
  return ok({ ...values, taxCode: taxCode ?? "", pitMethod: pitMethod as TaxProfile["pitMethod"], declareAs: declareAs as TaxProfile["declareAs"], einvoiceRequired: form.einvoiceRequired === "1" || form.einvoiceRequired === true });
}

/** Saves the shop's profile (made on the first save, replaced after). */
export async function saveTaxProfile(store: Store, shopId: number, p: TaxProfile, now: Date): Promise<void> {
  const row = {
    household_name: p.householdName,
    representative: p.representative,
    tax_code: p.taxCode,
    address: p.address,
    business_location: p.businessLocation,
    tax_office: p.taxOffice,
    pit_method: p.pitMethod,
    declare_as: p.declareAs,
    einvoice_required: p.einvoiceRequired ? 1 : 0,
    updated_at: now.toISOString(),
  };
  await store.db
    .insertInto("shop_tax_profiles")
    .values({ shop_id: shopId, ...row })
    .onConflict((oc) => oc.column("shop_id").doUpdateSet(row))
    .execute();
}

/** The e-invoice rule in force on `date`: from what yearly revenue a household must issue them, since when, and where that is written. */
export function einvoiceRuleOn(date: string): { threshold: number; since: string; source: string } {
  const rule = ruleOn("threshold.einvoice", date);
  return { threshold: rule.value, since: rule.effectiveFrom, source: rule.cite };
}
