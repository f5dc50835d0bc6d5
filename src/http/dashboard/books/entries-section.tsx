import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { ACTIVITY_GROUP_NAMES_EN, ACTIVITY_GROUP_NAMES_VI, ACTIVITY_GROUPS } from "../../../domain/books/activity-groups";
import { ENTRY_DESCRIPTION_MAX, ENTRY_KINDS, ENTRY_REF_MAX, type ManualEntry, type ManualEntryProblem } from "../../../domain/books/manual-entries";
import { RULES_COVER_FROM } from "../../../domain/books/rules/tax-rules";
import { formatVnd, MAX_VND } from "../../../domain/money";
import type { BooksPageMessages } from "../../../i18n/books-page";
import { ShopFormFields } from "../payments/form-fields";
import { periodFields, type BookPeriodChoice } from "./period";

/** What the hand-row form shows: as last typed (after a refusal) or the defaults, and what was wrong. */
export interface EntryFormState {
  values: Record<string, string>;
  problems: ManualEntryProblem[];
}

export const entryFormDefaults = (today: string): EntryFormState => ({ values: { date: today, kind: "sale", account: "cash", group: "goods", description: "", amount: "", ref: "" }, problems: [] });

/** A problem of the hand-row form in the seller's words. */
export function entryProblemText(b: BooksPageMessages, p: ManualEntryProblem): string {
  const e = b.entryProblem;
  switch (p.field) {
    case "date":
      return p.problem === "date_before_rules" ? e.date.date_before_rules({ from: RULES_COVER_FROM }) : e.date[p.problem];
    case "kind":
      return e.kind;
    case "account":
      return e.account[p.problem];
    case "group":
      return e.group;
    case "description":
      return e.tooLong({ max: ENTRY_DESCRIPTION_MAX });
    case "ref":
      return e.tooLong({ max: ENTRY_REF_MAX });
    case "amount":
      return p.problem === "too_large" ? e.amount.too_large({ max: formatVnd(MAX_VND) }) : e.amount[p.problem];
  }
}

/** The field's problem under its label, if any. */
export function Problem(props: { text: string | undefined; id: string }) {
  return props.text ? (
    <span class="bad" id={props.id} role="alert">
      {props.text}
    </span>
  ) : (
    ""
  );
}

/** The form for a row added by hand, and the period's rows with a delete button each. */
export function EntriesSection(props: { b: BooksPageMessages; session: Session; shop: Shop; period: BookPeriodChoice; today: string; form: EntryFormState; entries: ManualEntry[] }) {
  const { b, form, period } = props;
  const v = form.values;
  const problem = (field: ManualEntryProblem["field"]) => {
    const p = form.problems.find((x) => x.field === field);
    return p ? entryProblemText(b, p) : undefined;
  };
  const groupNames = props.session.lang === "en" ? ACTIVITY_GROUP_NAMES_EN : ACTIVITY_GROUP_NAMES_VI;
  const hidden = Object.entries(periodFields(period)).map(([k, val]) => <input type="hidden" name={`p_${k}`} value={val} />);
  return (
    <section id="entries">
      <h2>{b.entriesTitle}</h2>
      <p class="muted">{b.entriesIntro}</p>
      {form.problems.length ? (
        <div class="flash err" role="status">
          {b.notSaved}
        </div>
      ) : (
        ""
      )}
      <form method="post" action="/dashboard/books/entries" class="card" id="entry-form">
        <ShopFormFields session={props.session} shop={props.shop} />
        {hidden}
        <div class="fields">
          <label class={problem("date") ? "has-bad" : ""}>
            {b.date}
            <Problem text={problem("date")} id="entry-date-problem" />
            <input type="date" name="date" value={v.date ?? ""} min={RULES_COVER_FROM} max={props.today} required />
          </label>
          <label class={problem("kind") ? "has-bad" : ""}>
            {b.kindLabel}
            <Problem text={problem("kind")} id="entry-kind-problem" />
            <select name="kind">
              {ENTRY_KINDS.map((k) => (
                <option value={k} selected={v.kind === k}>
                  {b.kind[k]}
                </option>
              ))}
            </select>
          </label>
          <label class={problem("account") ? "has-bad" : ""}>
            {b.accountLabel}
            <Problem text={problem("account")} id="entry-account-problem" />
            <select name="account">
              {(["cash", "bank", "none"] as const).map((a) => (
                <option value={a} selected={v.account === a}>
                  {b.account[a]}
                </option>
              ))}
            </select>
          </label>
          <label class={problem("group") ? "has-bad" : ""}>
            {b.groupLabel}
            <Problem text={problem("group")} id="entry-group-problem" />
            <select name="group">
              {ACTIVITY_GROUPS.map((g) => (
                <option value={g} selected={v.group === g}>
                  {groupNames[g]}
                </option>
              ))}
            </select>
          </label>
          <label class={problem("amount") ? "has-bad" : ""}>
            {b.amount}
            <Problem text={problem("amount")} id="entry-amount-problem" />
            <input name="amount" value={v.amount ?? ""} inputmode="decimal" maxlength={30} placeholder="150.000" required />
            <small>{b.amountHint}</small>
          </label>
          <label class={problem("ref") ? "has-bad" : ""}>
            {b.ref}
            <Problem text={problem("ref")} id="entry-ref-problem" />
            <input name="ref" value={v.ref ?? ""} maxlength={ENTRY_REF_MAX} />
          </label>
        </div>
        <div class="stack" style="margin-top:8px">
          <label class={problem("description") ? "has-bad" : ""}>
            {b.description}
            <Problem text={problem("description")} id="entry-description-problem" />
            <input name="description" value={v.description ?? ""} maxlength={ENTRY_DESCRIPTION_MAX} />
            <small>{b.descriptionHint}</small>
          </label>
        </div>
        <button class="btn">{b.addEntry}</button>
      </form>
      <h3>{b.entriesListTitle}</h3>
      {props.entries.length ? (
        <ul class="rows card" id="entries-list">
          {props.entries.map((e) => (
            <li data-entry={String(e.id)} data-kind={e.kind}>
              <span class="what">
                {b.dmy({ date: e.date })} · <strong>{b.kind[e.kind]}</strong>
                {e.account ? ` · ${b.account[e.account]}` : e.kind === "sale" ? ` · ${b.account.none}` : ""}
                {e.group && e.kind === "sale" ? ` · ${groupNames[e.group]}` : ""}
                <br />
                {e.description}
                {e.ref ? ` (${e.ref})` : ""} <span class="muted">· {b.by({ name: e.createdBy })}</span>
              </span>
              <span class="num">
                <strong>{formatVnd(e.amount)}</strong>
              </span>
              <form method="post" action={`/dashboard/books/entries/${e.id}/delete`}>
                <ShopFormFields session={props.session} shop={props.shop} />
                {hidden}
                <button class="link">{b.delete}</button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted" id="entries-none">
          {b.noEntries}
        </p>
      )}
    </section>
  );
}
