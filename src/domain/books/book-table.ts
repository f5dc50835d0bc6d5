// A book laid out as its official form's table (Circular 152/2025 annex): the columns as the form
// letters them, then section titles, the opening balance (S2e), the lines and the summary rows, each
// cell a string or a whole number of đồng. The CSV and XLSX exports (and any printed page) read this,
// so they all show the same table.
import { addDays } from "../../platform/shop-time";
import type { Book, BookCode, BookRow } from "./book";
import { vnDate } from "../../i18n/vn-date";

export interface BookColumn {
  /** A, B, C… for text columns, 1, 2… for amounts, as on the form. */
  letter: string;
  label: string;
  kind: "text" | "money";
}

export type BookCell = string | number | null;

export type BookTableRow =
  | { kind: "section"; title: string }
  | { kind: "line"; cells: BookCell[]; manual: boolean }
  | { kind: "summary"; key: string; cells: BookCell[] };

export interface BookTable {
  columns: BookColumn[];
  rows: BookTableRow[];
}

const COLUMNS: Record<BookCode, BookColumn[]> = {
  S1a: [
    { letter: "A", label: "Ngày tháng", kind: "text" },
    { letter: "B", label: "Diễn giải", kind: "text" },
    { letter: "1", label: "Số tiền", kind: "money" },
  ],
  S2a: [
    { letter: "A", label: "Số hiệu", kind: "text" },
    { letter: "B", label: "Ngày, tháng", kind: "text" },
    { letter: "C", label: "Diễn giải", kind: "text" },
    { letter: "1", label: "Số tiền", kind: "money" },
  ],
  S2e: [
    { letter: "A", label: "Số hiệu", kind: "text" },
    { letter: "B", label: "Ngày tháng", kind: "text" },
    { letter: "C", label: "Diễn giải", kind: "text" },
    { letter: "1", label: "Thu/Gửi vào", kind: "money" },
    { letter: "2", label: "Chi/Rút ra", kind: "money" },
  ],
};

/** What a row added by hand says after its description. */
export const MANUAL_MARK = " (tự nhập)";

/** The form's table of a book. */
export function bookTable(book: Book): BookTable {
  const code = book.book;
  const rows: BookTableRow[] = [];
  const described = (r: BookRow) => `${r.description}${r.manual ? MANUAL_MARK : ""}`;
  for (const section of book.sections) {
    if (code !== "S1a") rows.push({ kind: "section", title: section.title });
    // Only S2e's sections carry an opening balance.
    if (section.opening !== undefined) rows.push({ kind: "summary", key: "opening", cells: ["", "", "Số dư đầu kỳ", section.opening, null] });
    for (const r of section.rows) {
      const cells: BookCell[] =
        code === "S1a"
          ? [vnDate(r.date), described(r), r.amount]
          : code === "S2a"
            ? [r.ref ?? "", vnDate(r.date), described(r), r.amount]
            : [r.ref ?? "", vnDate(r.date), described(r), r.amount > 0 ? r.amount : null, r.amount < 0 ? -r.amount : null];
      rows.push({ kind: "line", cells, manual: r.manual === true });
    }
    for (const s of section.summary) {
      const cells: BookCell[] =
        code === "S1a"
          ? ["", s.label, s.amount]
          : code === "S2a"
            ? ["", "", s.label, s.amount]
            : ["", "", s.label, s.key === "out" ? null : s.amount, s.key === "out" ? s.amount : null];
      rows.push({ kind: "summary", key: s.key, cells });
    }
  }
  return { columns: COLUMNS[code], rows };
}

/** The file name of a book's export: S1a-HKD_demo_2026-11.xlsx for a calendar month, else with both days. */
export function bookFileName(book: Pick<Book, "book" | "from" | "to">, shopSlug: string, ext: "csv" | "xlsx"): string {
  const month = book.from.slice(0, 7);
  const wholeMonth = book.from === `${month}-01` && book.to.slice(0, 7) === month && addDays(book.to, 1).slice(8) === "01";
  const span = wholeMonth ? month : `${book.from}_${book.to}`;
  return `${book.book}-HKD_${shopSlug.replace(/[^a-z0-9-]/gi, "")}_${span}.${ext}`;
}
