import { Hono } from "hono";
import type { Shop } from "../../db/schema";
import { BOOK_CODES, type BookCode } from "../../domain/books/book";
import { buildBook } from "../../domain/books/build-book";
import { addManualEntry, deleteManualEntry, manualEntriesOf, parseManualEntry } from "../../domain/books/manual-entries";
import { deleteReturn, recordReturn, parseReturnForm, returnableOrder, returnsOf, normalizeOrderCode } from "../../domain/books/returns";
import { revenueLines, revenueTotals } from "../../domain/books/revenue-lines";
import { RULES_COVER_FROM, ruleOn } from "../../domain/books/rules/tax-rules";
import { einvoiceRuleOn, parseTaxProfile, saveTaxProfile, taxProfile, type TaxProfile } from "../../domain/books/tax-profile";
import { formatVnd } from "../../domain/money";
import { findOrderByCode } from "../../domain/orders/queries";
import { booksPageMessages, type BooksPageMessages } from "../../i18n/books-page";
import { localTime } from "../../platform/shop-time";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { actorOf } from "./orders/actor";
import { ownersOnly } from "./owners-only";
import { BooksPage } from "./books/books-page";
import { entryFormDefaults, type EntryFormState } from "./books/entries-section";
import { periodFromQuery, periodQuery, type BookPeriodChoice } from "./books/period";
import { periodName } from "./books/period-picker";
import { BookPrintPage } from "./books/print-page";
import { ProfilePage } from "./books/profile-page";
import { returnFormDefaults, type ReturnFormState } from "./books/returns-section";

type Flash = { text: string; error?: boolean };
const ORDER_CODE = /^CC[A-Z2-9]{6}$/;

/** A form's fields as strings (a file field, never expected here, reads as empty). */
const strings = (form: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 500) : ""]));

/** The flash a redirect back asked for: only known keys, a well-formed code and a whole amount come from the URL. */
function flashOf(c: DashboardContext, b: BooksPageMessages): Flash | undefined {
  const ok = c.req.query("ok");
  if (ok === "entry") return { text: b.entryAdded };
  if (ok === "deleted") return { text: b.entryDeleted };
  if (ok === "return-deleted") return { text: b.returnDeleted };
  if (ok === "profile") return { text: b.profileSaved };
  if (ok === "return") {
    const code = c.req.query("code") ?? "";
    const amount = Number(c.req.query("amount"));
    if (ORDER_CODE.test(code) && Number.isSafeInteger(amount) && amount > 0) return { text: b.returnSaved({ code, amount: formatVnd(amount) }) };
  }
  if (c.req.query("err") === "gone") return { text: b.entryGone, error: true };
  return undefined;
}

/**
 * The household books (issue 24) at /dashboard/books: the period's S1a/S2a/S2e with their figures and
 * links (print, XLSX, CSV through the shop API), rows added by hand, returns; the printable form at
 * /books/print; the household's details at /books/profile. Owners and the operator only: staff and
 * shippers get 403 on every page and post.
 */
export function booksRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  for (const path of ["/books", "/books/*"]) {
    app.use(path, requireSession(deps));
    app.use(path, ownersOnly);
  }

  const todayAt = (shop: Shop) => localTime(deps.clock.now(), shop.time_zone).date;
  const messages = (c: DashboardContext) => booksPageMessages(c.get("session").lang);
  /** The period a post carries back (its p_ fields), as the page it came from had it. */
  const postedPeriod = (form: Record<string, unknown>, today: string) => {
    const f = strings(form);
    return periodFromQuery({ from: f.p_from, to: f.p_to, month: f.p_month, quarter: f.p_quarter, year: f.p_year }, today);
  };
  const back = (c: DashboardContext, shop: Shop, period: BookPeriodChoice, query: string, anchor: string) =>
    c.redirect(`/dashboard/books?shop=${encodeURIComponent(shop.slug)}&${periodQuery(period)}&${query}#${anchor}`, 303);

  const renderBooks = async (c: DashboardContext, shop: Shop, period: BookPeriodChoice, opts: { flash?: Flash | undefined; entryForm?: EntryFormState; returnForm?: ReturnFormState; status?: 200 | 400 } = {}) => {
    const session = c.get("session");
    const today = todayAt(shop);
    const profile = await taxProfile(deps.store, shop.id);
    const range = { from: period.from, to: period.to };
    const books = await Promise.all(BOOK_CODES.map((code) => buildBook(deps.store, shop, code, range, { profile })));
    const [entries, returns] = await Promise.all([manualEntriesOf(deps.store, shop.id, range), returnsOf(deps.store, shop.id, range)]);
    const page = {
      d: c.get("d"),
      b: messages(c),
      session,
      assets: c.get("assets"),
      shop,
      flash: opts.flash,
      period,
      today,
      books,
      profileBlank: !profile.householdName || !profile.taxCode || !profile.address,
      entries,
      returns,
      entryForm: opts.entryForm ?? entryFormDefaults(today),
      returnForm: opts.returnForm ?? returnFormDefaults(today),
    };
    return c.html(<BooksPage {...page} />, opts.status ?? 200);
  };

  app.get("/books", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const today = todayAt(shop);
    // From a delivered order's card ("Ghi hàng trả lại"): the return form comes with its code.
    const fromCard = normalizeOrderCode(c.req.query("return") ?? "");
    const returnForm = returnFormDefaults(today);
    if (ORDER_CODE.test(fromCard)) returnForm.values.code = fromCard;
    return renderBooks(c, shop, periodFromQuery(c.req.query(), today), { flash: flashOf(c, messages(c)), returnForm });
  });

  app.post("/books/entries", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const form = await c.req.parseBody();
    const today = todayAt(shop);
    const period = postedPeriod(form, today);
    const parsed = parseManualEntry(form, today);
    if (!parsed.ok) return renderBooks(c, shop, period, { entryForm: { values: strings(form), problems: parsed.reason }, status: 400 });
    // A row with no description says what kind it is, in the books' own language (Vietnamese).
    const fallback = booksPageMessages("vi").kind[parsed.value.kind];
    await addManualEntry(deps.store, shop.id, parsed.value, fallback, actorOf(c.get("session")).name, deps.clock.now());
    return back(c, shop, period, "ok=entry", "entries");
  });

  app.post("/books/entries/:id/delete", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id) || id <= 0) return c.html(`<p>${c.get("d").badRequest}</p>`, 400);
    const period = postedPeriod(await c.req.parseBody(), todayAt(shop));
    const deleted = await deleteManualEntry(deps.store, shop.id, id, deps.clock.now());
    return back(c, shop, period, deleted ? "ok=deleted" : "err=gone", "entries");
  });

  app.post("/books/returns/:id/delete", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id) || id <= 0) return c.html(`<p>${c.get("d").badRequest}</p>`, 400);
    const period = postedPeriod(await c.req.parseBody(), todayAt(shop));
    const deleted = await deleteReturn(deps.store, shop.id, id, deps.clock.now());
    return back(c, shop, period, deleted ? "ok=return-deleted" : "err=gone", "returns");
  });

  app.post("/books/returns", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const b = messages(c);
    const form = await c.req.parseBody();
    const today = todayAt(shop);
    const period = postedPeriod(form, today);
    const values = strings(form);
    const parsed = parseReturnForm(form, today);
    if (!parsed.ok) return renderBooks(c, shop, period, { returnForm: { values, problems: parsed.reason }, status: 400 });
    const result = await recordReturn(deps.store, shop, parsed.value, actorOf(c.get("session")).name, deps.clock.now());
    if (result.ok) return back(c, shop, period, `ok=return&code=${result.value.code}&amount=${result.value.amount}`, "returns");
    const code = normalizeOrderCode(parsed.value.code);
    const found = await returnableOrder(deps.store, shop, code);
    const left = found.ok ? found.value.left : 0;
    const refused = b.returnRefused;
    const refusal =
      result.reason === "above_left"
        ? refused.above_left({ code, left: formatVnd(left) })
        : result.reason === "before_delivery"
          ? refused.before_delivery({ code, date: found.ok ? found.value.deliveredDate : parsed.value.acceptedDate })
          : refused[result.reason]({ code });
    return renderBooks(c, shop, period, { returnForm: { values, problems: [], refusal }, status: 400 });
  });

  const renderProfile = async (c: DashboardContext, shop: Shop, values: Record<keyof TaxProfile, string>, opts: { flash?: Flash | undefined; problems?: Parameters<typeof ProfilePage>[0]["problems"]; status?: 200 | 400 } = {}) => {
    const today = todayAt(shop);
    const year = Number(today.slice(0, 4));
    const yearStart = `${year}-01-01` < RULES_COVER_FROM ? RULES_COVER_FROM : `${year}-01-01`;
    const toDate = revenueTotals(await revenueLines(deps.store, shop, { from: yearStart, to: today })).total;
    const einvoice = einvoiceRuleOn(today);
    const rules = {
      pitFrom: formatVnd(ruleOn("threshold.no_tax", today).value),
      pitTo: formatVnd(ruleOn("threshold.income_method", today).value),
      deduction: formatVnd(ruleOn("deduction.pit_revenue", today).value),
      incomePercent: String(ruleOn("rate.pit_income", today).value[0]?.percent ?? ""),
      einvoiceThreshold: formatVnd(einvoice.threshold),
      einvoiceSince: einvoice.since,
      year,
      yearToDate: formatVnd(toDate),
    };
    const session = c.get("session");
    return c.html(<ProfilePage d={c.get("d")} b={messages(c)} session={session} assets={c.get("assets")} shop={shop} flash={opts.flash} values={values} problems={opts.problems ?? []} rules={rules} />, opts.status ?? 200);
  };

  app.get("/books/profile", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const p = await taxProfile(deps.store, shop.id);
    const values = { ...p, einvoiceRequired: p.einvoiceRequired ? "1" : "" };
    return renderProfile(c, shop, values, { flash: c.req.query("ok") === "profile" ? { text: messages(c).profileSaved } : undefined });
  });

  app.post("/books/profile", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const form = await c.req.parseBody();
    const parsed = parseTaxProfile(form);
    if (!parsed.ok) {
      const f = strings(form);
      const values = { householdName: f.householdName ?? "", representative: f.representative ?? "", taxCode: f.taxCode ?? "", address: f.address ?? "", businessLocation: f.businessLocation ?? "", taxOffice: f.taxOffice ?? "", pitMethod: f.pitMethod ?? "", declareAs: f.declareAs ?? "", einvoiceRequired: f.einvoiceRequired ?? "" };
      return renderProfile(c, shop, values, { flash: { text: messages(c).profileNotSaved, error: true }, problems: parsed.reason, status: 400 });
    }
    await saveTaxProfile(deps.store, shop.id, parsed.value, deps.clock.now());
    return c.redirect(`/dashboard/books/profile?shop=${encodeURIComponent(shop.slug)}&ok=profile`, 303);
  });

  app.get("/books/print", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const b = messages(c);
    const code: BookCode | undefined = BOOK_CODES.find((k) => k === c.req.query("book"));
    if (!code) return c.html(`<p>${b.unknownBook}</p>`, 404);
    const period = periodFromQuery(c.req.query(), todayAt(shop));
    const profile = await taxProfile(deps.store, shop.id);
    const book = await buildBook(deps.store, shop, code, { from: period.from, to: period.to }, { profile });
    const slug = encodeURIComponent(shop.slug);
    const page = {
      lang: c.get("session").lang,
      b,
      assets: c.get("assets"),
      book,
      profile,
      periodName: periodName(booksPageMessages("vi"), period),
      back: `/dashboard/books?shop=${slug}&${periodQuery(period)}`,
      orderHref: (order: string) => `/dashboard/books/order?shop=${slug}&code=${order}`,
    };
    return c.html(<BookPrintPage {...page} />);
  });

  // A book's line names its order by code: this finds the order's day on the board and shows it there.
  app.get("/books/order", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const code = normalizeOrderCode(c.req.query("code") ?? "");
    const order = ORDER_CODE.test(code) ? await findOrderByCode(deps.store, shop.id, code) : undefined;
    if (!order) return c.html(<p>{messages(c).returnRefused.unknown_code({ code: code.slice(0, 12) })}</p>, 404);
    return c.redirect(`/dashboard?shop=${encodeURIComponent(shop.slug)}&date=${order.service_date}&q=${order.code}`);
  });

  return app;
}
