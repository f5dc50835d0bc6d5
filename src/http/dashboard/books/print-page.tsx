import type { Book } from "../../../domain/books/book";
import { bookTable, type BookCell, type BookColumn, type BookTableRow } from "../../../domain/books/book-table";
import type { TaxProfile } from "../../../domain/books/tax-profile";
import { formatVnd } from "../../../domain/money";
import type { BooksPageMessages } from "../../../i18n/books-page";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { HtmlDocument } from "../../../web/html-document";

export interface BookPrintPageProps {
  lang: string;
  b: BooksPageMessages;
  assets: AssetCatalog;
  book: Book;
  profile: TaxProfile;
  /** "Tháng 12 năm 2026", as the form's Kỳ kê khai. */
  periodName: string;
  back: string;
  /** Where an order's code links to (its order on the dashboard). */
  orderHref: (code: string) => string;
}

// An order's code in a row's reference or description: what links the row to its order.
const ORDER_CODE = /\bCC[A-Z2-9]{6}\b/;

/** Whole đồng as the form writes them (Đơn vị tính: đồng): 1.250.000, -20.000. */
const dong = (amount: number) => formatVnd(amount).replace("\u00a0₫", "");

/** A blank of the header printed as a dotted line to fill by hand. */
const Fill = (props: { value: string; name: string }) => (
  <span class="fill" data-fill={props.name}>
    {props.value}
  </span>
);

function Cell(props: { cell: BookCell; column: BookColumn; link: boolean; orderHref: (code: string) => string }) {
  const { cell, column } = props;
  if (column.kind === "money") return <td class="num">{typeof cell === "number" ? dong(cell) : ""}</td>;
  const text = cell === null ? "" : String(cell);
  const code = props.link ? (ORDER_CODE.exec(text)?.[0] ?? null) : null;
  if (!code) return <td class={/^\d{2}\/\d{2}\/\d{4}$/.test(text) ? "date" : ""}>{text}</td>;
  const at = text.indexOf(code);
  return (
    <td>
      {text.slice(0, at)}
      <a href={props.orderHref(code)} data-order={code}>
        {code}
      </a>
      {text.slice(at + code.length)}
    </td>
  );
}

/** Narrow columns for the date and the reference and the amounts; the description (the last text column) takes the rest. */
function colClass(c: BookColumn, i: number, columns: readonly BookColumn[]): string {
  if (c.kind === "money") return "c-amount";
  if (columns[i + 1]?.kind !== "text") return "";
  return c.label.startsWith("Ngày") ? "c-date" : "c-ref";
}

function TableRow(props: { row: BookTableRow; columns: BookColumn[]; orderHref: (code: string) => string }) {
  const { row, columns } = props;
  if (row.kind === "section")
    return (
      <tr class="section">
        <td colspan={columns.length}>{row.title}</td>
      </tr>
    );
  const link = row.kind === "line" && !row.manual;
  const attrs = row.kind === "line" ? { class: row.manual ? "line manual" : "line", "data-manual": row.manual ? "1" : "0" } : { class: row.key === "opening" ? "summary opening" : "summary", "data-summary": row.key };
  return (
    <tr {...attrs}>
      {row.cells.map((cell, i) => (
        <Cell cell={cell} column={columns[i]!} link={link} orderHref={props.orderHref} />
      ))}
    </tr>
  );
}

/** A book laid out like the official form, to print on A4 and sign; the bar above it never prints. Not framed. */
export function BookPrintPage(props: BookPrintPageProps) {
  const { b, book, profile } = props;
  const f = b.form;
  const table = bookTable(book);
  return (
    <HtmlDocument lang={props.lang} title={`${book.form.code} · ${props.periodName}`} assets={props.assets} styles={["books-print.css"]} scripts={["slip-print.js"]} data={{ book: book.book }}>
      <nav class="bar">
        <a href={props.back}>{b.back}</a>
        <button id="print" type="button">
          {b.print}
        </button>
        <span class="hint">{b.printHint}</span>
      </nav>
      {book.notes.length ? (
        <aside class="notes" id="notes">
          <strong>{b.notesTitle}</strong>
          <ul>
            {book.notes.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </aside>
      ) : (
        ""
      )}
      <article class="sheet" data-form={book.form.code}>
        <header class="head">
          <div class="left" id="household">
            <div>
              <strong>{f.household}</strong> <Fill value={profile.householdName} name="household" />
            </div>
            <div>
              {f.address} <Fill value={profile.address} name="address" />
            </div>
            <div>
              {f.taxCode} <Fill value={profile.taxCode} name="tax-code" />
            </div>
          </div>
          <div class="right" id="form-no">
            <strong>{f.formNo({ code: book.form.code })}</strong>
            <br />
            <em>{f.issuedWith({ version: book.form.version })}</em>
          </div>
        </header>
        <h1 class="title">{book.form.title}</h1>
        <div class="meta">
          <div>
            {f.location} <Fill value={profile.businessLocation} name="location" />
          </div>
          <div id="period">
            {f.period} {props.periodName}
          </div>
          <div class="unit">{f.unit}</div>
        </div>
        <table class="book" id="book-table">
          <colgroup>
            {table.columns.map((c, i) => (
              <col class={colClass(c, i, table.columns)} />
            ))}
          </colgroup>
          <thead>
            <tr class="names">
              {table.columns.map((c) => (
                <th>{c.label}</th>
              ))}
            </tr>
            <tr class="letters">
              {table.columns.map((c) => (
                <th>{c.letter}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {book.rows.length === 0 ? (
              <tr class="empty">
                <td colspan={table.columns.length}>{f.noRows}</td>
              </tr>
            ) : (
              ""
            )}
            {table.rows.map((row) => (
              <TableRow row={row} columns={table.columns} orderHref={props.orderHref} />
            ))}
          </tbody>
        </table>
        <footer class="foot">
          <div class="sign" id="signature">
            <em>{f.dateLine}</em>
            <strong>{f.signer}</strong>
            <em>{f.signHint}</em>
            <div class="space"></div>
            <Fill value={profile.representative} name="representative" />
          </div>
        </footer>
      </article>
    </HtmlDocument>
  );
}
