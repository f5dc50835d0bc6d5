// Staff-chat alerts about a shop's books (issue 24 §6): the year's revenue to date at 80 % and 100 %
// of each threshold in tax-rules.json (thresholds of the same amount — no tax and e-invoices, both
// 1 tỷ — are one message), and each filing that applies a week before its deadline. Each alert has
// a key kept in book_alerts: it is sent once, ever. The message and its key go in one batch, the
// message only while the key is not there, so two runners (or a crash between the two) send it once.
import { sql } from "kysely";
import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { bookAlertMessages, type BookAlertMessages } from "../../i18n/book-alerts";
import { addDays } from "../../platform/shop-time";
import { staffNoticeQueries } from "../orders/staff-notices";
import { filingsOf, yearsOpenOn, type Filing } from "./declarations/filings";
import { periodKey, periodOf, periodRange } from "./declarations/periods";
import { readLedger, type RevenueLedger } from "./declarations/revenue-to-date";
import { dueDate, ruleOn, type ThresholdKey } from "./rules/tax-rules";
import { draftFor } from "./declarations/declarations-view";
import { taxProfile, type StoredTaxProfile, type TaxProfile } from "./tax-profile";

/** The levels of a threshold the staff hear about (% of it). */
export const ALERT_LEVELS = [80, 100] as const;
/** How many days before a deadline the staff are reminded. */
export const DEADLINE_NOTICE_DAYS = 7;

const THRESHOLDS: readonly ThresholdKey[] = ["threshold.no_tax", "threshold.einvoice", "threshold.income_method", "threshold.monthly_filing"];

export interface BookAlert {
  /** What book_alerts keeps: "threshold:2026:einvoice+no_tax:80", "deadline:01/CNKD:2026-Q3". */
  key: string;
  /** Lower levels the same message stands for (a jump past 80 % straight to 100 %): marked sent too. */
  covers: string[];
  text: string;
}

/** Where the drafts are read (the link in every alert). */
export const declarationsPagePath = (shop: Pick<Shop, "slug">, period?: string) =>
  `/dashboard/declarations?shop=${encodeURIComponent(shop.slug)}${period ? `&period=${encodeURIComponent(period)}` : ""}`;

/** What a filing's alert says of its figures (the draft's total, or tax), in the shop's language. */
export type FilingFigure = (filing: Filing, t: BookAlertMessages) => Promise<string>;

/** The alerts due on `today` for a shop and not among `sent`: thresholds reached this year, deadlines within a week. */
export async function bookAlertsDue(
  shop: Pick<Shop, "slug" | "lang">,
  profile: Pick<TaxProfile, "pitMethod">,
  ledger: RevenueLedger,
  today: string,
  opts: { publicUrl: string; figure: FilingFigure; sent: ReadonlySet<string> },
): Promise<BookAlert[]> {
  const { publicUrl, figure, sent } = opts;
  const t = bookAlertMessages(shop.lang);
  const out = thresholdAlerts(shop, ledger, today, publicUrl, t).filter((a) => !sent.has(a.key));
  for (const filing of filingsOf(yearsOpenOn(today), ledger, profile, today)) {
    if (!filing.ended || today < addDays(filing.due, -DEADLINE_NOTICE_DAYS) || today > filing.due || sent.has(`deadline:${filing.key}`)) continue;
    const days = Math.round((Date.parse(filing.due) - Date.parse(today)) / 86_400_000);
    const link = `${publicUrl}${declarationsPagePath(shop, periodKey(filing.period))}`;
    const text = t.deadline({ days, due: t.date(filing.due), form: t.formName[filing.form], period: t.period(filing.period), figure: await figure(filing, t), link });
    out.push({ key: `deadline:${filing.key}`, covers: [], text });
  }
  return out;
}

function thresholdAlerts(shop: Pick<Shop, "slug">, ledger: RevenueLedger, today: string, publicUrl: string, t: BookAlertMessages): BookAlert[] {
  const year = Number(today.slice(0, 4));
  const revenue = ledger.yearToDate(today);
  const link = `${publicUrl}${declarationsPagePath(shop)}`;
  // Thresholds of the same amount are one message naming each consequence.
  const byAmount = new Map<number, ThresholdKey[]>();
  for (const key of THRESHOLDS) {
    const amount = ruleOn(key, today).value;
    byAmount.set(amount, [...(byAmount.get(amount) ?? []), key]);
  }
  const out: BookAlert[] = [];
  for (const [threshold, keys] of [...byAmount].sort((a, b) => a[0] - b[0])) {
    const reached = ALERT_LEVELS.filter((level) => (level === 100 ? revenue > threshold : revenue * 100 >= threshold * level));
    const level = reached.at(-1);
    if (level === undefined) continue;
    const name = keys.map((k) => k.slice("threshold.".length)).sort().join("+");
    const keyOf = (l: number) => `threshold:${year}:${name}:${l}`;
    // Near: what happens in the quarter running now; crossed: from the quarter it was crossed in.
    const crossedOn = level === 100 ? (ledger.firstDayAbove(threshold, year, today) ?? today) : today;
    const what = keys.map((k) => consequence(k, crossedOn, t));
    const text =
      level === 100
        ? t.thresholdCrossed({ year, revenue, threshold, what, link })
        : t.thresholdNear({ year, revenue, threshold, percent: Math.floor((revenue * 100) / threshold), what, link });
    out.push({ key: keyOf(level), covers: reached.filter((l) => l < level).map(keyOf), text });
  }
  return out;
}

/** What a threshold means for the shop, with the date that applies to a crossing on `on`. */
function consequence(key: ThresholdKey, on: string, t: BookAlertMessages): string {
  const quarter = periodOf("quarter", on);
  const quarterEnd = periodRange(quarter).to;
  if (key === "threshold.no_tax") return t.what.noTax({ period: t.period(quarter), due: t.date(dueDate("quarter", quarterEnd).date) });
  if (key === "threshold.einvoice") return t.what.einvoice({ due: t.date(dueDate("einvoice_registration", quarterEnd).date) });
  if (key === "threshold.income_method") return t.what.incomeMethod();
  return t.what.monthlyFiling({ due: t.date(dueDate("month", periodRange(periodOf("month", on)).to).date) });
}

/**
 * Queues an alert to the shop's staff (the staff chat, or each owner and staff member privately, as
 * every staff notice) and keeps its key, in one batch: false when it was already sent, or when the
 * shop has nobody to tell yet (then it is not marked, and a later run tells them).
 */
export async function sendBookAlert(store: Store, shop: Shop, alert: BookAlert, now: Date): Promise<boolean> {
  const notSent = sql<boolean>`NOT EXISTS (SELECT 1 FROM book_alerts WHERE shop_id = ${shop.id} AND alert_key = ${alert.key})`;
  const notices = await staffNoticeQueries(store, shop, { text: alert.text }, `book-alert:${shop.id}:${alert.key}`, now, notSent);
  if (!notices.length) return false;
  const at = now.toISOString();
  const mark = store.db
    .insertInto("book_alerts")
    .values([alert.key, ...alert.covers].map((alert_key) => ({ shop_id: shop.id, alert_key, sent_at: at })))
    .onConflict((oc) => oc.doNothing())
    .compile();
  const results = await store.batch([...notices, mark]);
  return results.slice(0, notices.length).some((r) => r.changes > 0);
}

/** The key that says a shop's alerts were checked on a day (its sent_at is that shop-local date). */
const CHECKED_KEY = "checked";

/** Claims the day's check of a shop's alerts: true for the one caller that moved it to `date`. */
export async function claimAlertCheck(store: Store, shopId: number, date: string): Promise<boolean> {
  const claimed = await store.db
    .insertInto("book_alerts")
    .values({ shop_id: shopId, alert_key: CHECKED_KEY, sent_at: date })
    .onConflict((oc) => oc.columns(["shop_id", "alert_key"]).doUpdateSet({ sent_at: date }).where("book_alerts.sent_at", "<", date))
    .returning("alert_key")
    .execute();
  return claimed.length === 1;
}

/** What the draft of a filing's period says, for its alert: revenue and tax to pay, or revenue alone. */
function draftFigure(store: Store, shop: Shop, profile: StoredTaxProfile, ledger: RevenueLedger, today: string): FilingFigure {
  return async (filing, t) => {
    if (filing.form === "02/CNKD-TNCN-QTT") return t.figureFinalization({ revenue: filing.revenueToEnd });
    const draft = await draftFor(store, shop, profile, filing.period, ledger, today);
    const cell = (row: string, column: number) => draft.rows.find((r) => r.key === row)?.cells[column]?.value ?? 0;
    if (filing.form === "01/TKN-CNKD") return t.figureNotice({ revenue: cell("11", 0) });
    return t.figureReturn({ revenue: cell("18", 0), tax: cell("20", 3) + cell("20", 6) });
  };
}

/** Checks one shop on its local `today` and sends what is due; the keys sent. */
export async function checkShopBookAlerts(store: Store, shop: Shop, today: string, now: Date, publicUrl: string): Promise<string[]> {
  const profile = await taxProfile(store, shop.id);
  const years = yearsOpenOn(today);
  const ledger = await readLedger(store, shop, years[0]!, today);
  const before = await store.db.selectFrom("book_alerts").select("alert_key").where("shop_id", "=", shop.id).execute();
  const sent: string[] = [];
  for (const alert of await bookAlertsDue(shop, profile, ledger, today, { publicUrl, figure: draftFigure(store, shop, profile, ledger, today), sent: new Set(before.map((r) => r.alert_key)) })) {
    if (await sendBookAlert(store, shop, alert, now)) sent.push(alert.key);
  }
  return sent;
}
