import type { Reply } from "../src/chat/types";
import { foldText } from "../src/text/normalize";
import { changeLanguage, menuButton, myOrdersButton, myOrdersReplies, reorder, startReplies, unpaidOrderReplies } from "./commands";
import type { FlowContext, FlowOutcome } from "./context";
import type { ConversationState, OrderDraft } from "./state";
import { newDraft } from "./order/draft";
import { itemForCode } from "./order/item-steps";
import { goTo } from "./order/navigate";
import { cancelOrderFlow, continueOrder, goBack, repeatStep } from "./order/order-flow";
import { pickByText, pickProduct } from "./order/product-step";
import { orderFromSentence } from "./order/sentence-order";
import type { StepInput, StepOutcome } from "./order/step";
import { claimByCode, claimCommentOrder, claimLiveOrder, joinWaitlistFromLink } from "./comment/claim";

type Outcome = FlowOutcome<ConversationState>;

const CANCEL_WORDS = new Set(["huy", "huy don", "cancel", "/cancel", "/huy", "thoi khong dat", "khong dat nua"]);
const BACK_WORDS = new Set(["quay lai", "back", "tro lai", "/back"]);
const MENU_WORDS = new Set(["menu", "thuc don", "xem menu", "xem thuc don", "dat hang", "dat mon", "order", "mua"]);
const HELP_WORDS = new Set(["help", "giup", "huong dan", "tro giup", "?"]);
const REORDER_WORDS = new Set(["dat lai", "reorder", "mua lai"]);

// Actions without a draft id: they work from any message, however old.
const GLOBAL_ACTIONS = new Set(["menu", "start", "help", "orders", "reorder", "resume", "p", "claim", "live"]);

function withDraft(state: ConversationState, outcome: StepOutcome): Outcome {
  return { state: { ...state, order: outcome.draft }, replies: outcome.replies };
}

function only(state: ConversationState, replies: Reply[]): Outcome {
  return { state, replies };
}

/** Picks the item behind a global `p:<code>` action, keeping any cart in progress. */
async function pickFromMenu(ctx: FlowContext, state: ConversationState, code: string): Promise<Outcome> {
  const item = await itemForCode(ctx, code);
  const open = state.order && state.order.step !== "payment" && !state.order.existingOrderId ? state.order : undefined;
  const draft: OrderDraft = open ? { ...open, step: open.cart.length ? "cart" : "product", history: [] } : newDraft();
  if (!item) return withDraft(state, await goTo(ctx, draft, "product", [{ text: ctx.t.productNotFound({ text: code.slice(0, 20) }) }]));
  return withDraft(state, await pickProduct(ctx, draft, item));
}

/** /start, with or without a deep-link payload: o_<claim> finishes a comment order, w_<code> joins a waiting list, p_<code> picks an item. */
async function startWith(ctx: FlowContext, state: ConversationState, payload: string): Promise<Outcome> {
  if (payload.startsWith("o_")) return claimCommentOrder(ctx, state, payload.slice(2));
  if (payload.startsWith("l_")) return claimLiveOrder(ctx, state, payload.slice(2));
  if (payload.startsWith("w_")) return joinWaitlistFromLink(ctx, state, payload.slice(2));
  if (payload.startsWith("p_")) return pickFromMenu(ctx, state, payload.slice(2));
  if (payload === "menu") return runCommand(ctx, state, "menu", "");
  return only(state, await startReplies(ctx));
}

async function runCommand(ctx: FlowContext, state: ConversationState, command: string, arg: string): Promise<Outcome> {
  switch (command) {
    case "start":
      return startWith(ctx, state, arg.trim());
    case "menu": {
      const draft = state.order && state.order.step !== "payment" && !state.order.existingOrderId ? state.order : newDraft();
      return withDraft(state, await goTo(ctx, draft, "product"));
    }
    case "help":
      return only(state, [{ text: ctx.t.help, buttons: [menuButton(ctx), myOrdersButton(ctx)] }]);
    case "orders":
      return only(state, await myOrdersReplies(ctx));
    case "lang":
      return only(state, await changeLanguage(ctx, arg));
    case "reorder":
      return reorder(ctx, state);
    case "resume": {
      // A page opened again (a reload, the next day): the greeting with any unpaid order's pay
      // button, or the order in progress, still after the way back to an unpaid order's QR.
      if (!state.order) return only(state, await startReplies(ctx));
      const step = await repeatStep(ctx, state.order);
      return { state: { ...state, order: step.draft }, replies: [...(await unpaidOrderReplies(ctx)), ...step.replies] };
    }
    case "cancel":
    case "huy":
      return state.order ? withDraft(state, await cancelOrderFlow(ctx, state.order)) : only(state, [{ text: ctx.t.nothingToCancel, buttons: [menuButton(ctx)] }]);
    default:
      return only(state, [{ text: ctx.t.unknownCommand }]);
  }
}

async function onAction(ctx: FlowContext, state: ConversationState, action: string): Promise<Outcome> {
  const [head = "", verb = "", ...rest] = action.split(":");
  if (head === "p") return pickFromMenu(ctx, state, verb);
  if (head === "claim") return claimCommentOrder(ctx, state, verb);
  if (head === "live") return claimLiveOrder(ctx, state, verb);
  if (head === "reorder" && verb) return reorder(ctx, state, verb);
  if (GLOBAL_ACTIONS.has(head)) return runCommand(ctx, state, head, "");
  const draft = state.order;
  if (!draft || draft.id !== head) {
    // A button from an earlier turn (a double tap on slow 3G, an old message): one short line, and
    // where the person is only when an order is in progress — never the whole menu again, which
    // would push the QR they are about to scan off the screen.
    if (!draft || draft.step === "product") return only(state, [{ text: ctx.t.staleButtonDone, buttons: [menuButton(ctx), myOrdersButton(ctx)] }]);
    return only(state, [{ text: ctx.t.staleButton }, ...(await repeatStep(ctx, draft)).replies]);
  }
  const input: StepInput = { kind: "action", verb, ...(rest.length ? { arg: rest.join(":") } : {}) };
  return withDraft(state, await continueOrder(ctx, draft, input));
}

async function onText(ctx: FlowContext, state: ConversationState, text: string): Promise<Outcome> {
  if (text.startsWith("/")) {
    const [command = "", ...args] = text.slice(1).split(/\s+/);
    // "/menu@cho_chat_bot" in groups: the bot's name after @ is not part of the command.
    return runCommand(ctx, state, command.split("@")[0]?.toLowerCase() ?? "", args.join(" "));
  }
  const folded = foldText(text);
  const draft = state.order;
  if (CANCEL_WORDS.has(folded)) return runCommand(ctx, state, "cancel", "");
  if (HELP_WORDS.has(folded)) return runCommand(ctx, state, "help", "");
  if (REORDER_WORDS.has(folded)) return runCommand(ctx, state, "reorder", "");
  if (draft && BACK_WORDS.has(folded)) return withDraft(state, await goBack(ctx, draft));
  // "đặt hàng" with nothing chosen yet means "show me the menu"; with a cart it means checkout (the cart step's call).
  if (MENU_WORDS.has(folded) && (!draft || draft.step === "product")) return runCommand(ctx, state, "menu", "");
  // An order code typed in private finishes that comment order (the way on platforms without deep links).
  if (ctx.msg.chat.kind === "private" && /^CC[A-Z2-9]{6}$/i.test(text.trim())) return claimByCode(ctx, state, text.trim());
  if (draft) return withDraft(state, await continueOrder(ctx, draft, { kind: "text", text }));
  // No order in progress: a whole order in a sentence ("cho mình 2 suất cơm gà"), a code or a dish
  // name starts one right away.
  const ordered = await orderFromSentence(ctx, newDraft(), text);
  if (ordered) return withDraft(state, ordered);
  const picked = await pickByText(ctx, newDraft(), text);
  if (picked) return withDraft(state, picked);
  return only(state, [{ text: ctx.t.notUnderstood, buttons: [menuButton(ctx)] }]);
}

/** Decides what one inbound message means for this conversation and answers it. */
export async function route(ctx: FlowContext, state: ConversationState): Promise<Outcome> {
  const { msg } = ctx;
  if (msg.action) return onAction(ctx, state, msg.action.slice(0, 200));
  if (msg.contact) {
    if (state.order?.step === "phone") return withDraft(state, await continueOrder(ctx, state.order, { kind: "contact", phone: msg.contact.phone, own: msg.contact.ownContact }));
    return only(state, [{ text: ctx.t.notUnderstood, buttons: [menuButton(ctx)] }]);
  }
  const text = msg.text ?? "";
  if (text === "") {
    const where = state.order ? (await repeatStep(ctx, state.order)).replies : [{ text: ctx.t.emptyMessage, buttons: [menuButton(ctx)] }];
    return only(state, where);
  }
  return onText(ctx, state, text);
}
