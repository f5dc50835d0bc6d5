import type { CatalogItem } from "../../src/domain/catalog/catalog";
import { checkAvailability } from "../../src/domain/catalog/availability";
import { commentAnswer } from "../comment/answer";
import { catalogVocabulary } from "../parse/comment/catalog-vocabulary";
import { readComment, type ReadItem } from "../parse/comment/read-comment";
import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";
import { qtyStep } from "./item-steps";
import { goTo } from "./navigate";
import { pickProduct } from "./product-step";
import type { StepOutcome } from "./step";

/**
 * A whole order typed at the menu ("cho mình 2 suất cơm gà", "A1 lớn 2, A8 3"), read the way group
 * comments are. Lines that say everything go straight to the cart; the first line that lacks an
 * option starts the usual questions for it, with what was said already filled in (the quantity too).
 * An order that cannot be read gets the comment answer; anything else is left to the caller.
 */
export async function orderFromSentence(ctx: FlowContext, draft: OrderDraft, text: string): Promise<StepOutcome | undefined> {
  const catalog = await ctx.catalog();
  const vocab = catalogVocabulary(catalog, ctx.shop.name);
  const read = readComment(text, vocab);
  if (!read.ok) {
    const answer = commentAnswer(ctx.t, read.reason, vocab);
    return answer ? { draft, replies: [{ text: answer }] } : undefined;
  }
  const lines = read.value.items.map((item) => ({ item, product: catalog.find((p) => p.code === item.code) })).filter((l): l is { item: ReadItem; product: CatalogItem } => !!l.product);
  if (lines.length === 0) return undefined;
  // Something not on sale now: the usual card says why and offers others.
  const closed = lines.find((l) => !checkAvailability(l.product, ctx.now, ctx.shop.time_zone).ok);
  if (closed) return pickProduct(ctx, draft, closed.product);

  let cart = [...draft.cart];
  const added: string[] = [];
  for (const { item, product } of lines) {
    const optionIds = optionIdsFor(product, item.options);
    const inCart = cart.filter((l) => l.productId === product.id).reduce((s, l) => s + l.qty, 0);
    const alone = lines.length === 1 && item.implied;
    if (optionIds.length < product.optionGroups.length || inCart + item.qty > product.stock || alone) {
      // Ask the rest for this line the usual way (options, then how many unless it was said, and
      // the stock check); the lines before it stay in the cart.
      const picking = { productId: product.id, optionIds, ...(item.implied ? {} : { qty: item.qty }) };
      const next: OrderDraft = { ...draft, cart, picking };
      const lead = added.length ? [{ text: added.join("\n") }] : [];
      if (optionIds.length < product.optionGroups.length) return goTo(ctx, next, "options", lead);
      if (alone) return goTo(ctx, next, "qty", lead);
      const outcome = await qtyStep.handle(ctx, { ...next, step: "qty" }, { kind: "text", text: String(item.qty) });
      return { ...outcome, replies: [...lead, ...outcome.replies] };
    }
    const same = cart.find((l) => l.productId === product.id && l.optionIds.join(",") === optionIds.join(","));
    cart = same ? cart.map((l) => (l === same ? { ...l, qty: l.qty + item.qty } : l)) : [...cart, { productId: product.id, optionIds, qty: item.qty }];
    added.push(ctx.t.addedToCart({ qty: item.qty, unit: product.unit, name: optionLabel(product.name, item.options) }));
  }
  const next: OrderDraft = { ...draft, cart, picking: undefined, step: "cart", history: ["product"] };
  return goTo(ctx, next, "cart", [{ text: added.join("\n") }]);
}

/** The option ids of the named options, in group order, as far as every group before is named. */
function optionIdsFor(product: CatalogItem, names: readonly string[]): number[] {
  const ids: number[] = [];
  for (const group of product.optionGroups) {
    const chosen = group.options.find((o) => names.includes(o.name));
    if (!chosen) break;
    ids.push(chosen.id);
  }
  return ids;
}

function optionLabel(name: string, options: readonly string[]): string {
  return options.length ? `${name} (${options.join(", ")})` : name;
}
