import type { Order, OrderItem, Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { CANCEL_UNDO_WINDOW_MS } from "../../../domain/orders/cancel-undo";
import { formatVnd } from "../../../domain/money";
import { orderLineText } from "../../../domain/orders/line-text";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { Messages } from "../../../i18n/messages";
import type { OrdersBoardMessages } from "../../../i18n/orders-board";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { CsrfField, Page } from "../layout";

/** The reasons a seller may pick (or type their own): the buyer is told the one chosen. */
export const REJECT_REASONS = ["out_of_stock", "outside_area", "too_busy"];

export interface RejectPageProps {
  d: DashboardFrameMessages;
  o: OrdersBoardMessages;
  t: Messages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  order: Order;
  items: readonly OrderItem[];
}

/** Asks why before cancelling, and to confirm: nothing is chosen in advance. */
export function RejectPage(props: RejectPageProps) {
  const { d, o, t, session, shop, order } = props;
  const labels: Record<string, string> = { out_of_stock: t.btnReasonOutOfStock, outside_area: t.btnReasonOutsideArea, too_busy: t.btnReasonTooBusy };
  return (
    <Page d={d} session={session} assets={props.assets} title={o.rejectTitle({ code: order.code })} section="orders" shop={shop} styles={["orders-board.css"]}>
      <div class="card">
        <strong>{order.code}</strong> · {formatVnd(order.total)}
        <ul style="margin:6px 0;padding-left:18px">
          {props.items.map((i) => (
            <li>{orderLineText(i)}</li>
          ))}
        </ul>
      </div>
      <form method="post" action={`/dashboard/orders/${order.code}/act`} class="reasons">
        <CsrfField session={session} />
        <input type="hidden" name="shop" value={shop.slug} />
        <input type="hidden" name="action" value="cancel" />
        <p>{o.rejectAsk}</p>
        {REJECT_REASONS.map((r) => (
          <label>
            <input type="radio" name="reason" value={r} required /> {labels[r]}
          </label>
        ))}
        <label>
          <input type="radio" name="reason" value="other" required /> {o.reasonOther}
        </label>
        <input type="text" name="reasonText" maxlength={200} placeholder={o.reasonOtherPlaceholder} aria-label={o.reasonOther} />
        <p class="muted">{o.rejectUndoNote({ seconds: CANCEL_UNDO_WINDOW_MS / 1000 })}</p>
        <button class="btn" style="background:#8a1c14;border-color:#8a1c14">
          {o.rejectConfirm}
        </button>
        <div class="reject">
          <a class="btn-reject" style="color:#1f6f43" href={`/dashboard?shop=${encodeURIComponent(shop.slug)}`}>
            {o.rejectBack}
          </a>
        </div>
      </form>
    </Page>
  );
}
