import type { Child } from "hono/jsx";
import type { Order, OrderItem, Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { formatVnd } from "../../../domain/money";
import { undoSecondsLeft } from "../../../domain/orders/cancel-undo";
import { orderLineText } from "../../../domain/orders/line-text";
import { cancelReasonText } from "../../../domain/orders/transitions";
import type { Messages } from "../../../i18n/messages";
import type { OrdersBoardMessages } from "../../../i18n/orders-board";
import { CsrfField } from "../layout";
import type { CarrierId } from "../../../domain/carriers/carrier";
import type { Shipment } from "../../../domain/carriers/shipments";
import { WaybillPanel } from "./waybill-panel";
import type { InvoiceRow } from "../../../domain/einvoice/invoices";
import { InvoicePanel } from "./invoice-panel";
import { booksPageMessages } from "../../../i18n/books-page";
import { canManage } from "../payments/form-fields";
import { shopClock } from "./board-columns";

export interface OrderCardProps {
  order: Order;
  items: readonly OrderItem[];
  t: Messages;
  o: OrdersBoardMessages;
  session: Session;
  shop: Pick<Shop, "slug" | "time_zone">;
  now: Date;
  /** Carrier delivery (issue 23): the order's active waybill and the carriers the shop offers. */
  shipment?: Shipment | undefined;
  carriers?: readonly CarrierId[];
  /** E-invoices (issue 24): the order's invoice, and whether this person may issue one for the shop (and in which series). */
  invoice?: InvoiceRow | undefined;
  einvoice?: { canIssue: boolean; series: string } | undefined;
}

/** One action button of a card: a small form posting to the order's act route. */
function Act(props: { order: Order; shopSlug: string; session: Session; action: string; label: string; cls?: string; children?: Child }) {
  return (
    <form method="post" action={`/dashboard/orders/${props.order.code}/act`} class="inline">
      <CsrfField session={props.session} />
      <input type="hidden" name="shop" value={props.shopSlug} />
      <input type="hidden" name="action" value={props.action} />
      {props.children}
      <button class={props.cls ?? "btn"}>{props.label}</button>
    </form>
  );
}

// Cancelling is never one tap: a link to the page that asks why and to confirm, set well apart
// (and quieter) than the main action so a thumb aiming at "Nhận đơn" cannot hit it.
const Reject = (props: { href: string; label: string }) => (
  <div class="reject">
    <a class="btn-reject" href={props.href}>
      {props.label}
    </a>
  </div>
);

/** The actions an order's status allows, as chat offers them. */
function Actions(props: OrderCardProps) {
  const { order, t, o, session } = props;
  const act = (action: string, label: string, cls?: string, extra?: Child) => (
    <Act order={order} shopSlug={props.shop.slug} session={session} action={action} label={label} {...(cls ? { cls } : {})}>
      {extra}
    </Act>
  );
  const reject = (label: string) => <Reject href={`/dashboard/orders/${order.code}/reject?shop=${encodeURIComponent(props.shop.slug)}`} label={label} />;
  if (order.status === "pending_payment") return [act("paid", t.btnStaffPaid), reject(t.btnStaffReject)];
  if (order.status === "confirmed") return [act("accept", t.btnStaffAccept), reject(t.btnStaffReject)];
  if (order.status === "preparing") {
    const shipper = [<input name="shipperName" placeholder={o.shipperName} required maxlength={60} />, <input name="shipperPhone" placeholder={o.shipperPhone} maxlength={20} />];
    return [act("ship", t.btnStaffShip, undefined, shipper), act("deliver", t.btnStaffDelivered, "btn alt"), reject(t.btnStaffCancel)];
  }
  if (order.status === "out_for_delivery") return [act("deliver", t.btnStaffDelivered), reject(t.btnStaffCancel)];
  return [];
}

/** An order on the board: code, total, payment, time, where, lines, notes, its actions, and undo while a cancel can be. */
export function OrderCard(props: OrderCardProps) {
  const { order: ord, t, o, session } = props;
  const q = `?shop=${encodeURIComponent(props.shop.slug)}`;
  const left = undoSecondsLeft(ord, props.now);
  return (
    <div class="card" data-code={ord.code}>
      <strong>{ord.code}</strong> · {formatVnd(ord.total)} <span class="muted">{t.paymentStatus[ord.payment_status]}</span>{" "}
      <a class="slip-link" href={`/dashboard/orders/${ord.code}/slip${q}`}>
        {o.slipLink}
      </a>
      <div class="muted">
        {shopClock(ord.created_at, props.shop.time_zone)} · {ord.fulfilment === "delivery" ? `${ord.zone_name ?? ""} — ${ord.address ?? ""}` : t.summaryPickup}{" "}
        {ord.phone ? (
          <>
            · <a href={`tel:${ord.phone}`}>{ord.phone}</a>
          </>
        ) : (
          ""
        )}
        {ord.slot ? ` · ${ord.slot}` : ""}
      </div>
      <ul style="margin:6px 0;padding-left:18px">
        {props.items.map((i) => (
          <li>{orderLineText(i)}</li>
        ))}
      </ul>
      {ord.note ? <div class="muted">📝 {ord.note}</div> : ""}
      {ord.shipper_name ? <div class="muted">🛵 {ord.shipper_name} {ord.shipper_phone ?? ""}</div> : ""}
      {ord.cancel_reason ? <div class="muted">✖ {cancelReasonText(session.lang, ord.cancel_reason)}</div> : ""}
      <WaybillPanel order={ord} session={session} shop={props.shop} shipment={props.shipment} carriers={props.carriers ?? []} />
      <InvoicePanel order={ord} session={session} shop={props.shop} invoice={props.invoice} canIssue={props.einvoice?.canIssue ?? false} series={props.einvoice?.series ?? ""} />
      {ord.status === "delivered" && canManage(session) ? (
        <a class="slip-link" href={`/dashboard/books${q}&return=${ord.code}#returns`} data-return-link={ord.code}>
          ↩ {booksPageMessages(session.lang).recordReturn}
        </a>
      ) : (
        ""
      )}
      <Actions {...props} />
      {left > 0 && session.user.role !== "shipper" ? (
        <>
          <Act order={ord} shopSlug={props.shop.slug} session={session} action="undo" label={o.undo} />
          <span class="muted">{o.undoLeft({ seconds: left })}</span>
        </>
      ) : (
        ""
      )}
    </div>
  );
}
