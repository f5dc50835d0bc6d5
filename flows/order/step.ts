import type { Reply } from "../../src/chat/types";
import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";

/** What a person did, as one step of a guided order sees it. */
export type StepInput =
  | { kind: "text"; text: string }
  | { kind: "action"; verb: string; arg?: string }
  | { kind: "contact"; phone: string; own: boolean };

/** The draft after a step (undefined: the order flow is over) and what to say. */
export interface StepOutcome {
  draft: OrderDraft | undefined;
  replies: Reply[];
}

/** One step of the guided order: how it asks, and how it takes an answer. */
export interface Step {
  prompt(ctx: FlowContext, draft: OrderDraft): Promise<Reply[]>;
  handle(ctx: FlowContext, draft: OrderDraft, input: StepInput): Promise<StepOutcome>;
}
