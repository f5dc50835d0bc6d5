// GET /api/shops/:shop/books/:book?from&to&format=json|csv|xlsx (CONTRACT.md): a household book for a
// period, for the shop's owner or the operator. Without from and to: the current shop-local month.
// JSON is { book, from, to, rows, totals }; CSV and XLSX are files named like S1a-HKD_demo_2026-11.xlsx.
// Where the runtime cannot compress a big XLSX (Workers, see export-xlsx.ts) the CSV is sent instead,
// its name and type saying so, with X-Book-Format: csv.
import { BOOK_CODES, type BookCode } from "../../domain/books/book";
import { bookFileName } from "../../domain/books/book-table";
import { buildBook } from "../../domain/books/build-book";
import { bookCsv } from "../../domain/books/export-csv";
import { bookHeader, bookXlsx, XlsxUnavailable } from "../../domain/books/export-xlsx";
import { MAX_BOOK_DAYS, parsePeriod, type PeriodError } from "../../domain/books/period";
import { taxProfile } from "../../domain/books/tax-profile";
import { RULES_COVER_FROM } from "../../domain/books/rules/tax-rules";
import type { Store } from "../../db/store";
import type { Clock } from "../../platform/clock";
import { localTime } from "../../platform/shop-time";
import { jsonError } from "../errors";
import { ownerOrOperator, type ShopScoped } from "../shop-scope";

const FORMATS = ["json", "csv", "xlsx"] as const;
const PERIOD_ERRORS: Record<PeriodError, string> = {
  bad_date: "from and to must be dates, YYYY-MM-DD",
  one_date: "give both from and to, or neither (the current month)",
  before_rules: `books start on ${RULES_COVER_FROM}`,
  ends_before_start: "to is before from",
  too_long: `a book covers at most ${MAX_BOOK_DAYS} days`,
};
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const isBookCode = (v: string): v is BookCode => (BOOK_CODES as readonly string[]).includes(v);

/** Adds the books route to the shop API. */
export function booksRoutes(app: ShopScoped, deps: { store: Store; clock: Clock }): void {
  app.get("/:shop/books/:book", ownerOrOperator, async (c) => {
    const shop = c.get("shop");
    const code = c.req.param("book");
    if (!isBookCode(code)) return jsonError(c, 404, `unknown book: ${BOOK_CODES.join(", ")}`);
    const format = c.req.query("format") ?? "json";
    if (!(FORMATS as readonly string[]).includes(format)) return jsonError(c, 400, `format must be one of ${FORMATS.join(", ")}`);
    const period = parsePeriod(c.req.query("from"), c.req.query("to"), localTime(deps.clock.now(), shop.time_zone).date);
    if (!period.ok) return jsonError(c, 400, PERIOD_ERRORS[period.reason]);
    const profile = await taxProfile(deps.store, shop.id);
    const book = await buildBook(deps.store, shop, code, period.value, { profile });
    c.header("cache-control", "private, no-store");
    if (format === "json") return c.json({ book: book.book, from: book.from, to: book.to, rows: book.rows, totals: book.totals });
    const file = (ext: "csv" | "xlsx") => `attachment; filename="${bookFileName(book, shop.slug, ext)}"`;
    if (format === "xlsx") {
      try {
        const bytes = await bookXlsx(book, bookHeader(profile));
        return c.body(bytes, 200, { "content-type": XLSX_TYPE, "content-disposition": file("xlsx") });
      } catch (e) {
        if (!(e instanceof XlsxUnavailable)) throw e;
        c.header("x-book-format", "csv");
      }
    }
    return c.body(bookCsv(book), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": file("csv") });
  });
}
