import type { Shop } from "../../../db/schema";
import type { DeclarationPeriod } from "../../../domain/books/declarations/periods";
import type { DeclarationsPageMessages } from "../../../i18n/declarations-page";
import { MONTH_PARTS, PARTS, partOf } from "./query";

/** The year and period selects (a GET form: the page's address names the period, for links and reloads). */
export function PeriodForm(props: { p: DeclarationsPageMessages; shop: Shop; period: DeclarationPeriod; years: number[] }) {
  const { p, period } = props;
  const selected = partOf(period);
  return (
    <form method="get" action="/dashboard/declarations" class="filters no-print" id="period-form">
      <input type="hidden" name="shop" value={props.shop.slug} />
      <label>
        {p.year}
        <br />
        <select name="year">
          {props.years.map((y) => (
            <option value={String(y)} selected={y === period.year}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label>
        {p.part}
        <br />
        <select name="part">
          {PARTS.map((k) => (
            <option value={k} selected={k === selected}>
              {p.parts[k]}
            </option>
          ))}
          <optgroup label={p.monthly}>
            {MONTH_PARTS.map((k, i) => (
              <option value={k} selected={k === selected}>
                {p.month({ n: i + 1 })}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <button class="btn" style="align-self:flex-end">
        {p.show}
      </button>
    </form>
  );
}
