import type { Shop } from "../../../db/schema";
import { RULES_COVER_FROM } from "../../../domain/books/rules/tax-rules";
import type { BooksPageMessages } from "../../../i18n/books-page";
import { periodQuery, quickPeriods, type BookPeriodChoice } from "./period";

/** How a period is named on the page and on the printed book's "Kỳ kê khai". */
export function periodName(b: Pick<BooksPageMessages, "periodName">, p: BookPeriodChoice): string {
  if (p.clamped || p.kind === "custom") return b.periodName.custom({ from: p.from, to: p.to });
  if (p.kind === "month") return b.periodName.month({ month: p.month, year: p.year });
  if (p.kind === "quarter") return b.periodName.quarter({ quarter: p.quarter, year: p.year });
  return b.periodName.year({ year: p.year });
}

/** This/last month, quarter and year as chips; any month, quarter, year or two days in a fold below. Plain GET forms: no script needed. */
export function PeriodPicker(props: { b: BooksPageMessages; shop: Shop; period: BookPeriodChoice; today: string; action: string }) {
  const { b, shop, period, today } = props;
  const base = `${props.action}?shop=${encodeURIComponent(shop.slug)}`;
  const current = periodQuery(period);
  const year = Number(today.slice(0, 4));
  const ShopField = () => <input type="hidden" name="shop" value={shop.slug} />;
  const firstYear = RULES_COVER_FROM.slice(0, 4);
  /** A year from the rules' first to next year, and the form's button. */
  const YearField = (p: { value: number }) => (
    <>
      <label>
        {b.year}
        <input type="number" name="year" min={firstYear} max={String(year + 1)} value={String(p.value)} style="width:6em" required />
      </label>
      <button class="btn alt">{b.show}</button>
    </>
  );
  const monthValue = period.kind === "month" ? `${period.year}-${String(period.month).padStart(2, "0")}` : today.slice(0, 7);
  return (
    <section id="period-picker" aria-label={b.periodTitle}>
      <nav class="chips">
        {quickPeriods(today).map((q) => (
          <a href={`${base}&${periodQuery(q.period)}`} class={periodQuery(q.period) === current ? "on" : ""} data-period={q.key}>
            {b.quick[q.key]}
          </a>
        ))}
      </nav>
      <details class="other">
        <summary>{b.otherPeriod}</summary>
        <form method="get" action={props.action}>
          <ShopField />
          <label>
            {b.month}
            <input type="month" name="month" value={monthValue} min={RULES_COVER_FROM.slice(0, 7)} required />
          </label>
          <button class="btn alt">{b.show}</button>
        </form>
        <form method="get" action={props.action}>
          <ShopField />
          <label>
            {b.quarter}
            <select name="quarter">
              {[1, 2, 3, 4].map((q) => (
                <option value={String(q)} selected={period.kind === "quarter" ? period.quarter === q : Math.ceil(Number(today.slice(5, 7)) / 3) === q}>
                  {q}
                </option>
              ))}
            </select>
          </label>
          <YearField value={period.kind === "quarter" || period.kind === "year" ? period.year : year} />
        </form>
        <form method="get" action={props.action}>
          <ShopField />
          <YearField value={period.kind === "year" ? period.year : year} />
        </form>
        <form method="get" action={props.action}>
          <ShopField />
          <label>
            {b.from}
            <input type="date" name="from" value={period.from} min={RULES_COVER_FROM} required />
          </label>
          <label>
            {b.to}
            <input type="date" name="to" value={period.to} min={RULES_COVER_FROM} required />
          </label>
          <button class="btn alt">{b.show}</button>
        </form>
      </details>
      <p class="period" id="period">
        <strong>{periodName(b, period)}</strong> <span class="muted">({b.periodDays({ from: period.from, to: period.to })})</span>
      </p>
      {period.clamped ? <p class="muted">{b.periodClamped({ from: period.from })}</p> : ""}
    </section>
  );
}
