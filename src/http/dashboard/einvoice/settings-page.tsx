import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { ConnectionReport } from "../../../domain/einvoice/connection-check";
import { SALES_INVOICE_TEMPLATE, type EinvoiceSettings } from "../../../domain/einvoice/settings";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { EinvoicePageMessages } from "../../../i18n/einvoice-page";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";
import { ShopFormFields } from "../payments/form-fields";
import { maskSecret } from "../payments/webhook-keys";

export interface EinvoicePageProps {
  d: DashboardFrameMessages;
  e: EinvoicePageMessages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  flash?: { text: string; error?: boolean } | undefined;
  settings: EinvoiceSettings | undefined;
  /** The tax profile says the shop must issue e-invoices. */
  required: boolean;
  /** What "Kiểm tra kết nối" found, to pick from. */
  report?: ConnectionReport | undefined;
  /** The fields as sent, when a save was refused (shown again). */
  sent?: { clientId: string; providerAccountId: string; templateCode: string; invoiceSeries: string; enabled: boolean } | undefined;
}

/** The accounts and templates SePay gave, each a choice that fills the three fields. */
function Choices(props: { e: EinvoicePageMessages; report: ConnectionReport; current: { providerAccountId: string; templateCode: string; invoiceSeries: string } }) {
  const { e, report, current } = props;
  return (
    <fieldset data-choices style="border:1px solid #ddd;border-radius:8px;padding:6px 10px;margin:6px 0">
      <legend>{e.choose}</legend>
      {report.accounts.map((a) => (
        <div data-account={a.id}>
          <div class="muted" style="word-break:break-all">
            {e.accountLine({ provider: a.provider, id: a.id, approved: a.tax_authority_approved_date ?? e.notApproved })} {a.active ? "" : e.inactive}
          </div>
          {a.templates.map((t) => (
            <label class="check" style="display:block;margin:4px 0">
              <input
                type="radio"
                name="choice"
                value={`${a.id}|${t.template_code}|${t.invoice_series}`}
                disabled={!a.active || t.template_code !== SALES_INVOICE_TEMPLATE}
                checked={a.id === current.providerAccountId && t.template_code === current.templateCode && t.invoice_series === current.invoiceSeries}
              />{" "}
              {t.invoice_label} <span class="muted">· {t.template_code === SALES_INVOICE_TEMPLATE ? e.salesInvoice : e.vatInvoice}</span>
            </label>
          ))}
        </div>
      ))}
    </fieldset>
  );
}

/** /dashboard/einvoice: the SePay account (secret masked), the template and series, on/off, the connection check. */
export function EinvoiceSettingsPage(props: EinvoicePageProps) {
  const { d, e, session, shop, settings } = props;
  const v = props.sent ?? {
    clientId: settings?.clientId ?? "",
    providerAccountId: settings?.providerAccountId ?? "",
    templateCode: settings?.templateCode || SALES_INVOICE_TEMPLATE,
    invoiceSeries: settings?.invoiceSeries ?? "",
    enabled: settings?.enabled ?? false,
  };
  const q = `?shop=${encodeURIComponent(shop.slug)}`;
  return (
    <Page d={d} session={session} assets={props.assets} title={e.title} section="payments" shop={shop} flash={props.flash} styles={["payments.css"]}>
      <p class="muted" style="margin-top:0">
        {e.intro}
      </p>
      <p data-required={props.required ? "1" : "0"} class={props.required ? "" : "warn-text"}>
        {props.required ? e.requiredOn : e.requiredOff} <a href={`/dashboard/books/profile${q}`}>{e.taxProfileLink}</a>
      </p>
      <div class="cols">
        <section class="card" id="einvoice-settings">
          <h2>{e.accountTitle}</h2>
          <p class="muted">{e.accountHelp}</p>
          <form method="post" action="/dashboard/einvoice/settings">
            <ShopFormFields session={session} shop={shop} />
            <label class="f">
              {e.clientId}
              <input name="clientId" required maxlength={200} autocomplete="off" value={v.clientId} />
            </label>
            <div class="muted" data-secret-state={settings?.clientSecret ? "set" : "unset"}>
              {settings?.clientSecret ? e.secretSet({ masked: maskSecret(settings.clientSecret) }) : e.secretNotSet}
            </div>
            <label class="f">
              {e.clientSecret}
              <input type="password" name="clientSecret" maxlength={200} autocomplete="off" placeholder={settings?.clientSecret ? e.secretNew : ""} />
            </label>
            <h2>{e.invoiceTitle}</h2>
            <p class="muted">{e.invoiceHelp}</p>
            {props.report ? <Choices e={e} report={props.report} current={v} /> : ""}
            <label class="f">
              {e.providerAccountId}
              <input name="providerAccountId" maxlength={100} autocomplete="off" value={v.providerAccountId} />
            </label>
            <label class="f">
              {e.templateCode}
              <input name="templateCode" maxlength={2} inputmode="numeric" value={v.templateCode} />
            </label>
            <label class="f">
              {e.invoiceSeries}
              <input name="invoiceSeries" maxlength={6} pattern="[CKck][0-9]{2}[A-Za-z][A-Za-z0-9]{2}" autocomplete="off" value={v.invoiceSeries} />
            </label>
            <label class="check" style="display:block;margin:8px 0">
              <input type="checkbox" name="enabled" value="1" checked={v.enabled} /> {e.enabled}
            </label>
            <button class="btn">{e.save}</button>
          </form>
          {settings?.clientSecret ? (
            <form method="post" action="/dashboard/einvoice/test" style="margin-top:8px">
              <ShopFormFields session={session} shop={shop} />
              <button class="btn alt">{e.test}</button>
            </form>
          ) : (
            ""
          )}
        </section>
      </div>
    </Page>
  );
}
