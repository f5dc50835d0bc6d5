import type { Shop, TransferOutcome } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { formatVnd } from "../../../domain/money";
import type { TransferRow } from "../../../domain/payments/transfer-list";
import { readUnreadable } from "../../../domain/payments/unreadable-transfer";
import type { PaymentsPageMessages } from "../../../i18n/payments-page";
import { localTime } from "../../../platform/shop-time";
import { ShopFormFields } from "./form-fields";

// Unmatched first: those are the ones waiting for someone to act.
export const GROUPS: readonly TransferOutcome[] = ["unmatched", "paid", "partial", "overpaid", "late", "other_account"];
// An unreadable notice waits for a person too: it is shown among the unmatched, labelled.
const groupOf = (outcome: TransferOutcome): TransferOutcome => (outcome === "unreadable" ? "unmatched" : outcome);

/** "dd/MM HH:mm" in the shop's time zone, for an ISO instant. */
function shopStamp(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const t = localTime(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.date.slice(8, 10)}/${t.date.slice(5, 7)} ${pad(Math.floor(t.minutes / 60))}:${pad(t.minutes % 60)}`;
}

interface CardProps {
  a: PaymentsPageMessages;
  session: Session;
  shop: Shop;
  row: TransferRow;
}

/** A notice we could not read: what it said, as written, and no assign form (its amount is unknown). */
function UnreadableCard({ a, shop, row: r }: CardProps) {
  const { problems, written } = readUnreadable(r.unreadable_raw);
  const details = [
    r.reference ? `${a.reference}: ${r.reference}` : "",
    r.account_number ? `${a.account}: ${r.account_number}` : "",
    r.transaction_at ? `${a.transferTime}: ${r.transaction_at}` : "",
    written.orderCode ? `${a.providerOrderCode}: ${written.orderCode}` : "",
  ].filter(Boolean);
  return (
    <div class="card tx" data-tx={r.id} data-outcome="unreadable">
      <div>
        <strong class="warn-text">{a.outcome.unreadable}</strong> · <span class="amt">{written.amount ? a.unreadableAmount({ amount: written.amount }) : a.unreadableAmountMissing}</span> ·{" "}
        <span class="muted">{`${shopStamp(r.created_at, shop.time_zone)} · ${r.provider}`}</span>
      </div>
      <div class="memo muted">{`${a.memo}: ${r.content}`}</div>
      {details.length ? <div class="muted">{details.join(" · ")}</div> : ""}
      {problems.length ? <div class="muted">{a.unreadableFields({ fields: problems.join(", ") })}</div> : ""}
      <div class="muted">{a.outcomeHint.unreadable}</div>
    </div>
  );
}

/** One transfer: amount, when, memo, the order it settled; an unmatched one has a form to assign it to an order by code. */
function TransferCard(props: CardProps) {
  const { a, session, shop, row: r } = props;
  if (r.outcome === "unreadable") return <UnreadableCard {...props} />;
  return (
    <div class="card tx" data-tx={r.id} data-outcome={r.outcome}>
      <div>
        <span class="amt">{formatVnd(r.amount)}</span> · <span class="muted">{`${shopStamp(r.created_at, shop.time_zone)} · ${r.provider}`}</span>
        {r.order_code ? (
          <>
            {` · ${a.order} `}
            <strong class="code">{r.order_code}</strong>
          </>
        ) : (
          ""
        )}
      </div>
      <div class="memo muted">{`${a.memo}: ${r.content}`}</div>
      {r.paid_total_after !== null && r.order_code ? <div class="muted">{a.paidAfter({ paid: formatVnd(r.paid_total_after) })}</div> : ""}
      {r.recorded_by && r.outcome !== "unmatched" ? <div class="muted">{a.assignedBy({ who: r.recorded_by })}</div> : ""}
      {r.outcome === "unmatched" ? (
        <form method="post" action={`/dashboard/payments/transfers/${r.id}/assign`} class="inline">
          <ShopFormFields session={session} shop={shop} />
          <label class="muted" for={`code-${r.id}`}>{a.assignLabel}</label>
          <input id={`code-${r.id}`} name="code" required maxlength={12} size={12} autocapitalize="characters" autocomplete="off" placeholder={a.assignPlaceholder} pattern="[Cc][Cc][A-Za-z2-9]{6}" />
          <button class="btn">{a.assignButton}</button>
        </form>
      ) : (
        ""
      )}
    </div>
  );
}

/** The transfers grouped by outcome (unmatched first), with a chip per group that jumps to it. */
export function Transfers(props: { a: PaymentsPageMessages; session: Session; shop: Shop; rows: readonly TransferRow[] }) {
  const { a } = props;
  if (props.rows.length === 0) return <p>{a.noTransfers}</p>;
  const groups = GROUPS.map((outcome) => ({ outcome, list: props.rows.filter((r) => groupOf(r.outcome) === outcome) })).filter((g) => g.list.length > 0);
  return (
    <>
      <nav class="chips">
        {groups.map((g) => (
          <a href={`#${g.outcome}`} class={g.outcome === "unmatched" || g.outcome === "other_account" ? "warn" : ""}>{`${a.outcome[g.outcome]} (${g.list.length})`}</a>
        ))}
      </nav>
      {groups.map((g) => (
        <section id={g.outcome} data-group={g.outcome}>
          <h2>{`${a.outcome[g.outcome]} (${g.list.length})`}</h2>
          {a.outcomeHint[g.outcome] ? <p class="muted">{a.outcomeHint[g.outcome]}</p> : ""}
          {g.list.map((row) => (
            <TransferCard a={a} session={props.session} shop={props.shop} row={row} />
          ))}
        </section>
      ))}
    </>
  );
}
