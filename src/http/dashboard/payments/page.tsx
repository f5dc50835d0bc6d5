import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { TransferRow } from "../../../domain/payments/transfer-list";
import type { ShopBankAccount } from "../../../domain/payments/shop-bank";
import type { PaymentProvider } from "../../../domain/secrets/sealed";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { PaymentsPageMessages } from "../../../i18n/payments-page";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { codPageMessages } from "../../../i18n/cod-page";
import { shippingMessages } from "../../../i18n/shipping";
import { Page } from "../layout";
import { BankSection } from "./bank-section";
import { canManage } from "./form-fields";
import { Transfers } from "./transfers";
import { WebhookKeys } from "./webhook-keys";

export interface PaymentsPageProps {
  d: DashboardFrameMessages;
  a: PaymentsPageMessages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  flash?: { text: string; error?: boolean } | undefined;
  transfers: readonly TransferRow[];
  bankForm: ShopBankAccount;
  /** This server's public origin, for the webhook URLs. */
  origin: string;
  keys: Record<PaymentProvider, string | null>;
}

/** The payments section: transfers by outcome (assigning unmatched ones), the receiving account, webhook URLs and keys. */
export function PaymentsPage(props: PaymentsPageProps) {
  const { d, a, session, shop } = props;
  const manage = canManage(session);
  return (
    <Page d={d} session={session} assets={props.assets} title={d.navPayments} section="payments" shop={shop} flash={props.flash} styles={["payments.css"]}>
      <p>
        <a href={`/dashboard/cod?shop=${encodeURIComponent(shop.slug)}`} id="cod-link">
          {codPageMessages(session.lang).paymentsLink}
        </a>
        {manage ? (
          <>
            {" · "}
            <a href={`/dashboard/shipping?shop=${encodeURIComponent(shop.slug)}`} id="shipping-link">
              🚚 {shippingMessages(session.lang).pageTitle}
            </a>
          </>
        ) : (
          ""
        )}
      </p>
      <h2>{a.transfersTitle}</h2>
      <Transfers a={a} session={session} shop={shop} rows={props.transfers} />
      <div class="cols" style="margin-top:14px">
        <BankSection a={a} session={session} shop={shop} manage={manage} form={props.bankForm} />
        <WebhookKeys a={a} session={session} shop={shop} manage={manage} origin={props.origin} keys={props.keys} />
      </div>
    </Page>
  );
}
