import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";
import { cancelDraftOrder } from "./checkout-steps";
import { stepBack } from "./draft";
import { goTo, restart, stepOf } from "./navigate";
import type { StepInput, StepOutcome } from "./step";

/** Hands one input to the draft's current step; Back and Cancel work the same at every step. */
export async function continueOrder(ctx: FlowContext, draft: OrderDraft, input: StepInput): Promise<StepOutcome> {
  if (input.kind === "action" && input.verb === "cancel") return cancelOrderFlow(ctx, draft);
  if (input.kind === "action" && input.verb === "back") return goBack(ctx, draft);
  return stepOf(draft.step).handle(ctx, draft, input);
}

/** Back one step; from the payment step (the order already holds stock) there is no way back, only cancel. */
export async function goBack(ctx: FlowContext, draft: OrderDraft): Promise<StepOutcome> {
  if (draft.step === "payment") return { draft, replies: await stepOf("payment").prompt(ctx, draft) };
  const previous = stepBack(draft);
  if (!previous) return restart(ctx, draft);
  return { draft: previous, replies: await stepOf(previous.step).prompt(ctx, previous) };
}

/** Ends the guided order; a confirmed draft order is cancelled and its stock released. */
export async function cancelOrderFlow(ctx: FlowContext, draft: OrderDraft): Promise<StepOutcome> {
  await cancelDraftOrder(ctx, draft);
  return { draft: undefined, replies: [{ text: ctx.t.cancelled, buttons: [{ label: ctx.t.btnMenu, action: "menu" }] }] };
}

/** Re-asks the current step's question (after a stale button, or "where was I?"). */
export async function repeatStep(ctx: FlowContext, draft: OrderDraft): Promise<StepOutcome> {
  return goTo(ctx, draft, draft.step);
}
