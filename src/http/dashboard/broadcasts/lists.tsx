import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { BroadcastWithCounts } from "../../../domain/broadcast/recent-broadcasts";
import type { ScheduledPost } from "../../../domain/broadcast/shop-schedules";
import type { BroadcastsPageMessages } from "../../../i18n/broadcasts-page";
import { CsrfField } from "../layout";
import { cronLabel, shopQuery, shopTime, whatLabel } from "./format";

interface ListProps {
  session: Session;
  shop: Shop;
  m: BroadcastsPageMessages;
}

// A count that needs a look (failed, uncertain) is coloured only when it is not zero.
const Flagged = (props: { n: number; cls: string }) => <td class={props.n ? props.cls : ""}>{props.n}</td>;

/** The recent posts with how many groups each reached, and a link to its delivery group by group. */
export function RecentBroadcasts(props: ListProps & { recent: readonly BroadcastWithCounts[] }) {
  const { shop, m } = props;
  if (props.recent.length === 0) return <p class="muted">{m.bcNoBroadcasts}</p>;
  return (
    <div class="scroll">
      <table id="broadcasts">
        <tr>
          <th>{m.bcWhenCol}</th><th>{m.bcWhat}</th><th>{m.bcGroups}</th><th>{m.bcSentCount}</th><th>{m.bcFailedCount}</th><th>{m.bcUncertainCount}</th><th>{m.bcPendingCount}</th><th></th>
        </tr>
        {props.recent.map((b) => (
          <tr data-id={b.id}>
            <td>
              {shopTime(b.created_at, shop.time_zone)}
              {b.created_by ? <div class="muted">{b.created_by}</div> : ""}
            </td>
            <td>{whatLabel(m, b)}</td>
            <td>{b.targets}</td>
            <td>{b.sent}</td>
            <Flagged n={b.failed} cls="n-failed" />
            <Flagged n={b.uncertain} cls="n-uncertain" />
            <td>{b.pending}</td>
            <td>
              <a href={`/dashboard/broadcasts/${b.id}${shopQuery(shop)}`}>{m.bcDetails}</a>
            </td>
          </tr>
        ))}
      </table>
    </div>
  );
}

/** The active schedules, each with its next and last run and a button that turns it off. */
export function Schedules(props: ListProps & { schedules: readonly ScheduledPost[] }) {
  const { session, shop, m } = props;
  if (props.schedules.length === 0) return <p class="muted">{m.bcNoSchedules}</p>;
  return (
    <div class="scroll">
      <table id="schedules">
        <tr>
          <th>{m.bcWhen}</th><th>{m.bcWhat}</th><th>{m.bcNextRun}</th><th>{m.bcLastRun}</th><th></th>
        </tr>
        {props.schedules.map((s) => (
          <tr data-id={s.id}>
            <td>
              {cronLabel(m, s.cron)}
              <div class="muted">
                <code>{s.cron}</code>
              </div>
            </td>
            <td>{whatLabel(m, s)}</td>
            <td>{shopTime(s.next_run_at, shop.time_zone)}</td>
            <td>{s.last_run_at ? shopTime(s.last_run_at, shop.time_zone) : "—"}</td>
            <td>
              <form method="post" action={`/dashboard/broadcasts/schedules/${s.id}/off${shopQuery(shop)}`} class="inline">
                <CsrfField session={session} />
                <button class="btn alt">{m.bcDeactivate}</button>
              </form>
            </td>
          </tr>
        ))}
      </table>
    </div>
  );
}
