import type { BroadcastWithCounts } from "../../../domain/broadcast/recent-broadcasts";
import type { ScheduledPost } from "../../../domain/broadcast/shop-schedules";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";
import { ComposerForm, type ComposerFormProps } from "./composer-form";
import { RecentBroadcasts, Schedules } from "./lists";

export interface ComposerPageProps extends ComposerFormProps {
  d: DashboardFrameMessages;
  assets: AssetCatalog;
  flash?: { text: string; error?: boolean } | undefined;
  recent: readonly BroadcastWithCounts[];
  schedules: readonly ScheduledPost[];
}

/** The broadcasts page: the composer, then the recent posts and the schedules (times in the shop's zone). */
export function ComposerPage(props: ComposerPageProps) {
  const { d, session, shop, m } = props;
  const list = { session, shop, m };
  return (
    <Page d={d} session={session} assets={props.assets} title={d.navBroadcasts} section="broadcasts" shop={shop} flash={props.flash} styles={["broadcasts.css"]} scripts={["broadcast-composer.js"]}>
      <ComposerForm {...props} />
      <h2>{m.bcRecent}</h2>
      <RecentBroadcasts {...list} recent={props.recent} />
      <h2>{m.bcSchedules}</h2>
      <Schedules {...list} schedules={props.schedules} />
      <p class="muted">{m.bcTimeNote({ zone: shop.time_zone })}</p>
    </Page>
  );
}
