import type { Order, Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { CarrierId } from "../../../domain/carriers/carrier";
import type { Shipment } from "../../../domain/carriers/shipments";
import { hasCarrierAddress, WAYBILL_STATUSES } from "../../../domain/carriers/waybill";
import { formatVnd } from "../../../domain/money";
import { shippingMessages } from "../../../i18n/shipping";
import { CsrfField } from "../layout";

export interface WaybillPanelProps {
  order: Order;
  session: Session;
  shop: Pick<Shop, "slug" | "time_zone">;
  /** The order's waybill that is not cancelled. */
  shipment?: Shipment | undefined;
  /** The carriers the shop offers (with an account). */
  carriers: readonly CarrierId[];
}

const Post = (props: { action: string; session: Session; shopSlug: string; label: string; cls?: string; carrier?: CarrierId }) => (
  <form method="post" action={props.action} class="inline">
    <CsrfField session={props.session} />
    <input type="hidden" name="shop" value={props.shopSlug} />
    {props.carrier ? <input type="hidden" name="carrier" value={props.carrier} /> : ""}
    <button class={props.cls ?? "btn"}>{props.label}</button>
  </form>
);

/**
 * An order's carrier delivery on its card: the waybill (code, status, tracking link, "In nhãn", and
 * "Huỷ vận đơn" while it waits for pickup), or for an order with a carrier address the one-tap
 * "Giao qua GHN / GHTK" buttons (the carrier chosen at checkout first). Shippers see the waybill only.
 */
export function WaybillPanel(props: WaybillPanelProps) {
  const { order, session, shipment } = props;
  const s = shippingMessages(session.lang);
  const base = `/dashboard/orders/${order.code}`;
  const q = `?shop=${encodeURIComponent(props.shop.slug)}`;
  const staff = session.user.role !== "shipper";
  if (shipment) {
    const carrier = s.carrierName[shipment.carrier];
    return (
      <div class="waybill" data-waybill={shipment.waybill} data-carrier={shipment.carrier}>
        <div>
          <strong>{s.waybill({ carrier, waybill: shipment.waybill })}</strong> <span class="muted">{s.shipmentStatus[shipment.status] ?? shipment.status}</span>
        </div>
        <div class="muted">
          {s.codLine({ cod: formatVnd(shipment.cod_amount), fee: shipment.fee === null ? "—" : formatVnd(shipment.fee) })}
          {shipment.expected_delivery ? ` · ${s.expected({ date: new Date(shipment.expected_delivery).toLocaleDateString("vi-VN", { timeZone: props.shop.time_zone }) })}` : ""}
        </div>
        <div>
          {shipment.tracking_url ? (
            <a href={shipment.tracking_url} target="_blank" rel="noopener noreferrer" class="track-link">
              {s.track}
            </a>
          ) : (
            ""
          )}{" "}
          <a href={`${base}/label${q}`} target="_blank" class="btn alt label-link">
            {s.printLabel}
          </a>{" "}
          {staff && shipment.status === "ready_to_pick" ? <Post action={`${base}/waybill/cancel`} session={session} shopSlug={props.shop.slug} label={s.cancelWaybill} cls="btn-reject" /> : ""}
        </div>
      </div>
    );
  }
  if (!staff || !hasCarrierAddress(order) || !WAYBILL_STATUSES.includes(order.status) || props.carriers.length === 0) return <></>;
  // The carrier the buyer was quoted first.
  const carriers = [...props.carriers].sort((a, b) => (a === order.ship_carrier ? -1 : b === order.ship_carrier ? 1 : 0));
  return (
    <div class="waybill">
      {carriers.map((c, i) => (
        <Post action={`${base}/waybill`} session={session} shopSlug={props.shop.slug} carrier={c} label={s.shipVia({ carrier: s.carrierName[c] })} cls={i === 0 ? "btn" : "btn alt"} />
      ))}
    </div>
  );
}
