import type { Shop } from "../../../db/schema";
import { declarationsPagePath } from "../../../domain/books/alerts";
import type { DeclarationsView } from "../../../domain/books/declarations/declarations-view";
import type { Filing } from "../../../domain/books/declarations/filings";
import { periodKey } from "../../../domain/books/declarations/periods";
import type { DeclarationsPageMessages } from "../../../i18n/declarations-page";

function FilingItem(props: { p: DeclarationsPageMessages; shop: Shop; f: Filing; current: string }) {
  const { p, f } = props;
  const key = periodKey(f.period);
  const label = (
    <>
      <strong>{p.formName[f.form]}</strong> · {p.period(f.period)} · {p.dueOn({ date: f.due })}
      {f.ended ? "" : <span class="muted"> ({p.running})</span>}
    </>
  );
  return (
    <li data-filing={f.key} class={key === props.current && f.form !== "02/CNKD-TNCN-QTT" ? "on" : ""}>
      {f.form === "02/CNKD-TNCN-QTT" ? (
        <>
          {label}
          <div class="muted">{p.finalizationNote}</div>
        </>
      ) : (
        <a href={declarationsPagePath(props.shop, key)}>{label}</a>
      )}
    </li>
  );
}

/** The filings due ahead, and the draft's year: its revenue against the threshold and every filing it needs so far. */
export function FilingsCards(props: { p: DeclarationsPageMessages; shop: Shop; view: DeclarationsView }) {
  const { p, view } = props;
  const current = view.draft.periodKey;
  const percent = view.year.threshold > 0 ? Math.floor((view.year.revenue * 100) / view.year.threshold) : 0;
  return (
    <div class="cols no-print">
      <section class="card" id="upcoming">
        <h2 style="margin-top:0">{p.upcomingTitle}</h2>
        {view.upcoming.length ? (
          <ul class="filings">
            {view.upcoming.map((f) => (
              <FilingItem p={p} shop={props.shop} f={f} current={current} />
            ))}
          </ul>
        ) : (
          <p class="muted">{p.upcomingNone}</p>
        )}
      </section>
      <section class="card" id="year">
        <h2 style="margin-top:0">{p.yearTitle({ year: view.year.year })}</h2>
        <p id="year-revenue">{p.yearRevenue({ revenue: view.year.revenue, threshold: view.year.threshold, percent })}</p>
        <div class="meter" aria-hidden="true">
          <span style={`width:${Math.min(100, percent)}%`} class={percent > 100 ? "over" : percent >= 80 ? "near" : ""}></span>
        </div>
        <h3>{p.yearFilings}</h3>
        {view.year.filings.length ? (
          <ul class="filings">
            {view.year.filings.map((f) => (
              <FilingItem p={p} shop={props.shop} f={f} current={current} />
            ))}
          </ul>
        ) : (
          <p class="muted">{p.yearFilingsNone}</p>
        )}
      </section>
    </div>
  );
}
