// A book as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads Vietnamese right),
// commas, every text quoted, CRLF lines; a header row in Vietnamese, then one row per line of the
// form's table (bookTable) with its section first and "có" in the last column for a row added by hand.
// Amounts are bare integers of đồng. A text that a spreadsheet would run as a formula (starting with
// = + - @, a tab or a carriage return) gets a leading apostrophe.
import type { Book } from "./book";
import { bookTable, type BookCell } from "./book-table";

const BOM = "\uFEFF";

/** The CSV text of a book (with its BOM). */
export function bookCsv(book: Book): string {
  const table = bookTable(book);
  const lines: BookCell[][] = [["Phần", ...table.columns.map((c) => c.label), "Tự nhập"]];
  let section = book.sections[0]?.title ?? "";
  for (const row of table.rows) {
    if (row.kind === "section") section = row.title;
    else lines.push([section, ...row.cells, row.kind === "line" && row.manual ? "có" : ""]);
  }
  return BOM + lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** One CSV field: a number as it is, a text quoted (and defused when it would start a formula). */
export function csvCell(cell: BookCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return `"${safe.replace(/"/g, '""')}"`;
}
