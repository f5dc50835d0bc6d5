import { findByCode, type CatalogItem } from "../../src/domain/catalog/catalog";
import type { CartLine } from "../../src/domain/orders/pricing";
import { foldText } from "../../src/text/normalize";
import { parseQuantity } from "../parse/quantity";
import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";
import { act, ask } from "./draft";
import { goTo, restart } from "./navigate";
import type { Step, StepOutcome } from "./step";

export const MAX_QTY = 99;
export const MAX_CART_LINES = 20;

async function pickedItem(ctx: FlowContext, draft: OrderDraft): Promise<CatalogItem | undefined> {
  const id = draft.picking?.productId;
  return id === undefined ? undefined : (await ctx.catalog()).find((p) => p.id === id);
}

/** Chooses one option of the current group; several groups are asked one after another. */
export const optionsStep: Step = {
  async prompt(ctx, draft) {
    const item = await pickedItem(ctx, draft);
    const group = item?.optionGroups[draft.picking?.optionIds.length ?? 0];
    if (!item || !group) return [];
    const buttons = group.options.map((o) => ({ label: ctx.t.optionLabel({ name: o.name, delta: o.priceDelta }), action: act(draft, "opt", o.id) }));
    return [ask(ctx, draft, ctx.t.chooseOption({ group: group.name, product: item.name }), buttons)];
  },
  async handle(ctx, draft, input) {
    const item = await pickedItem(ctx, draft);
    const picking = draft.picking;
    const group = item?.optionGroups[picking?.optionIds.length ?? 0];
    if (!item || !picking || !group) return restart(ctx, draft);
    let chosen: number | undefined;
    if (input.kind === "action" && input.verb === "opt") chosen = group.options.find((o) => String(o.id) === input.arg)?.id;
    if (input.kind === "text") {
      const folded = foldText(input.text);
      const index = /^\d{1,2}$/.test(folded) ? Number(folded) - 1 : -1;
      chosen = (group.options[index] ?? group.options.find((o) => foldText(o.name) === folded) ?? group.options.find((o) => folded.length >= 2 && foldText(o.name).startsWith(folded)))?.id;
    }
    if (chosen === undefined) {
      return { draft, replies: [{ text: ctx.t.optionInvalid({ group: group.name }) }, ...(await optionsStep.prompt(ctx, draft))] };
    }
    const next = { ...draft, picking: { ...picking, optionIds: [...picking.optionIds, chosen] } };
    if (next.picking.optionIds.length < item.optionGroups.length) return { draft: next, replies: await optionsStep.prompt(ctx, next) };
    // "2 suất cơm gà": the quantity was said with the order, so it is not asked again.
    if (picking.qty !== undefined) return qtyStep.handle(ctx, { ...next, step: "qty" }, { kind: "text", text: String(picking.qty) });
    return goTo(ctx, next, "qty");
  },
};

function sameLine(a: CartLine, b: CartLine): boolean {
  return a.productId === b.productId && a.optionIds.join(",") === b.optionIds.join(",");
}

/** Asks how many, checks it against stock, and puts the line in the cart. */
export const qtyStep: Step = {
  async prompt(ctx, draft) {
    const item = await pickedItem(ctx, draft);
    if (!item) return [];
    const buttons = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), action: act(draft, "qty", n) }));
    return [ask(ctx, draft, ctx.t.askQty({ name: item.name, unit: item.unit }), buttons)];
  },
  async handle(ctx, draft, input): Promise<StepOutcome> {
    const item = await pickedItem(ctx, draft);
    if (!item || !draft.picking) return restart(ctx, draft);
    const raw = input.kind === "action" && input.verb === "qty" ? (input.arg ?? "") : input.kind === "text" ? input.text : "";
    const parsed = parseQuantity(raw, { max: MAX_QTY });
    if (!parsed.ok) {
      const why =
        parsed.reason === "zero"
          ? ctx.t.qtyZero
          : parsed.reason === "too_large"
            ? ctx.t.qtyTooLarge({ max: MAX_QTY })
            : parsed.reason === "not_whole"
              ? ctx.t.qtyNotWhole
              : ctx.t.qtyNotNumber;
      return { draft, replies: [{ text: why }, ...(await qtyStep.prompt(ctx, draft))] };
    }
    const qty = parsed.value;
    const inCart = draft.cart.filter((l) => l.productId === item.id).reduce((s, l) => s + l.qty, 0);
    if (inCart + qty > item.stock) {
      const left = Math.max(0, item.stock - inCart);
      return { draft, replies: [{ text: ctx.t.onlyLeft({ name: item.name, left, unit: item.unit }) }, ...(await qtyStep.prompt(ctx, draft))] };
    }
    const line: CartLine = { productId: item.id, optionIds: draft.picking.optionIds, qty };
    const existing = draft.cart.find((l) => sameLine(l, line));
    if (!existing && draft.cart.length >= MAX_CART_LINES) {
      return goTo(ctx, { ...draft, picking: undefined }, "cart", [{ text: ctx.t.cartFull({ max: MAX_CART_LINES }) }]);
    }
    const cart = existing ? draft.cart.map((l) => (sameLine(l, line) ? { ...l, qty: l.qty + qty } : l)) : [...draft.cart, line];
    // After adding, Back from the cart goes to the menu, not into a finished item.
    const next: OrderDraft = { ...draft, cart, picking: undefined, step: "cart", history: ["product"] };
    const added = ctx.t.addedToCart({ qty, unit: item.unit, name: item.name });
    return { draft: next, replies: [{ text: added }, ...(await goTo(ctx, next, "cart")).replies] };
  },
};

/** The item behind a global pick action (`p:A1`), if the code exists. */
export async function itemForCode(ctx: FlowContext, code: string): Promise<CatalogItem | undefined> {
  return findByCode(await ctx.catalog(), code);
}
