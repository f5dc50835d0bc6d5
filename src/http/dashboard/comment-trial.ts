import { html } from "hono/html";
import type { Shop } from "../../db/schema";
import type { Session } from "../../domain/auth/accounts";
import type { CatalogItem } from "../../domain/catalog/catalog";
import type { DashboardMoreMessages } from "../../i18n/dashboard-more";
import type { CommentExplanation } from "../../../flows/comment/explain";
import { csrfField } from "./layout";

/** What the seller typed (at most this long, as every channel's edge cuts it) and how it was read. */
export interface CommentTrial {
  text: string;
  reading: CommentExplanation;
}

export const TRIAL_MAX = 2000;

export const trialStyles = `.trial form{display:flex;flex-wrap:wrap;gap:6px;align-items:flex-end}.trial label{flex:1 1 220px;min-width:0}
.trial input{width:100%}.trial ul{margin:4px 0 8px;padding-left:20px}.trial .answer{background:#fff8e1;border-left:3px solid #e0a800;padding:6px 8px;border-radius:6px;overflow-wrap:anywhere}
.trial dl{margin:4px 0;display:grid;grid-template-columns:max-content 1fr;gap:2px 10px}.trial dt{color:#666}.trial dd{margin:0;overflow-wrap:anywhere}`;

function readingBlock(m: DashboardMoreMessages, catalog: readonly CatalogItem[], r: CommentExplanation) {
  const name = (code: string) => catalog.find((p) => p.code === code);
  const outcome = r.items.length
    ? html`<p>${m.trReadAs}</p><ul>${r.items.map((i) => {
        const p = name(i.code);
        return html`<li data-code="${i.code}"><strong>${i.code}</strong>${p ? ` · ${p.name}` : ""} × ${i.qty}${p ? ` ${p.unit}` : ""}${i.options.length ? html` — ${i.options.join(", ")}` : ""}</li>`;
      })}</ul><p class="muted">${m.trOrder}</p>`
    : r.answer
      ? html`<p>${m.trUnclear}</p><p class="answer" data-answer>${r.answer}</p>`
      : html`<p data-chatter>${m.trChatter}</p>`;
  const details = [
    r.phone ? html`<dt>${m.trPhone}</dt><dd>${r.phone}</dd>` : "",
    r.note ? html`<dt>${m.trNote}</dt><dd>${r.note}</dd>` : "",
    r.ignored.length ? html`<dt>${m.trIgnored}</dt><dd data-ignored>${r.ignored.join(" · ")}</dd>` : "",
  ].filter(Boolean);
  const tip = r.ignored.length || (r.items.length === 0 && r.answer) ? html`<p class="muted">${m.trAliasTip}</p>` : "";
  return html`<div class="reading" role="status">${outcome}${details.length ? html`<dl>${details}</dl>` : ""}${tip}</div>`;
}

/**
 * The catalog page's "Thử bình luận" box: one input, and under it how this shop's catalog reads what
 * was typed (the same reading as `npm run parse`). Everything shown is escaped: the text is the seller's, or pasted from a buyer.
 */
export function commentTrialBox(m: DashboardMoreMessages, session: Session, shop: Shop, catalog: readonly CatalogItem[], trial?: CommentTrial) {
  return html`<section class="card trial" id="try"><h2>${m.trTitle}</h2><p class="muted">${m.trHint}</p>
<form method="post" action="/dashboard/catalog/try?shop=${encodeURIComponent(shop.slug)}#try">${csrfField(session)}
<label>${m.trInput}<input name="comment" value="${trial?.text ?? ""}" required maxlength="${TRIAL_MAX}" placeholder="${m.trPlaceholder}" autocomplete="off"></label>
<button class="btn" type="submit">${m.trTry}</button></form>
${trial ? readingBlock(m, catalog, trial.reading) : ""}</section>`;
}
