import type { Reply, ReplyButton } from "../../src/chat/types";
import { alternativesFor, checkAvailability } from "../../src/domain/catalog/availability";
import { mediaUrlAt, PHOTO_SIDE } from "../../src/domain/media/photos";
import { menuText } from "./menu-text";
import type { CatalogItem } from "../../src/domain/catalog/catalog";
import { matchProduct } from "../parse/product-match";
import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";
import { ask } from "./draft";
import { goTo } from "./navigate";
import { orderFromSentence } from "./sentence-order";
import type { Step, StepOutcome } from "./step";

/** The global action that picks an item; it works from any menu or post, old or new. */
export const pickAction = (code: string) => `p:${code}`;

const MAX_MENU_BUTTONS = 30;

/** A product photo this channel can show: web links anywhere, a Telegram file id only on Telegram. */
function imageFor(channel: string, photoUrl: string | null): string | undefined {
  if (!photoUrl) return undefined;
  // The web chat shows it in a phone-wide bubble: the 320 px copy, not the 1280 px original.
  if (/^(https?:\/\/|\/)/.test(photoUrl)) return channel === "webchat" ? mediaUrlAt(photoUrl, PHOTO_SIDE.webchat) : photoUrl;
  return photoUrl.startsWith("tg:") && channel === "telegram" ? photoUrl : undefined;
}

function itemButton(ctx: FlowContext, item: CatalogItem): ReplyButton {
  return { label: ctx.t.menuItem({ code: item.code, name: item.name, price: item.price, unit: item.unit }), action: pickAction(item.code) };
}

/** The menu with a button for each item orderable now. */
export async function menuReplies(ctx: FlowContext, draft: OrderDraft | undefined): Promise<Reply[]> {
  const menu = menuText(ctx.t, ctx.shop, await ctx.catalog(), ctx.now);
  if (!menu) return [{ text: ctx.t.menuEmpty }];
  const text = `${menu.text}\n\n${ctx.t.menuPick}`;
  const buttons = [...menu.open.slice(0, MAX_MENU_BUTTONS).map((item) => itemButton(ctx, item)), { label: ctx.t.btnMyOrders, action: "orders" }];
  return [draft ? ask(ctx, draft, text, buttons) : { text, buttons }];
}

/** Starts configuring `item` (options, then quantity), or says why it cannot be ordered now. */
export async function pickProduct(ctx: FlowContext, draft: OrderDraft, item: CatalogItem): Promise<StepOutcome> {
  const availability = checkAvailability(item, ctx.now, ctx.shop.time_zone);
  if (!availability.ok) {
    const why =
      availability.reason === "sold_out"
        ? ctx.t.productSoldOut({ name: item.name })
        : availability.reason === "not_today"
          ? ctx.t.productNotToday({ name: item.name })
          : ctx.t.productOutsideHours({ name: item.name, from: availability.from, to: availability.to });
    const alternatives = alternativesFor(item, await ctx.catalog(), ctx.now, ctx.shop.time_zone);
    const text = alternatives.length ? `${why}\n${ctx.t.tryInstead}` : why;
    return { draft, replies: [ask(ctx, draft, text, alternatives.map((p) => itemButton(ctx, p)))] };
  }
  const card: Reply = {
    text: ctx.t.productCard({ code: item.code, name: item.name, price: item.price, unit: item.unit, description: item.description, labels: item.labels }),
    ...(imageFor(ctx.msg.channel, item.photoUrl) ? { image: imageFor(ctx.msg.channel, item.photoUrl) } : {}),
  };
  const picking = { ...draft, picking: { productId: item.id, optionIds: [] } };
  return goTo(ctx, picking, item.optionGroups.length ? "options" : "qty", [card]);
}

/** Finds the item a person typed (code or name) and picks it, or asks which one. */
export async function pickByText(ctx: FlowContext, draft: OrderDraft, text: string): Promise<StepOutcome | undefined> {
  const match = matchProduct(text, await ctx.catalog());
  if (match.kind === "one") return pickProduct(ctx, draft, match.product);
  if (match.kind === "many") {
    return { draft, replies: [ask(ctx, draft, ctx.t.productAmbiguous, match.products.slice(0, 8).map((p) => itemButton(ctx, p)))] };
  }
  return undefined;
}

export const productStep: Step = {
  prompt: (ctx, draft) => menuReplies(ctx, draft),
  async handle(ctx, draft, input) {
    if (input.kind === "text") {
      // A whole order in one sentence ("cho mình 2 suất cơm gà") first, then a code or a name alone.
      const ordered = await orderFromSentence(ctx, draft, input.text);
      if (ordered) return ordered;
      const picked = await pickByText(ctx, draft, input.text);
      if (picked) return picked;
      const shown = input.text.length > 40 ? `${input.text.slice(0, 40)}…` : input.text;
      return { draft, replies: [{ text: ctx.t.productNotFound({ text: shown }) }, ...(await menuReplies(ctx, draft))] };
    }
    return { draft, replies: await menuReplies(ctx, draft) };
  },
};
