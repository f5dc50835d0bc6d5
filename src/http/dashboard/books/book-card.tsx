import type { Shop } from "../../../db/schema";
import type { Book, BookCode } from "../../../domain/books/book";
import { formatVnd } from "../../../domain/money";
import type { BooksPageMessages } from "../../../i18n/books-page";
import { periodQuery, type BookPeriodChoice } from "./period";

/** Where a book is shown to print, and where the shop API gives it as a spreadsheet (CONTRACT.md). */
export function bookLinks(shop: Shop, code: BookCode, period: BookPeriodChoice): { print: string; xlsx: string; csv: string } {
  const slug = encodeURIComponent(shop.slug);
  const api = (format: string) => `/api/shops/${slug}/books/${code}?from=${period.from}&to=${period.to}&format=${format}`;
  return { print: `/dashboard/books/print?shop=${slug}&book=${code}&${periodQuery(period)}`, xlsx: api("xlsx"), csv: api("csv") };
}

/** One book of the period: its form's name, whether the shop must keep it, its summary figures, what to check, and its links. */
export function BookCard(props: { b: BooksPageMessages; shop: Shop; book: Book; period: BookPeriodChoice }) {
  const { b, book } = props;
  const links = bookLinks(props.shop, book.book, props.period);
  const titled = book.sections.length > 1;
  return (
    <article class="card book" data-book={book.book}>
      <h2>{book.form.code}</h2>
      <div>{b.bookName[book.book]}</div>
      <p class={`req ${book.required ? "yes" : "no"}`} data-required={book.required ? "1" : "0"}>
        {book.required ? b.required : b.notRequired}
      </p>
      <div class="muted">{b.rowsCount({ count: book.rows.length })}</div>
      {book.sections.map((s) =>
        s.summary.length ? (
          <div data-section={s.key}>
            {titled ? <div class="muted">{s.title}</div> : ""}
            {s.summary.map((r) => (
              <div class="fig" data-figure={r.key} title={r.how}>
                <span>{r.label}</span>
                <span class="num">{formatVnd(r.amount)}</span>
              </div>
            ))}
          </div>
        ) : (
          ""
        ),
      )}
      {book.notes.length ? (
        <details>
          <summary class="muted">
            {b.notesTitle} ({book.notes.length})
          </summary>
          <ul class="notes">
            {book.notes.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </details>
      ) : (
        ""
      )}
      <div class="links">
        <a href={links.print} class="main" data-link="print">
          {b.view}
        </a>
        <a href={links.xlsx} data-link="xlsx" download>
          {b.xlsx}
        </a>
        <a href={links.csv} data-link="csv" download>
          {b.csv}
        </a>
      </div>
    </article>
  );
}
