import type { OrderStatus } from "../../../db/schema";
import { CANCEL_UNDO_WINDOW_MS } from "../../../domain/orders/cancel-undo";
import type { Messages } from "../../../i18n/messages";
import type { OrdersBoardMessages } from "../../../i18n/orders-board";
import { BOARD_COLUMNS } from "./board-columns";

const ORDER_CODE = /^CC[A-Z2-9]{6}$/;
type OrderErrorKey = Exclude<keyof OrdersBoardMessages["orderErrors"], "not_allowed">;
const ORDER_ERRORS: readonly OrderErrorKey[] = ["forbidden", "bad_request", "nothing_to_pay", "unknown_order", "too_late", "undo_out_of_stock", "reason_required"];
const STATUSES: readonly OrderStatus[] = ["draft", ...BOARD_COLUMNS];

/**
 * The banner after an action. Only known keys come from the URL (`ok=<order code>`, `err=<key>`,
 * `status=<order status>`), each checked, so a crafted link cannot put words on the board; anything
 * else shows nothing.
 */
export function boardFlash(q: Record<string, string>, o: OrdersBoardMessages, t: Messages): { text: string; error?: boolean } | undefined {
  const ok = q.ok ?? "";
  if (ORDER_CODE.test(ok)) return { text: o.actionDone({ code: ok }) };
  if (ORDER_CODE.test(q.cancelled ?? "")) return { text: o.cancelledUndo({ code: q.cancelled ?? "", seconds: CANCEL_UNDO_WINDOW_MS / 1000 }) };
  if (ORDER_CODE.test(q.undone ?? "")) return { text: o.undone({ code: q.undone ?? "" }) };
  const code = q.code ?? "";
  const err = q.err ?? "";
  if (!ORDER_CODE.test(code)) return undefined;
  if ((ORDER_ERRORS as readonly string[]).includes(err)) return { text: o.actionRefused({ code, why: o.orderErrors[err as OrderErrorKey] }), error: true };
  const status = STATUSES.find((s) => s === q.status);
  if (err === "not_allowed" && status) return { text: o.actionRefused({ code, why: o.orderErrors.not_allowed({ status: t.status[status] }) }), error: true };
  return undefined;
}
