import type { Broadcast, Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { BroadcastProgress } from "../../../domain/broadcast/progress";
import type { BroadcastsPageMessages } from "../../../i18n/broadcasts-page";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";
import { shopQuery, shopTime, whatLabel } from "./format";

export interface DetailsPageProps {
  d: DashboardFrameMessages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  m: BroadcastsPageMessages;
  broadcast: Broadcast;
  progress: BroadcastProgress;
}

/** One post: its totals, then where it stands in each group (with the platform's error, if any). */
export function DetailsPage(props: DetailsPageProps) {
  const { d, shop, m, broadcast: b, progress } = props;
  const status = (st: string) => (m.bcDelivery as Record<string, string>)[st] ?? st;
  return (
    <Page d={d} session={props.session} assets={props.assets} title={m.bcDetailsTitle({ id: b.id })} section="broadcasts" shop={shop} styles={["broadcasts.css"]}>
      <p>
        <a href={`/dashboard/broadcasts${shopQuery(shop)}`}>{m.bcBack}</a>
      </p>
      <div class="card">
        <strong>{whatLabel(m, b)}</strong>
        <div class="muted">
          {shopTime(b.created_at, shop.time_zone)}
          {b.created_by ? ` · ${b.created_by}` : ""}
        </div>
        <div>
          {`${m.bcGroups}: ${progress.targets} · ${m.bcSentCount}: ${progress.sent} · ${m.bcFailedCount}: ${progress.failed} · ${m.bcUncertainCount}: ${progress.uncertain} · ${m.bcPendingCount}: ${progress.pending}`}
        </div>
      </div>
      {progress.deliveries.length === 0 ? (
        <p class="muted">{m.bcNoDeliveries}</p>
      ) : (
        <div class="scroll">
          <table id="deliveries">
            <tr>
              <th>{m.bcGroups}</th><th>{d.status}</th><th>{m.bcError}</th>
            </tr>
            {progress.deliveries.map((row) => (
              <tr>
                <td>
                  {row.title || row.chatId}
                  <div class="muted">
                    {row.channel} · {row.chatId}
                  </div>
                </td>
                <td>{status(row.status)}</td>
                <td>{row.error ?? ""}</td>
              </tr>
            ))}
          </table>
        </div>
      )}
    </Page>
  );
}
