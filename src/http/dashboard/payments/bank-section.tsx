import { html, raw } from "hono/html";
import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { formatVnd } from "../../../domain/money";
import { BANKS } from "../../../domain/payments/banks";
import { qrSvg } from "../../../domain/payments/qr-image";
import type { ShopBankAccount } from "../../../domain/payments/shop-bank";
import { checkShopBankSettings, decodeVietQr } from "../../../domain/payments/vietqr-decode";
import type { PaymentsPageMessages } from "../../../i18n/payments-page";
import { ShopFormFields } from "./form-fields";

/** The form as the shop has it now; a refused form is shown again as typed instead. */
export const savedBankForm = (shop: Shop): ShopBankAccount => ({ bin: shop.bank_bin ?? "", account: shop.bank_account ?? "", holder: shop.bank_holder ?? "", vietqr: shop.vietqr_enabled === 1 });

/**
 * A sample QR code built from the saved account and read back: the seller sees at once whether
 * buyers' banking apps will read the shop's codes (the SVG is our own, made by qrSvg).
 */
function SampleQr({ a, shop }: { a: PaymentsPageMessages; shop: Shop }) {
  const sample = shop.bank_bin && shop.bank_account ? checkShopBankSettings(shop.bank_bin, shop.bank_account) : undefined;
  if (!sample) return <p class="muted">{a.noBank}</p>;
  const decoded = sample.ok ? decodeVietQr(sample.value.payload) : undefined;
  if (!sample.ok || !decoded?.ok) return <p class="flash err" data-sample="failed">{a.sampleFailed({ why: sample.ok ? a.bankProblem.round_trip_mismatch : a.bankProblem[sample.reason] })}</p>;
  const d = decoded.value;
  return (
    <div class="sample" data-sample="ok">
      <p class="muted">{a.sampleTitle}:</p>
      <p>{a.sampleDecoded({ bank: sample.value.bankName, bin: d.bin, account: d.account, amount: formatVnd(d.amount ?? 0), memo: d.memo ?? "" })}</p>
      <div class="qr">{raw(qrSvg(sample.value.payload))}</div>
    </div>
  );
}

// The bank options as html``, not JSX: the chosen one keeps the bare `selected` the page has always had.
const bankOptions = (chosen: string) => BANKS.map((b) => html`<option value="${b.bin}" ${b.bin === chosen ? "selected" : ""}>${b.name} (${b.shortName} · ${b.bin})</option>`);

/** The receiving account: the sample QR, and for an owner the form that changes it. */
export function BankSection(props: { a: PaymentsPageMessages; session: Session; shop: Shop; manage: boolean; form: ShopBankAccount }) {
  const { a, form } = props;
  return (
    <section class="card" id="bank">
      <h2>{a.bankTitle}</h2>
      <SampleQr a={a} shop={props.shop} />
      {props.manage ? (
        <form method="post" action="/dashboard/payments/bank">
          <ShopFormFields session={props.session} shop={props.shop} />
          <label class="f">
            {a.bank}
            <select name="bin" required>
              <option value="">{a.chooseBank}</option>
              {bankOptions(form.bin)}
            </select>
          </label>
          <label class="f">
            {a.account}
            <input name="account" value={form.account} required maxlength={19} inputmode="text" autocomplete="off" />
          </label>
          <label class="f">
            {a.holder}
            <input name="holder" value={form.holder} maxlength={60} placeholder={a.holderPlaceholder} />
          </label>
          <label class="f">
            <input type="checkbox" name="vietqr" value="1" style="width:auto;min-height:0" checked={form.vietqr} /> {a.vietqrEnabled}
          </label>
          <button class="btn">{a.save}</button>
        </form>
      ) : (
        <p class="muted">{a.ownerOnly}</p>
      )}
    </section>
  );
}
