import type { Order, Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { isPaidOrder } from "../../../domain/einvoice/issue-invoice";
import type { InvoiceRow } from "../../../domain/einvoice/invoices";
import { einvoicePageMessages } from "../../../i18n/einvoice-page";
import { CsrfField } from "../layout";

export interface InvoicePanelProps {
  order: Order;
  session: Session;
  shop: Pick<Shop, "slug">;
  /** The order's invoice to show: the live one, else the latest failed one. */
  invoice?: InvoiceRow | undefined;
  /** The shop must issue, its SePay account is on, and this person may issue (owner or operator). */
  canIssue: boolean;
  /** The series invoices are issued in (shown beside the number). */
  series?: string;
}

const Post = (props: { action: string; session: Session; shopSlug: string; label: string; cls?: string }) => (
  <form method="post" action={props.action} class="inline">
    <CsrfField session={props.session} />
    <input type="hidden" name="shop" value={props.shopSlug} />
    <button class={props.cls ?? "btn"}>{props.label}</button>
  </form>
);

/**
 * An order's e-invoice on its card: the number and PDF link once issued; "waiting" with "Kiểm tra
 * lại" while pending; SePay's reason and "Xuất lại" after a failure; and for a paid order of a shop
 * that must issue, "Xuất hóa đơn điện tử". Nothing at all for a shop that does not issue invoices.
 */
export function InvoicePanel(props: InvoicePanelProps) {
  const { order, session, invoice } = props;
  const e = einvoicePageMessages(session.lang);
  const base = `/dashboard/orders/${order.code}/invoice`;
  const post = (action: string, label: string, cls?: string) => <Post action={action} session={session} shopSlug={props.shop.slug} label={label} {...(cls ? { cls } : {})} />;
  if (invoice?.status === "issued") {
    return (
      <div class="invoice" data-invoice={invoice.invoice_number ?? ""}>
        <strong>{e.issuedLine({ number: invoice.invoice_number ?? "", series: props.series ?? "" })}</strong>{" "}
        {invoice.pdf_url ? (
          <a href={invoice.pdf_url} target="_blank" rel="noopener noreferrer" class="invoice-pdf">
            {e.viewPdf}
          </a>
        ) : (
          ""
        )}
      </div>
    );
  }
  if (invoice?.status === "pending") {
    return (
      <div class="invoice" data-invoice-state="pending">
        <span class="muted">{e.pendingLine}</span> {props.canIssue ? post(`${base}/check`, e.checkButton, "btn alt") : ""}
      </div>
    );
  }
  if (!props.canIssue || !isPaidOrder(order)) {
    return invoice?.status === "failed" ? (
      <div class="invoice muted" data-invoice-state="failed">
        {e.failedLine({ why: invoice.error ?? "" })}
      </div>
    ) : (
      <></>
    );
  }
  return (
    <div class="invoice" data-invoice-state={invoice ? "failed" : "none"}>
      {invoice ? <div class="muted">{e.failedLine({ why: invoice.error ?? "" })}</div> : ""}
      {post(base, invoice ? e.retryButton : e.issueButton, invoice ? "btn alt" : "btn")}
    </div>
  );
}
