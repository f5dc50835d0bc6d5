import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { formatVnd } from "../../../domain/money";
import type { SalesDay } from "../../../domain/orders/sales-by-day";
import type { TopItem } from "../../../domain/orders/top-items";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { SalesPageMessages } from "../../../i18n/sales-page";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";
import { SalesChart } from "./sales-chart";

export interface SalesPageProps {
  d: DashboardFrameMessages;
  s: SalesPageMessages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  days: readonly SalesDay[];
  top: readonly TopItem[];
}

/** The sales page: the 30 days' total, the chart, the days with orders (latest first), the top items. */
export function SalesPage(props: SalesPageProps) {
  const { s, days, top } = props;
  const revenue = days.reduce((sum, x) => sum + x.revenue, 0);
  const orders = days.reduce((sum, x) => sum + x.orders, 0);
  const withOrders = days.filter((x) => x.orders > 0).reverse();
  return (
    <Page d={props.d} session={props.session} assets={props.assets} title={s.salesTitle} section="sales" shop={props.shop} styles={["sales.css"]}>
      <p class="total" id="total">
        <strong>{s.total30({ revenue: formatVnd(revenue), orders })}</strong>
      </p>
      <div class="card">
        <SalesChart days={days} s={s} />
        <p class="muted" style="margin:6px 0 0">
          {s.revenueNote}
        </p>
      </div>
      <h2>{s.byDay}</h2>
      {withOrders.length ? (
        <table>
          <thead>
            <tr>
              <th>{s.day}</th>
              <th class="num">{s.orders}</th>
              <th class="num">{s.revenue}</th>
            </tr>
          </thead>
          <tbody>
            {withOrders.map((x) => (
              <tr data-date={x.date}>
                <td>{s.longDate({ date: x.date })}</td>
                <td class="num">{x.orders}</td>
                <td class="num">{formatVnd(x.revenue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{s.noSales}</p>
      )}
      <h2>{s.topItems}</h2>
      {top.length ? (
        <table>
          <thead>
            <tr>
              <th>{s.code}</th>
              <th>{s.name}</th>
              <th class="num">{s.qty}</th>
              <th class="num">{s.amount}</th>
            </tr>
          </thead>
          <tbody>
            {top.map((i) => (
              <tr>
                <td>{i.code}</td>
                <td>{i.name}</td>
                <td class="num">{i.qty}</td>
                <td class="num">{formatVnd(i.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{s.noSales}</p>
      )}
    </Page>
  );
}
