// A book as an XLSX file laid out like the official form (Circular 152/2025 annex, BOOKS.md §2 Header):
// household, address and tax code on the left, the form code and its circular on the right; the title,
// business location, period and "Đơn vị tính: đồng"; the columns as the form letters them; section
// titles, lines and totals (amounts as numbers with a thousands format); the date and the
// representative's signature lines. A second sheet holds the notes and how each total was computed.
//
// write-excel-file/universal builds it from Web APIs only (Blob, over fflate), so the same code runs on
// Node and Workers; but fflate compresses a part larger than 160 kB in a Web Worker, which Workers do
// not have: there a big book's XLSX fails (XlsxUnavailable) and the API serves its CSV instead.
import writeXlsxFile, { type Cell, type CellObject, type Row, type SheetData } from "write-excel-file/universal";
import type { Book } from "./book";
import { bookTable, type BookCell } from "./book-table";
import type { TaxProfile } from "./tax-profile";
import { vnDate } from "../../i18n/vn-date";

/** What the form's header and signature say about the household (from its tax profile; blank: dots to fill by hand). */
export interface BookHeader {
  householdName: string;
  address: string;
  taxCode: string;
  businessLocation: string;
  representative: string;
}

export const BLANK = "……………………………………";

export function bookHeader(profile: Pick<TaxProfile, "householdName" | "address" | "taxCode" | "businessLocation" | "representative">): BookHeader {
  return { householdName: profile.householdName, address: profile.address, taxCode: profile.taxCode, businessLocation: profile.businessLocation, representative: profile.representative };
}

/** The XLSX could not be made on this runtime (see the file's comment). */
export class XlsxUnavailable extends Error {}

const MONEY = "#,##0";
const WIDTHS: Record<Book["book"], number[]> = { S1a: [14, 64, 18], S2a: [22, 12, 60, 18], S2e: [26, 12, 52, 16, 16] };

/** The XLSX bytes of a book. Throws XlsxUnavailable when the runtime cannot compress it. */
export async function bookXlsx(book: Book, header: BookHeader): Promise<Uint8Array<ArrayBuffer>> {
  const sheets = [
    { sheet: book.form.code, data: formSheet(book, header), columns: WIDTHS[book.book].map((width) => ({ width })) },
    { sheet: "Ghi chú", data: notesSheet(book), columns: [{ width: 40 }, { width: 30 }, { width: 18 }, { width: 100 }] },
  ];
  try {
    const blob = await writeXlsxFile(sheets).toBlob();
    return new Uint8Array(await blob.arrayBuffer());
  } catch (e) {
    throw new XlsxUnavailable(`XLSX not made: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function formSheet(book: Book, header: BookHeader): SheetData {
  const table = bookTable(book);
  const n = table.columns.length;
  const left = Math.ceil(n / 2);
  const or = (v: string) => v.trim() || BLANK;
  const wide = (value: string, style: Partial<CellObject> = {}): Row => [{ value, type: String, columnSpan: n, ...style }, ...nulls(n - 1)];
  const split = (l: string, r: string, rStyle: Partial<CellObject> = {}): Row => [
    { value: l, type: String, columnSpan: left },
    ...nulls(left - 1),
    { value: r, type: String, columnSpan: n - left, align: "center", wrap: true, ...rStyle },
    ...nulls(n - left - 1),
  ];
  const border = { borderStyle: "thin", borderColor: "#000000" } as const;
  const rows: SheetData = [
    split(`HỘ, CÁ NHÂN KINH DOANH: ${or(header.householdName)}`, `Mẫu số ${book.form.code}`, { fontWeight: "bold" }),
    split(`Địa chỉ: ${or(header.address)}`, `(Kèm theo ${book.form.version})`, { fontStyle: "italic" }),
    split(`Mã số thuế: ${or(header.taxCode)}`, ""),
    [],
    wide(book.form.title, { fontWeight: "bold", align: "center", fontSize: 14 }),
    wide(`Địa điểm kinh doanh: ${or(header.businessLocation)}`, { align: "center" }),
    wide(`Kỳ kê khai: từ ${vnDate(book.from)} đến ${vnDate(book.to)}`, { align: "center" }),
    wide("Đơn vị tính: đồng", { align: "right", fontStyle: "italic" }),
    table.columns.map((c) => ({ value: c.label, type: String, fontWeight: "bold", align: "center", wrap: true, ...border }) satisfies CellObject),
    table.columns.map((c) => ({ value: c.letter, type: String, fontStyle: "italic", align: "center", ...border }) satisfies CellObject),
  ];
  for (const row of table.rows) {
    if (row.kind === "section") rows.push([{ value: row.title, type: String, fontWeight: "bold", columnSpan: n, ...border }, ...nulls(n - 1)]);
    else rows.push(row.cells.map((cell, i) => bodyCell(cell, table.columns[i]!.kind, row.kind === "summary", border)));
  }
  const sign = (value: string, style: Partial<CellObject> = {}): Row => [...nulls(n - 2), { value, type: String, columnSpan: 2, align: "center", ...style }, null];
  rows.push(
    [],
    sign("Ngày ….. tháng ….. năm ……", { fontStyle: "italic" }),
    sign("NGƯỜI ĐẠI DIỆN HỘ KINH DOANH/CÁ NHÂN KINH DOANH", { fontWeight: "bold", wrap: true }),
    sign("(Ký, ghi rõ họ tên, đóng dấu (nếu có))", { fontStyle: "italic" }),
    [],
    [],
    [],
    sign(header.representative.trim() || BLANK, { fontWeight: "bold" }),
  );
  return rows;
}

function bodyCell(cell: BookCell, kind: "text" | "money", bold: boolean, border: Partial<CellObject>): Cell {
  const style: Partial<CellObject> = { ...border, ...(bold ? { fontWeight: "bold" } : {}) };
  if (cell === null || cell === "") return { ...style, value: undefined } as CellObject;
  if (kind === "money" && typeof cell === "number") return { value: cell, type: Number, format: MONEY, ...style };
  return { value: String(cell), type: String, wrap: kind === "text", ...style };
}

function notesSheet(book: Book): SheetData {
  const rows: SheetData = [[{ value: `Ghi chú cho ${book.form.code} (${vnDate(book.from)} – ${vnDate(book.to)})`, type: String, fontWeight: "bold" }]];
  for (const note of book.notes) rows.push([{ value: note, type: String, columnSpan: 4, wrap: true }, null, null, null]);
  rows.push([], [{ value: "Cách tính", type: String, fontWeight: "bold" }]);
  rows.push(["Phần", "Dòng", "Số tiền", "Cách tính"].map((value) => ({ value, type: String, fontWeight: "bold" }) satisfies CellObject));
  for (const s of book.sections)
    for (const r of s.summary) rows.push([{ value: s.title, type: String }, { value: r.label, type: String }, { value: r.amount, type: Number, format: MONEY }, { value: r.how, type: String, wrap: true }]);
  return rows;
}

function nulls(count: number): null[] {
  return Array.from({ length: Math.max(0, count) }, () => null);
}
