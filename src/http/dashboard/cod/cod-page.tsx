import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { CodReport, CodTotals } from "../../../domain/carriers/cod";
import { formatVnd } from "../../../domain/money";
import type { CodPageMessages } from "../../../i18n/cod-page";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";

export interface CodPageProps {
  d: DashboardFrameMessages;
  c: CodPageMessages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  report: CodReport;
}

const ROW = "display:flex;justify-content:space-between;gap:8px;padding:3px 0;border-bottom:1px solid #f0eee8";

function Figure(props: { label: string; value: number; name: string; strong?: boolean }) {
  return (
    <div style={ROW} data-figure={props.name}>
      <span>{props.label}</span>
      <span class="num">{props.strong ? <strong>{formatVnd(props.value)}</strong> : formatVnd(props.value)}</span>
    </div>
  );
}

function CarrierCard(props: { c: CodPageMessages; t: CodTotals }) {
  const { c, t } = props;
  return (
    <div class="card" data-carrier={t.carrier}>
      <h2 style="margin-top:0">
        {c.carrierName[t.carrier]} <span class="muted">· {c.shipments}: {t.shipments} · {c.delivered}: {t.delivered}</span>
      </h2>
      {t.shipments ? (
        <>
          <Figure label={c.collected} value={t.collected} name="collected" />
          <Figure label={c.fees} value={t.fees} name="fees" />
          <Figure label={c.paidOut} value={t.paidOut} name="paid-out" />
          <Figure label={t.balance >= 0 ? c.balance : c.shopOwes} value={Math.abs(t.balance)} name="balance" strong />
        </>
      ) : (
        <p class="muted">{c.noShipments}</p>
      )}
    </div>
  );
}

/** The COD page: the period's figures per carrier, then the delivered parcels not yet paid out (the overdue ones flagged). */
export function CodPage(props: CodPageProps) {
  const { d, c, shop, report } = props;
  const overdue = report.unsettled.filter((u) => u.overdue).length;
  return (
    <Page d={d} session={props.session} assets={props.assets} title={c.title} section="payments" shop={shop} styles={["sales.css"]}>
      <p class="muted" style="margin-top:0">{c.intro}</p>
      <form method="get" action="/dashboard/cod" class="filters">
        <input type="hidden" name="shop" value={shop.slug} />
        <label>
          {c.from}
          <br />
          <input type="date" name="from" value={report.from} />
        </label>
        <label>
          {c.to}
          <br />
          <input type="date" name="to" value={report.to} />
        </label>
        <label>
          {c.settleDays}
          <br />
          <input type="number" name="days" min="1" max="90" value={String(report.settleDays)} style="width:6em" />
        </label>
        <button class="btn" style="align-self:flex-end">{c.show}</button>
      </form>
      <p id="period">
        <strong>{c.period({ from: report.from, to: report.to })}</strong>
      </p>
      <div class="cols">
        {report.carriers.map((t) => (
          <CarrierCard c={c} t={t} />
        ))}
      </div>
      <h2>{c.unsettledTitle}</h2>
      {overdue ? (
        <div class="flash err" role="status" id="overdue">
          {c.overdueCount({ count: overdue, days: report.settleDays })}
        </div>
      ) : (
        ""
      )}
      {report.unsettled.length ? (
        <table id="unsettled">
          <thead>
            <tr>
              <th>{c.order}</th>
              <th>{c.deliveredCol}</th>
              <th class="num">{c.cod}</th>
            </tr>
          </thead>
          <tbody>
            {report.unsettled.map((u) => (
              <tr data-order={u.orderCode} class={u.overdue ? "overdue" : ""} style={u.overdue ? "background:#fdecea" : ""}>
                <td>
                  <strong>{u.orderCode}</strong>
                  <br />
                  <span class="muted">
                    {c.carrierName[u.carrier]} {u.waybill}
                  </span>
                </td>
                <td>
                  {c.daysAgo({ days: u.days })}
                  {u.overdue ? (
                    <>
                      <br />
                      <strong>{c.overdue({ days: report.settleDays })}</strong>
                    </>
                  ) : (
                    ""
                  )}
                </td>
                <td class="num">{formatVnd(u.collected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{c.unsettledNone}</p>
      )}
    </Page>
  );
}
