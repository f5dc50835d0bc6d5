// The shop's tax profile (shop_tax_profiles, typed by the seller) as the books and drafts read it: a
// shop that never saved one gets the defaults of migration 0027 and blank header fields to fill by hand.
import type { Store } from "../../db/store";

export interface TaxProfile {
  householdName: string;
  representative: string;
  taxCode: string;
  address: string;
  businessLocation: string;
  taxOffice: string;
  pitMethod: "revenue" | "income";
  declareAs: "fixed" | "platform";
  einvoiceRequired: boolean;
  /** False: no row yet, every field is its default. */
  saved: boolean;
}

export const DEFAULT_TAX_PROFILE: TaxProfile = {
  householdName: "",
  representative: "",
  taxCode: "",
  address: "",
  businessLocation: "",
  taxOffice: "",
  pitMethod: "revenue",
  declareAs: "fixed",
  einvoiceRequired: false,
  saved: false,
};

/** The shop's profile, or the defaults when it has none. */
export async function readTaxProfile(store: Store, shopId: number): Promise<TaxProfile> {
  const row = await store.db.selectFrom("shop_tax_profiles").selectAll().where("shop_id", "=", shopId).executeTakeFirst();
  if (!row) return DEFAULT_TAX_PROFILE;
  return {
    householdName: row.household_name,
    representative: row.representative,
    taxCode: row.tax_code,
    address: row.address,
    businessLocation: row.business_location,
    taxOffice: row.tax_office,
    pitMethod: row.pit_method,
    declareAs: row.declare_as,
    einvoiceRequired: Number(row.einvoice_required) === 1,
    saved: true,
  };
}
