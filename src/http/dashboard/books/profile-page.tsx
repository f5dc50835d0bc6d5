import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { TAX_PROFILE_MAX, type TaxProfile, type TaxProfileProblem } from "../../../domain/books/tax-profile";
import type { BooksPageMessages } from "../../../i18n/books-page";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";
import { ShopFormFields } from "../payments/form-fields";
import { Problem } from "./entries-section";

/** The figures the form's hints name, from the dated rules in force today (all formatted). */
export interface ProfileRuleFigures {
  pitFrom: string;
  pitTo: string;
  deduction: string;
  incomePercent: string;
  einvoiceThreshold: string;
  einvoiceSince: string;
  year: number;
  yearToDate: string;
}

export interface ProfilePageProps {
  d: DashboardFrameMessages;
  b: BooksPageMessages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  flash?: { text: string; error?: boolean } | undefined;
  /** As stored, or as last typed after a refusal (text fields as typed). */
  values: Record<keyof TaxProfile, string>;
  problems: TaxProfileProblem[];
  rules: ProfileRuleFigures;
}

type TextField = "householdName" | "representative" | "taxCode" | "address" | "businessLocation" | "taxOffice";

/** /dashboard/books/profile: what the printed books' header and the drafts need, typed by the seller. */
export function ProfilePage(props: ProfilePageProps) {
  const { b, values: v, rules } = props;
  const problem = (field: keyof TaxProfile): string | undefined => {
    const p = props.problems.find((x) => x.field === field);
    if (!p) return undefined;
    if (p.problem === "tax_code") return b.profileProblem.tax_code;
    if (p.problem === "too_long") return b.profileProblem.tooLong({ max: TAX_PROFILE_MAX[p.field] });
    return b.profileProblem.choice;
  };
  const Text = (p: { field: TextField; label: string; hint?: string; max: number; inputmode?: "numeric" }) => (
    <label class={problem(p.field) ? "has-bad" : ""}>
      {p.label}
      <Problem text={problem(p.field)} id={`${p.field}-problem`} />
      <input name={p.field} value={v[p.field]} maxlength={p.max} {...(p.inputmode ? { inputmode: p.inputmode } : {})} />
      {p.hint ? <small>{p.hint}</small> : ""}
    </label>
  );
  return (
    <Page d={props.d} session={props.session} assets={props.assets} title={b.profileTitle} section="books" shop={props.shop} flash={props.flash} styles={["books.css"]}>
      <p>
        <a href={`/dashboard/books?shop=${encodeURIComponent(props.shop.slug)}`}>{b.back}</a>
      </p>
      <p class="muted">{b.profileIntro}</p>
      <form method="post" action="/dashboard/books/profile" class="card stack" id="profile-form">
        <ShopFormFields session={props.session} shop={props.shop} />
        <Text field="householdName" label={b.householdName} max={TAX_PROFILE_MAX.householdName} />
        <Text field="representative" label={b.representative} max={TAX_PROFILE_MAX.representative} />
        <Text field="taxCode" label={b.taxCode} hint={b.taxCodeHint} max={20} inputmode="numeric" />
        <Text field="address" label={b.address} max={TAX_PROFILE_MAX.address} />
        <Text field="businessLocation" label={b.businessLocation} max={TAX_PROFILE_MAX.businessLocation} />
        <Text field="taxOffice" label={b.taxOffice} max={TAX_PROFILE_MAX.taxOffice} />
        <fieldset id="pit-method">
          <legend>{b.pitMethod({ from: rules.pitFrom, to: rules.pitTo })}</legend>
          <Problem text={problem("pitMethod")} id="pitMethod-problem" />
          <label>
            <input type="radio" name="pitMethod" value="revenue" checked={v.pitMethod !== "income"} />
            {b.pitOption.revenue({ deduction: rules.deduction })}
          </label>
          <label>
            <input type="radio" name="pitMethod" value="income" checked={v.pitMethod === "income"} />
            {b.pitOption.income({ percent: rules.incomePercent })}
          </label>
        </fieldset>
        <fieldset id="declare-as">
          <legend>{b.declareAs}</legend>
          <Problem text={problem("declareAs")} id="declareAs-problem" />
          <label>
            <input type="radio" name="declareAs" value="fixed" checked={v.declareAs !== "platform"} />
            {b.declareOption.fixed}
          </label>
          <label>
            <input type="radio" name="declareAs" value="platform" checked={v.declareAs === "platform"} />
            {b.declareOption.platform}
          </label>
          <small>{b.declareHint}</small>
        </fieldset>
        <label class="check">
          <input type="checkbox" name="einvoiceRequired" value="1" checked={v.einvoiceRequired === "1"} />
          <span>
            {b.einvoice}
            <small id="einvoice-hint">
              {b.einvoiceHint({ threshold: rules.einvoiceThreshold, since: rules.einvoiceSince })} {b.yearToDate({ year: rules.year, amount: rules.yearToDate })}
            </small>
          </span>
        </label>
        <p id="einvoice-settings-link">
          <a href={`/dashboard/einvoice?shop=${encodeURIComponent(props.shop.slug)}`}>{b.einvoiceSettingsLink}</a>
        </p>
        <button class="btn">{b.save}</button>
      </form>
    </Page>
  );
}
