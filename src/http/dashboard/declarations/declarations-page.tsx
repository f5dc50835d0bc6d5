import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { declarationsPagePath } from "../../../domain/books/alerts";
import type { DeclarationsView } from "../../../domain/books/declarations/declarations-view";
import type { DeclarationPeriod } from "../../../domain/books/declarations/periods";
import type { DeclarationsPageMessages } from "../../../i18n/declarations-page";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";
import { DraftView } from "./draft-view";
import { FilingsCards } from "./filings-card";
import { PeriodForm } from "./period-form";

export interface DeclarationsPageProps {
  d: DashboardFrameMessages;
  p: DeclarationsPageMessages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  flash?: { text: string; error?: boolean } | undefined;
  years: number[];
  /** None: the draft could not be made (the flash says so). */
  view: DeclarationsView | null;
  period: DeclarationPeriod;
}

/** /dashboard/declarations: the period, the filings ahead, the draft field by field with its trail; printable. */
export function DeclarationsPage(props: DeclarationsPageProps) {
  const { p, shop, view } = props;
  const slug = encodeURIComponent(shop.slug);
  const jsonHref = `${declarationsPagePath(shop, view?.draft.periodKey)}&format=json`;
  return (
    <Page d={props.d} session={props.session} assets={props.assets} title={p.title} section="books" shop={shop} flash={props.flash} styles={["declarations.css"]} scripts={["declarations.js"]}>
      <p class="muted no-print" style="margin-top:0">
        {p.intro}
      </p>
      <div class="bar no-print">
        <a href={`/dashboard/books?shop=${slug}`}>← {p.booksLink}</a>
        <button type="button" class="btn" id="print">
          {p.printButton}
        </button>
        <a href={jsonHref} id="json-link">
          {p.jsonLink}
        </a>
      </div>
      <PeriodForm p={p} shop={shop} period={props.period} years={props.years} />
      {view ? (
        <>
          <FilingsCards p={p} shop={shop} view={view} />
          <DraftView p={p} shop={shop} draft={view.draft} today={view.today} profileHref={`/dashboard/books/profile?shop=${slug}`} />
        </>
      ) : (
        ""
      )}
    </Page>
  );
}
