import type { Reply } from "../../src/chat/types";
import type { FlowContext } from "../context";
import type { OrderDraft, OrderStep } from "../state";
import { cartStep } from "./cart-step";
import { paymentStep, summaryStep } from "./checkout-steps";
import { addressStep, fulfilmentStep, noteStep, phoneStep, slotStep, zoneStep } from "./delivery-steps";
import { moveTo, newDraft } from "./draft";
import { optionsStep, qtyStep } from "./item-steps";
import { productStep } from "./product-step";
import { shipCarrierStep, shipCommuneStep, shipHamletStep, shipProvinceStep, shipStreetStep } from "./ship-steps";
import type { Step, StepOutcome } from "./step";

// Built on first use, not at import: the steps import this module back (goTo), and a table made at
// load time would see them half-initialised whichever module is imported first.
let table: Record<OrderStep, Step> | undefined;

/** The step of the guided order with this name. Adding a step costs one file and one line here. */
export function stepOf(step: OrderStep): Step {
  table ??= {
    product: productStep,
    options: optionsStep,
    qty: qtyStep,
    cart: cartStep,
    fulfilment: fulfilmentStep,
    zone: zoneStep,
    address: addressStep,
    phone: phoneStep,
    slot: slotStep,
    note: noteStep,
    summary: summaryStep,
    payment: paymentStep,
    ship_province: shipProvinceStep,
    ship_commune: shipCommuneStep,
    ship_hamlet: shipHamletStep,
    ship_street: shipStreetStep,
    ship_carrier: shipCarrierStep,
  };
  return table[step];
}

/** Moves the draft to `step` and asks that step's question, after any `lead` replies. */
export async function goTo(ctx: FlowContext, draft: OrderDraft, step: OrderStep, lead: Reply[] = []): Promise<StepOutcome> {
  const moved = moveTo(draft, step);
  return { draft: moved, replies: [...lead, ...(await stepOf(step).prompt(ctx, moved))] };
}

/** Starts over at the menu, keeping the cart (used when a step's data vanished, e.g. an item deleted). */
export async function restart(ctx: FlowContext, draft: OrderDraft | undefined): Promise<StepOutcome> {
  const fresh = { ...newDraft(), cart: draft?.cart ?? [] };
  return goTo(ctx, fresh, fresh.cart.length ? "cart" : "product");
}
