import type { Reply, ReplyButton } from "../../src/chat/types";
import { newSecretToken } from "../../src/domain/orders/codes";
import type { FlowContext } from "../context";
import type { OrderDraft, OrderStep } from "../state";

/** A fresh guided order, starting at the menu. */
export function newDraft(): OrderDraft {
  return { id: newSecretToken(4).replace(/[-_]/g, "x").slice(0, 6), step: "product", history: [], cart: [] };
}

/** A button action bound to this draft: `<draft id>:<verb>[:<arg>]`. */
export function act(draft: OrderDraft, verb: string, arg?: string | number): string {
  return arg === undefined ? `${draft.id}:${verb}` : `${draft.id}:${verb}:${arg}`;
}

/** The Back and Cancel buttons every step carries. */
export function controls(ctx: FlowContext, draft: OrderDraft, opts: { back?: boolean } = {}): ReplyButton[] {
  const buttons: ReplyButton[] = [];
  // After confirm the order holds stock: the way out is Cancel (which releases it), not Back.
  if (opts.back !== false && draft.history.length > 0 && draft.step !== "payment") buttons.push({ label: ctx.t.btnBack, action: act(draft, "back") });
  buttons.push({ label: ctx.t.btnCancel, action: act(draft, "cancel") });
  return buttons;
}

/** A reply whose buttons end with Back and Cancel. */
export function ask(ctx: FlowContext, draft: OrderDraft, text: string, buttons: ReplyButton[] = [], extra: Partial<Reply> = {}): Reply {
  return { text, buttons: [...buttons, ...controls(ctx, draft)], ...extra };
}

/** Moves to `step`, remembering where we were so Back returns there. */
export function moveTo(draft: OrderDraft, step: OrderStep): OrderDraft {
  if (draft.step === step) return draft;
  return { ...draft, step, history: [...draft.history, draft.step].slice(-20) };
}

/** One step back, or undefined when there is nothing before. */
export function stepBack(draft: OrderDraft): OrderDraft | undefined {
  const previous = draft.history.at(-1);
  if (!previous) return undefined;
  return { ...draft, step: previous, history: draft.history.slice(0, -1), picking: previous === "product" || previous === "cart" ? undefined : draft.picking };
}
