import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { Book } from "../../../domain/books/book";
import type { ManualEntry } from "../../../domain/books/manual-entries";
import type { OrderReturn } from "../../../domain/books/returns";
import type { BooksPageMessages } from "../../../i18n/books-page";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";
import { BookCard } from "./book-card";
import { EntriesSection, type EntryFormState } from "./entries-section";
import { PeriodPicker } from "./period-picker";
import type { BookPeriodChoice } from "./period";
import { ReturnsSection, type ReturnFormState } from "./returns-section";

export interface BooksPageProps {
  d: DashboardFrameMessages;
  b: BooksPageMessages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  flash?: { text: string; error?: boolean } | undefined;
  period: BookPeriodChoice;
  today: string;
  books: Book[];
  /** The household's name, tax code or address still blank: the printed header has dotted lines. */
  profileBlank: boolean;
  entries: ManualEntry[];
  returns: OrderReturn[];
  entryForm: EntryFormState;
  returnForm: ReturnFormState;
}

/** /dashboard/books: the period, the three books with their figures and links, rows added by hand, returns. */
export function BooksPage(props: BooksPageProps) {
  const { b, shop } = props;
  const profileHref = `/dashboard/books/profile?shop=${encodeURIComponent(shop.slug)}`;
  return (
    <Page d={props.d} session={props.session} assets={props.assets} title={b.title} section="books" shop={shop} flash={props.flash} styles={["books.css"]}>
      <p class="muted" style="margin-top:0">
        {b.intro}
      </p>
      <nav class="tabs">
        <a href="#books">{b.sections.books}</a>·<a href="#entries">{b.sections.entries}</a>·<a href="#returns">{b.sections.returns}</a>·
        <a href={profileHref} id="profile-link">
          {b.sections.profile}
        </a>·
        <a href={`/dashboard/declarations?shop=${encodeURIComponent(shop.slug)}`} id="declarations-link">
          {b.sections.declarations}
        </a>
      </nav>
      {props.profileBlank ? (
        <div class="flash" role="note" id="profile-missing">
          {b.profileMissing} <a href={profileHref}>{b.profileLink} →</a>
        </div>
      ) : (
        ""
      )}
      <PeriodPicker b={b} shop={shop} period={props.period} today={props.today} action="/dashboard/books" />
      <section id="books" class="cols">
        {props.books.map((book) => (
          <BookCard b={b} shop={shop} book={book} period={props.period} />
        ))}
      </section>
      <EntriesSection b={b} session={props.session} shop={shop} period={props.period} today={props.today} form={props.entryForm} entries={props.entries} />
      <ReturnsSection b={b} session={props.session} shop={shop} period={props.period} today={props.today} form={props.returnForm} returns={props.returns} />
    </Page>
  );
}
