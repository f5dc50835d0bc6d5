import type { Session } from "../../../domain/auth/accounts";
import type { TypedOrderFormMessages } from "../../../i18n/typed-order-form";
import { CsrfField } from "../layout";

/** What became of the last line this account typed in (shown above the form after the redirect). */
export type TypedOrderOutcomeView =
  | { kind: "order"; line: string; code: string; total: number; payUrl: string; sentToBuyer: boolean; cod: boolean }
  | { kind: "refused"; line: string; text: string };

export interface TypedOrderFormProps {
  m: TypedOrderFormMessages;
  session: Session;
  shopSlug: string;
  /** This page's one-time form token: a double submit finds the first submit's order. */
  token: string;
  outcome?: TypedOrderOutcomeView | undefined;
}

/** The orders board's one-line form for an order taken by phone: the same line as `/don` in chat. */
export function TypedOrderForm(props: TypedOrderFormProps) {
  const { m, outcome } = props;
  return (
    <section class="typed-order" aria-labelledby="typed-order-title" style="margin:0 0 14px;padding:10px 12px;border:1px solid #ddd;border-radius:10px;background:#fff">
      <h2 id="typed-order-title" style="margin:0 0 6px;font-size:17px">
        {m.title}
      </h2>
      {outcome?.kind === "order" ? (
        <div class="flash" role="status" data-typed-order={outcome.code}>
          <strong>{m.created({ code: outcome.code, total: outcome.total })}</strong>
          {outcome.cod ? (
            <p style="margin:6px 0 0">{m.cashOnDelivery}</p>
          ) : (
            <>
              <p style="margin:6px 0 4px">{m.payLink}</p>
              {/* Read-only, so a long press or a tap-and-hold selects the whole link to copy. */}
              <input class="pay-link" type="url" readonly value={outcome.payUrl} aria-label={m.payLink} style="width:100%;box-sizing:border-box" />
            </>
          )}
          <p style="margin:6px 0 0">{outcome.sentToBuyer ? m.sentToBuyer : outcome.cod ? "" : m.notSent}</p>
        </div>
      ) : outcome?.kind === "refused" ? (
        <div class="flash err" role="alert">
          <strong>{m.refused}</strong>
          <div style="white-space:pre-line;overflow-wrap:anywhere">{outcome.text}</div>
        </div>
      ) : (
        ""
      )}
      <form method="post" action="/dashboard/orders/typed">
        <CsrfField session={props.session} />
        <input type="hidden" name="shop" value={props.shopSlug} />
        <input type="hidden" name="token" value={props.token} />
        <label for="typed-order-line" style="display:block;margin-bottom:4px">
          {m.label}
        </label>
        <div style="display:flex;flex-wrap:wrap;gap:6px">
          <input
            id="typed-order-line"
            name="line"
            required
            maxlength={500}
            autocomplete="off"
            placeholder={m.placeholder}
            value={outcome?.kind === "refused" ? outcome.line : ""}
            style="flex:1 1 220px;min-width:0;box-sizing:border-box"
          />
          <button class="btn">{m.submit}</button>
        </div>
        <p class="muted" style="margin:6px 0 0">
          {m.hint}
        </p>
      </form>
    </section>
  );
}
