import { raw } from "hono/html";
import type { Order, OrderItem, Shop } from "../db/schema";
import { formatVnd } from "../domain/money";
import { orderLineText } from "../domain/orders/line-text";
import { bankByBin } from "../domain/payments/banks";
import { amountDue } from "../domain/payments/order-qr";
import type { Messages } from "../i18n/messages";
import type { AssetCatalog } from "./asset-catalog";
import { HtmlDocument } from "./html-document";

export interface PayPageProps {
  order: Order;
  items: readonly OrderItem[];
  shop: Shop;
  t: Messages;
  /** The VietQR code as SVG markup, or null when there is nothing to pay by transfer. */
  qrSvg: string | null;
  /** The page's own path ("/pay/<token>"): the QR download is under it. */
  payPath?: string;
  assets: AssetCatalog;
}

type PayState = "due" | "partial" | "paid" | "cancelled" | "cod";

/** What the page leads with: an amount still to pay, or that nothing more is to be paid. */
function payState(order: Order, transfer: boolean): PayState {
  if (order.status === "cancelled") return "cancelled";
  if (order.payment_status === "paid" || order.payment_status === "overpaid" || (transfer && amountDue(order) === 0 && order.paid_amount > 0)) return "paid";
  if (!transfer) return "cod";
  return order.payment_status === "partial" ? "partial" : "due";
}

function CopyRow({ label, value, t, shown = value }: { label: string; value: string; t: Messages; shown?: string }) {
  return (
    <div class="row">
      <div>
        <div class="label">{label}</div>
        <div class="value">{shown}</div>
      </div>
      <button type="button" data-copy={value} data-done={t.payCopied}>
        {t.payCopy}
      </button>
    </div>
  );
}

/** The amount to pay, or that it is paid or cancelled. */
function Lead({ order, t, state, due }: { order: Order; t: Messages; state: PayState; due: number }) {
  if (state === "paid")
    return (
      <>
        <div class="amount" id="paid">{t.payPaid}</div>
        <p>{t.payPaidBody({ amount: order.paid_amount || order.total })}</p>
      </>
    );
  if (state === "cancelled") return <p class="hint" id="cancelled">{t.payCancelled}</p>;
  return (
    <>
      <div class="label">{state === "partial" ? t.payRemaining : t.payAmount}</div>
      <div class="amount" id="due">{formatVnd(due)}</div>
      {state === "partial" ? <p class="hint">{t.payPartialBody({ paid: order.paid_amount })}</p> : ""}
    </>
  );
}

/** The QR with a button to save it: no one can scan their own screen. */
function Qr({ order, t, qrSvg, due, payPath }: { order: Order; t: Messages; qrSvg: string; due: number; payPath: string }) {
  return (
    <div class="qr" id="qr">
      {raw(qrSvg)}
      <p class="hint">{t.payQrCaption({ code: order.code, total: due })}</p>
      <p>
        <a class="save" id="save-qr" href={`${payPath}/qr.png?download=1`} download={`${order.code}-qr.png`}>
          {t.paySaveQr}
        </a>
      </p>
      <p class="hint">{t.payHowTo}</p>
    </div>
  );
}

/** The bank details and memo, each with a copy button. */
function BankDetails({ order, shop, t, due }: { order: Order; shop: Shop; t: Messages; due: number }) {
  const bank = bankByBin(shop.bank_bin);
  return (
    <>
      <CopyRow label={t.payAmount} value={String(due)} t={t} shown={formatVnd(due)} />
      <CopyRow label={t.payBank} value={bank ? `${bank.name} (${bank.shortName})` : (shop.bank_bin ?? "")} t={t} />
      {shop.bank_holder ? <CopyRow label={t.payHolder} value={shop.bank_holder} t={t} /> : ""}
      <CopyRow label={t.payAccount} value={shop.bank_account ?? ""} t={t} />
      <CopyRow label={t.payMemo} value={order.code} t={t} />
      <p class="hint">{t.payMemoHint}</p>
    </>
  );
}

/**
 * The buyer's payment page. Unpaid: the amount in large type, the QR with a button to save it (no
 * one can scan their own screen), bank details and memo to copy. Paid: "Đã thanh toán" first and
 * no account to pay into again; partly paid: what remains. The lines add up to the total. Its
 * style (pay.css) and script (pay.js: the copy buttons, and the status refreshed every 5 s so the
 * page shows the payment landing without a reload) are inline: one request on 3G.
 */
export function PayPage({ order, items, shop, t, qrSvg, payPath = "", assets }: PayPageProps) {
  const transfer = order.payment_method !== "cod" && !!shop.bank_account;
  const state = payState(order, transfer);
  const due = amountDue(order) || order.total;
  const owing = state === "due" || state === "partial";
  return (
    <HtmlDocument inline lang={order.lang} title={t.payTitle({ code: order.code })} assets={assets} styles={["pay.css"]} scripts={["pay.js"]} head={<meta name="robots" content="noindex" />}>
      <main data-state={state}>
        <h1>
          {shop.name} · {t.payTitle({ code: order.code })}
        </h1>
        <Lead order={order} t={t} state={state} due={due} />
        {owing && qrSvg ? <Qr order={order} t={t} qrSvg={qrSvg} due={due} payPath={payPath} /> : ""}
        {owing ? <BankDetails order={order} shop={shop} t={t} due={due} /> : state === "cod" ? <p>{t.payCod}</p> : ""}
        <div class="row">
          <div>
            <div class="label">{t.payStatus}</div>
            <div class="value" id="status">
              {t.status[order.status]} · {t.paymentStatus[order.payment_status]}
            </div>
          </div>
        </div>
        <h2 style="font-size:17px">{t.payItems}</h2>
        <ul>
          {items.map((i) => (
            <li>{orderLineText(i, i.line_total)}</li>
          ))}
          {order.delivery_fee ? (
            <li>
              {t.payDeliveryFee}: {formatVnd(order.delivery_fee)}
            </li>
          ) : (
            ""
          )}
          <li>
            <b>
              {t.payTotal}: {formatVnd(order.total)}
            </b>
          </li>
        </ul>
      </main>
    </HtmlDocument>
  );
}

/** The page for `c.html(…)` in routes written in .ts. */
export const payPage = (props: PayPageProps) => <PayPage {...props} />;
