import type { Order, OrderItem, Shop } from "../../../db/schema";
import { formatVnd } from "../../../domain/money";
import { orderLineText } from "../../../domain/orders/line-text";
import { amountDue } from "../../../domain/payments/order-qr";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { Messages } from "../../../i18n/messages";
import type { OrdersBoardMessages } from "../../../i18n/orders-board";
import { localTime } from "../../../platform/shop-time";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { HtmlDocument } from "../../../web/html-document";
import { shopClock } from "./board-columns";
import type { Shipment } from "../../../domain/carriers/shipments";
import { shippingMessages } from "../../../i18n/shipping";

/** Thermal paper widths the slip is laid out for (mm). */
export type SlipPaper = 58 | 80;

/** `?paper=58|80`, 80 mm unless 58 is asked for. */
export const slipPaper = (q: string | undefined): SlipPaper => (q === "58" ? 58 : 80);

/** Paid, COD or what is still due, in capitals where the kitchen must not miss it. */
function payLine(ord: Order, o: OrdersBoardMessages): string {
  if (ord.payment_status === "paid" || ord.payment_status === "overpaid") return o.slipPaid;
  if (ord.payment_method === "cod" || ord.payment_status === "cod") return `${o.slipCod}: ${formatVnd(amountDue(ord))}`;
  if (ord.payment_status === "partial") return o.slipPartial({ due: formatVnd(amountDue(ord)) });
  return o.slipUnpaid;
}

export interface OrderSlipProps {
  order: Order;
  items: readonly OrderItem[];
  shop: Pick<Shop, "name" | "time_zone">;
  t: Messages;
  d: DashboardFrameMessages;
  o: OrdersBoardMessages;
  /** The order's carrier waybill (issue 23): its code is printed, its label opens beside (not printed). */
  shipment?: Pick<Shipment, "carrier" | "waybill"> | undefined;
  labelUrl?: string;
  lang?: string;
}

/** One order's kitchen slip: code, time, every line with its options, note, delivery, phone, total, paid or COD. */
export function OrderSlip(props: OrderSlipProps) {
  const { order: ord, o } = props;
  const [y, m, day] = localTime(new Date(ord.created_at), props.shop.time_zone).date.split("-");
  return (
    <section class="slip" data-code={ord.code}>
      <div class="shop">{props.shop.name}</div>
      <div class="code">{ord.code}</div>
      <div class="time">
        {shopClock(ord.created_at, props.shop.time_zone)} {day}/{m}/{y}
      </div>
      <hr />
      <ul>
        {props.items.map((i) => (
          <li>
            <div class="row">
              <span>{orderLineText(i)}</span>
              <span>{formatVnd(i.line_total)}</span>
            </div>
          </li>
        ))}
      </ul>
      {ord.note ? <div class="note">📝 {ord.note}</div> : ""}
      <hr />
      <div>{ord.fulfilment === "delivery" ? `🛵 ${ord.zone_name ?? ""} — ${ord.address ?? ""}` : `🏪 ${o.slipPickup}`}</div>
      {ord.slot ? <div>⏰ {ord.slot}</div> : ""}
      {ord.phone ? <div>☎ {ord.phone}</div> : ""}
      {props.shipment ? (
        <div class="code waybill">{shippingMessages(props.lang).slipWaybill({ carrier: props.shipment.carrier.toUpperCase(), waybill: props.shipment.waybill })}</div>
      ) : (
        ""
      )}
      {props.shipment && props.labelUrl ? (
        <nav class="bar">
          <a href={props.labelUrl} target="_blank">
            🏷 {shippingMessages(props.lang).printLabel}
          </a>
        </nav>
      ) : (
        ""
      )}
      <hr />
      {ord.delivery_fee ? (
        <div class="row">
          <span>{o.slipDelivery}</span>
          <span>{formatVnd(ord.delivery_fee)}</span>
        </div>
      ) : (
        ""
      )}
      <div class="row">
        <strong>{props.d.total}</strong>
        <strong>{formatVnd(ord.total)}</strong>
      </div>
      <div class="pay">{payLine(ord, o)}</div>
      <div class="time">{props.t.status[ord.status]}</div>
    </section>
  );
}

export interface SlipsPageProps {
  lang: string;
  title: string;
  paper: SlipPaper;
  links: { p58: string; p80: string; back: string };
  o: OrdersBoardMessages;
  assets: AssetCatalog;
  slips: OrderSlipProps[];
}

/** A printable page of slips (one a page), with the paper switch and a Print button that do not print. Not framed. */
export function SlipsPage(props: SlipsPageProps) {
  const { o, assets, paper } = props;
  return (
    <HtmlDocument lang={props.lang} title={props.title} assets={assets} styles={["slip.css", `slip-${paper}.css`]} scripts={["slip-print.js"]} data={{ paper }}>
      <nav class="bar">
        <a href={props.links.back}>←</a>
        <button id="print" type="button">
          🖨 {o.slipPrint}
        </button>
        <span>{o.slipPaper}:</span>
        <a href={props.links.p58} aria-current={paper === 58 ? "page" : "false"}>
          58 mm
        </a>
        <a href={props.links.p80} aria-current={paper === 80 ? "page" : "false"}>
          80 mm
        </a>
      </nav>
      {props.slips.length === 0 ? <p class="bar">{o.slipNoOrders}</p> : props.slips.map((s) => <OrderSlip {...s} />)}
    </HtmlDocument>
  );
}
