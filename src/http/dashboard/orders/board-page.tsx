import type { Order, OrderItem, PaymentStatus, Shop } from "../../../db/schema";
import type { CarrierId } from "../../../domain/carriers/carrier";
import type { Shipment } from "../../../domain/carriers/shipments";
import type { InvoiceRow } from "../../../domain/einvoice/invoices";
import type { Session } from "../../../domain/auth/accounts";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { Messages } from "../../../i18n/messages";
import type { OrdersBoardMessages } from "../../../i18n/orders-board";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";
import { BOARD_COLUMNS } from "./board-columns";
import { OrderCard } from "./order-card";
import { TypedOrderForm, type TypedOrderFormProps } from "./typed-order-form";

const PAYMENTS: readonly PaymentStatus[] = ["unpaid", "partial", "paid", "overpaid", "cod"];

export interface BoardPageProps {
  d: DashboardFrameMessages;
  o: OrdersBoardMessages;
  t: Messages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  date: string;
  filters: { status: string; payment: string; search: string };
  orders: readonly Order[];
  items: Map<number, OrderItem[]>;
  /** Carrier delivery (issue 23): each order's active waybill, and the carriers the shop offers. */
  shipments?: Map<number, Shipment>;
  carriers?: readonly CarrierId[];
  /** E-invoices (issue 24): each order's invoice, and whether this person may issue for the shop. */
  invoices?: Map<number, InvoiceRow>;
  einvoice?: { canIssue: boolean; series: string };
  now: Date;
  flash?: { text: string; error?: boolean } | undefined;
  /** The typed-in order form (owners and staff; none for shippers). */
  typedOrder?: TypedOrderFormProps | undefined;
}

/** The board's filters: day, status, payment, a code or phone. */
function Filters(props: BoardPageProps) {
  const { d, o, t, filters } = props;
  return (
    <form class="filters" method="get" action="/dashboard">
      <input type="hidden" name="shop" value={props.shop.slug} />
      <label>
        {d.date} <input type="date" name="date" value={props.date} />
      </label>
      <label>
        {d.status}{" "}
        <select name="status">
          <option value="">{d.all}</option>
          {BOARD_COLUMNS.map((s) => (
            <option value={s} selected={filters.status === s}>
              {t.status[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {d.payment}{" "}
        <select name="payment">
          <option value="">{d.all}</option>
          {PAYMENTS.map((p) => (
            <option value={p} selected={filters.payment === p}>
              {t.paymentStatus[p]}
            </option>
          ))}
        </select>
      </label>
      <input type="search" name="q" value={filters.search} placeholder={o.search} maxlength={20} />
      <button class="btn">{d.filter}</button>
    </form>
  );
}

/** The orders board: the day's orders in columns by status, refreshed live (orders-live.js). */
export function BoardPage(props: BoardPageProps) {
  const { d, o, t, session, shop } = props;
  return (
    <Page d={d} session={session} assets={props.assets} title={d.navOrders} section="orders" shop={shop} flash={props.flash} styles={["orders-board.css"]} scripts={["orders-live.js"]}>
      {props.typedOrder ? <TypedOrderForm {...props.typedOrder} /> : ""}
      <Filters {...props} />
      <p>
        <a class="btn-reject" style="color:#1f6f43" href={`/dashboard/orders/slips?shop=${encodeURIComponent(shop.slug)}&status=new&date=${props.date}`}>
          {o.slipsAllNew}
        </a>
      </p>
      {props.orders.length === 0 ? <p>{o.noOrders}</p> : ""}
      <div class="cols">
        {BOARD_COLUMNS.map((s) => {
          const list = props.orders.filter((x) => x.status === s);
          return list.length ? (
            <section class="col" data-status={s}>
              <h2>
                {t.status[s]} ({list.length})
              </h2>
              {list.map((order) => (
                <OrderCard order={order} items={props.items.get(order.id) ?? []} t={t} o={o} session={session} shop={shop} now={props.now} shipment={props.shipments?.get(order.id)} carriers={props.carriers ?? []} invoice={props.invoices?.get(order.id)} einvoice={props.einvoice} />
              ))}
            </section>
          ) : (
            ""
          );
        })}
      </div>
    </Page>
  );
}
