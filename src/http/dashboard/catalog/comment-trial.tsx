import { html } from "hono/html";
import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { CatalogItem } from "../../../domain/catalog/catalog";
import type { CatalogEditorMessages } from "../../../i18n/catalog-editor";
import type { CommentExplanation } from "../../../../flows/comment/explain";
import { CsrfField } from "../layout";
import { trialUrl } from "./links";

/** What the seller typed (at most this long, as every channel's edge cuts it) and how it was read. */
export interface CommentTrial {
  text: string;
  reading: CommentExplanation;
}

export const TRIAL_MAX = 2000;

// The markers data-answer, data-chatter and data-ignored are bare attributes, as pages and tests
// look for them; JSX writes every attribute with a value, so those three elements stay html``
// (which escapes what it is given, as JSX does).
function Outcome(props: { m: CatalogEditorMessages; catalog: readonly CatalogItem[]; r: CommentExplanation }) {
  const { m, r } = props;
  if (!r.items.length && !r.answer) return <>{html`<p data-chatter>${m.trChatter}</p>`}</>;
  if (!r.items.length) {
    return (
      <>
        <p>{m.trUnclear}</p>
        {html`<p class="answer" data-answer>${r.answer}</p>`}
      </>
    );
  }
  return (
    <>
      <p>{m.trReadAs}</p>
      <ul>
        {r.items.map((i) => {
          const p = props.catalog.find((x) => x.code === i.code);
          return (
            <li data-code={i.code}>
              <strong>{i.code}</strong>
              {p ? ` · ${p.name}` : ""} × {i.qty}
              {p ? ` ${p.unit}` : ""}
              {i.options.length ? ` — ${i.options.join(", ")}` : ""}
            </li>
          );
        })}
      </ul>
      <p class="muted">{m.trOrder}</p>
    </>
  );
}

function Reading(props: { m: CatalogEditorMessages; catalog: readonly CatalogItem[]; r: CommentExplanation }) {
  const { m, r } = props;
  const details = [
    r.phone ? [<dt>{m.trPhone}</dt>, <dd>{r.phone}</dd>] : [],
    r.note ? [<dt>{m.trNote}</dt>, <dd>{r.note}</dd>] : [],
    r.ignored.length ? [<dt>{m.trIgnored}</dt>, html`<dd data-ignored>${r.ignored.join(" · ")}</dd>`] : [],
  ].flat();
  const tip = r.ignored.length || (r.items.length === 0 && r.answer);
  return (
    <div class="reading" role="status">
      <Outcome {...props} />
      {details.length ? <dl>{details}</dl> : ""}
      {tip ? <p class="muted">{m.trAliasTip}</p> : ""}
    </div>
  );
}

/**
 * The catalog page's "Thử bình luận" box: one input, and under it how this shop's catalog reads what
 * was typed (the same reading as `npm run parse`). Everything shown is escaped: the text is the seller's, or pasted from a buyer.
 */
export function CommentTrialBox(props: { m: CatalogEditorMessages; session: Session; shop: Shop; catalog: readonly CatalogItem[]; trial?: CommentTrial | undefined }) {
  const { m, trial } = props;
  return (
    <section class="card trial" id="try">
      <h2>{m.trTitle}</h2>
      <p class="muted">{m.trHint}</p>
      <form method="post" action={trialUrl(props.shop)}>
        <CsrfField session={props.session} />
        <label>
          {m.trInput}
          <input name="comment" value={trial?.text ?? ""} required maxlength={TRIAL_MAX} placeholder={m.trPlaceholder} autocomplete="off" />
        </label>
        <button class="btn" type="submit">
          {m.trTry}
        </button>
      </form>
      {trial ? <Reading m={m} catalog={props.catalog} r={trial.reading} /> : ""}
    </section>
  );
}
