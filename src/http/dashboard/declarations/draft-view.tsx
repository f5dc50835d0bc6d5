import type { Shop } from "../../../db/schema";
import type { DeclarationDraft, DraftCell, DraftRow } from "../../../domain/books/declarations/draft";
import { formatVnd } from "../../../domain/money";
import type { DeclarationsPageMessages } from "../../../i18n/declarations-page";

type P = DeclarationsPageMessages;

/** Where a trail's book lines are shown (the books' printable page for the period). */
const bookHref = (shop: Shop, cell: DraftCell) =>
  cell.book ? `/dashboard/books/print?shop=${encodeURIComponent(shop.slug)}&book=${cell.book.book}&from=${cell.book.from}&to=${cell.book.to}` : "";

/** Cells that print a note: a figure on a row that has one (blank cells and all-zero rows say nothing new). */
function notedCells(draft: DeclarationDraft): Map<DraftCell, { n: number; row: DraftRow }> {
  const noted = new Map<DraftCell, { n: number; row: DraftRow }>();
  for (const row of draft.rows) {
    if (isZeroRow(row)) continue;
    for (const cell of row.cells) if (cell.value !== null) noted.set(cell, { n: noted.size + 1, row });
  }
  return noted;
}

const isZeroRow = (row: DraftRow) => !row.total && row.cells.every((c) => c.value === null || c.value === 0);

function Field(props: { p: P; shop: Shop; row: DraftRow; cell: DraftCell; note: number | undefined }) {
  const { p, cell } = props;
  const href = bookHref(props.shop, cell);
  return (
    <div class={`field ${cell.value === null ? "blank" : ""}`} data-row={props.row.key} data-cell={cell.code || cell.label}>
      <div class="line">
        <span class="code">{cell.code}</span>
        <span class="label">{cell.label}</span>
        {cell.value === null ? (
          <span class="value muted">({p.blank})</span>
        ) : (
          <>
            <span class="value num" data-value={String(cell.value)}>
              {formatVnd(cell.value)}
              {props.note ? <sup class="print-only">({props.note})</sup> : ""}
            </span>
            <button type="button" class="copy no-print" data-copy={String(cell.value)} title={p.copyTitle}>
              {p.copy}
            </button>
          </>
        )}
      </div>
      <details class="how no-print">
        <summary>{p.howTitle}</summary>
        <ol>
          {cell.how.map((step) => (
            <li>{step}</li>
          ))}
        </ol>
        {href ? (
          <a href={href} class="book-link">
            {p.bookLink({ book: cell.book!.book })}
          </a>
        ) : (
          ""
        )}
      </details>
    </div>
  );
}

function Row(props: { p: P; shop: Shop; row: DraftRow; notes: Map<DraftCell, { n: number }> }) {
  const { p, row } = props;
  const zero = isZeroRow(row);
  return (
    <section class={`form-row ${row.total ? "total" : ""} ${zero ? "zero" : ""}`} data-row={row.key}>
      <h4>
        <span class="code">{row.code}</span> {row.label}
      </h4>
      {zero ? (
        <p class="muted zero-note">{p.zeroRow}</p>
      ) : row.total && row.cells.every((c) => c.value === null) ? (
        <p class="muted zero-note">({p.blank})</p>
      ) : (
        row.cells.map((cell) => (cell.value === null && row.total ? "" : <Field p={p} shop={props.shop} row={row} cell={cell} note={props.notes.get(cell)?.n} />))
      )}
    </section>
  );
}

/** The draft laid out like the form: ticks, header fields, each row's fields (code, label, value, its trail), the notes. */
export function DraftView(props: { p: P; shop: Shop; draft: DeclarationDraft; today: string; profileHref: string }) {
  const { p, draft } = props;
  const notes = notedCells(draft);
  return (
    <article class="form-draft" id="draft" data-form={draft.form} data-period={draft.periodKey}>
      <div class="draft-mark">{p.draftMark}</div>
      <div class="form-head">
        <div class="form-code">Mẫu số {draft.form}</div>
        <div class="muted">{p.version({ version: draft.version })}</div>
        <h2>{draft.title}</h2>
        <div class="form-period">{p.period(draft.period)}</div>
      </div>
      {draft.versionUncertain ? (
        <p class="uncertain" id="version-uncertain">
          {p.versionUncertain} <span class="muted">({draft.versionSource})</span>
        </p>
      ) : (
        ""
      )}
      {draft.partial ? (
        <p class="flash" id="partial">
          {p.partial({ today: props.today })}
        </p>
      ) : (
        ""
      )}
      <section id="applies" class={draft.filing ? "yes" : "no"}>
        <h3>{p.appliesTitle}</h3>
        <p>{draft.applies}</p>
        <p id="due">
          <strong>{p.due({ date: draft.due.date })}</strong> <span class="muted">({draft.due.source})</span>
        </p>
      </section>
      {draft.flags.length ? (
        <section id="flags">
          <h3>{p.flagsTitle}</h3>
          <ul>
            {draft.flags.map((f) => (
              <li>
                {f.text} {f.source ? <small class="muted">({f.source})</small> : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
      <section id="ticks">
        <h3>{p.ticksTitle}</h3>
        <ul class="ticks">
          {draft.ticks.map((t) => (
            <li data-tick={t.code} class={t.on ? "on" : ""}>
              {t.on ? p.onTick : p.offTick} {t.code ? <span class="code">{t.code}</span> : ""} {t.label}
              {t.value ? <strong>: {t.value}</strong> : ""}
            </li>
          ))}
        </ul>
        <dl class="header-fields">
          {draft.header.map((h) => (
            <div data-header={h.code || h.label}>
              <dt>
                <span class="code">{h.code}</span> {h.label}
              </dt>
              <dd>
                {h.missing ? <span class="missing">{p.missing}</span> : h.value}
              </dd>
            </div>
          ))}
        </dl>
        {draft.header.some((h) => h.missing) ? (
          <p class="no-print" id="profile-missing">
            <a href={props.profileHref}>{p.profileLink}</a>
          </p>
        ) : (
          ""
        )}
      </section>
      <h3 id="section">
        {p.section} {draft.section.code}: {draft.section.label}
      </h3>
      <div class="rows">
        {draft.rows.map((row) => (
          <Row p={p} shop={props.shop} row={row} notes={notes} />
        ))}
      </div>
      {draft.formNote ? <p id="form-note">{p.formNote({ note: draft.formNote })}</p> : ""}
      <section id="notes">
        <h3>{p.notesTitle}</h3>
        <ul>
          {draft.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      </section>
      <section class="print-only" id="print-notes">
        <h3>{p.printNotesTitle}</h3>
        <ol>
          {[...notes].map(([cell, { n, row }]) => (
            <li value={String(n)}>
              <strong>
                {row.code === cell.code ? row.code : `${row.code} ${cell.code}`}
              </strong>{" "}
              {cell.how.join(" ")}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
