import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { RULES_COVER_FROM } from "../../../domain/books/rules/tax-rules";
import { RETURN_REASON_MAX, type OrderReturn, type ReturnFormProblem } from "../../../domain/books/returns";
import { formatVnd } from "../../../domain/money";
import type { BooksPageMessages } from "../../../i18n/books-page";
import { ShopFormFields } from "../payments/form-fields";
import { entryProblemText, Problem } from "./entries-section";
import { periodFields, type BookPeriodChoice } from "./period";

/** What the return form shows: as last typed (after a refusal) or the defaults, what was wrong, or why the order was refused. */
export interface ReturnFormState {
  values: Record<string, string>;
  problems: ReturnFormProblem[];
  refusal?: string;
}

export const returnFormDefaults = (today: string): ReturnFormState => ({ values: { code: "", acceptedDate: today, amount: "", reason: "", refund: "" }, problems: [] });

function returnProblemText(b: BooksPageMessages, p: ReturnFormProblem): string {
  switch (p.field) {
    case "code":
      return b.returnProblem.code;
    case "acceptedDate":
      return entryProblemText(b, { field: "date", problem: p.problem });
    case "amount":
      return p.problem === "zero" ? b.returnProblem.amountZero : p.problem === "too_large" ? entryProblemText(b, { field: "amount", problem: "too_large" }) : b.returnProblem.amount;
    case "reason":
      return b.entryProblem.tooLong({ max: RETURN_REASON_MAX });
    case "refund":
      return b.returnProblem.refund;
  }
}

/** "Ghi hàng trả lại": the order's code, the day the goods came back, the amount (blank: the rest), why, refunded from; and the period's returns. */
export function ReturnsSection(props: { b: BooksPageMessages; session: Session; shop: Shop; period: BookPeriodChoice; today: string; form: ReturnFormState; returns: OrderReturn[] }) {
  const { b, form } = props;
  const v = form.values;
  const hidden = Object.entries(periodFields(props.period)).map(([k, val]) => <input type="hidden" name={`p_${k}`} value={val} />);
  const problem = (field: ReturnFormProblem["field"]) => {
    const p = form.problems.find((x) => x.field === field);
    return p ? returnProblemText(b, p) : undefined;
  };
  return (
    <section id="returns">
      <h2>{b.returnsTitle}</h2>
      <p class="muted">{b.returnsIntro}</p>
      {form.refusal || form.problems.length ? (
        <div class="flash err" role="status" id="return-refused">
          {form.refusal ?? b.notSaved}
        </div>
      ) : (
        ""
      )}
      <form method="post" action="/dashboard/books/returns" class="card" id="return-form">
        <ShopFormFields session={props.session} shop={props.shop} />
        {hidden}
        <div class="fields">
          <label class={problem("code") ? "has-bad" : ""}>
            {b.code}
            <Problem text={problem("code")} id="return-code-problem" />
            <input name="code" value={v.code ?? ""} maxlength={16} autocapitalize="characters" placeholder="CC7K2M9Q" required />
          </label>
          <label class={problem("acceptedDate") ? "has-bad" : ""}>
            {b.acceptedDate}
            <Problem text={problem("acceptedDate")} id="return-date-problem" />
            <input type="date" name="acceptedDate" value={v.acceptedDate ?? ""} min={RULES_COVER_FROM} max={props.today} />
          </label>
          <label class={problem("amount") ? "has-bad" : ""}>
            {b.returnAmount}
            <Problem text={problem("amount")} id="return-amount-problem" />
            <input name="amount" value={v.amount ?? ""} inputmode="decimal" maxlength={30} />
            <small>{b.returnAmountHint}</small>
          </label>
          <label class={problem("refund") ? "has-bad" : ""}>
            {b.refund}
            <Problem text={problem("refund")} id="return-refund-problem" />
            <select name="refund" required>
              <option value="" selected={!v.refund}>
                —
              </option>
              {(["cash", "bank", "none"] as const).map((r) => (
                <option value={r} selected={v.refund === r}>
                  {b.refundOption[r]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div class="stack" style="margin-top:8px">
          <label class={problem("reason") ? "has-bad" : ""}>
            {b.reason}
            <Problem text={problem("reason")} id="return-reason-problem" />
            <input name="reason" value={v.reason ?? ""} maxlength={RETURN_REASON_MAX} />
          </label>
        </div>
        <button class="btn">{b.recordReturn}</button>
      </form>
      <h3>{b.returnsListTitle}</h3>
      {props.returns.length ? (
        <ul class="rows card" id="returns-list">
          {props.returns.map((r) => (
            <li data-return={String(r.id)} data-order={r.code}>
              <span class="what">
                {b.dmy({ date: r.acceptedDate })} · <strong>{r.code}</strong> · {b.refundOption[r.refund ?? "none"]}
                {r.reason ? (
                  <>
                    <br />
                    {r.reason}
                  </>
                ) : (
                  ""
                )}{" "}
                <span class="muted">· {b.by({ name: r.createdBy })}</span>
              </span>
              <span class="num">
                <strong>{formatVnd(-r.amount)}</strong>
              </span>
              <form method="post" action={`/dashboard/books/returns/${r.id}/delete`}>
                <ShopFormFields session={props.session} shop={props.shop} />
                {hidden}
                <button class="link">{b.returnDelete}</button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted" id="returns-none">
          {b.noReturns}
        </p>
      )}
    </section>
  );
}
