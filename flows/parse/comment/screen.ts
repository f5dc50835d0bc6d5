import { squeeze } from "../quantity";
import { readBody } from "./body-walk";
import { ALREADY, hasPastTime, hasTailCue, lastOrderToken, notOrderCue } from "./cues";
import { hasQty, isItem, type BodyReading } from "./reading-types";
import type { Refused, Refusals } from "./refusals";
import type { Token } from "./tokens";
import type { CommentVocabulary } from "./vocabulary";
import { ORDER_VERBS, PRICE_STOCK_WORDS } from "./words";

/**
 * The body read, once the comment is known to be no report, price question or question about the
 * order. A question after a whole order ("chốt A1 2 còn không ạ") is cut off and read past.
 */
export function screenBody(
  whole: readonly Token[],
  tail: readonly Token[],
  tokens: readonly Token[],
  normal: string,
  vocab: CommentVocabulary,
  no: Refusals,
): { body: readonly Token[]; read: BodyReading } | Refused {
  let body = whole;
  const bodyText = body.length ? normal.slice(0, (body[body.length - 1]?.end ?? 0)) : "";
  if (ALREADY.test(bodyText.toLowerCase()) || hasTailCue(tail) || hasPastTime(tokens)) return no.chatter();
  // A minus sign ("B1 -2") never means anything good in an order.
  if (body.some((t) => t.kind === "num" && t.text === "\u2212")) return no.chatter();
  // "giá A5", "xin giá A6": asking the price of an item, never ordering it.
  const firstItem = body.findIndex(isItem);
  if (body.slice(0, firstItem < 0 ? body.length : firstItem).some((t) => t.kind === "word" && t.text === "gia")) return no.chatter();
  let read = readBody(body, vocab);
  const cue = notOrderCue(body);
  if (cue >= 0) {
    const last = orderBeforeQuestion(body, read, cue);
    if (last === null) return no.chatter();
    no.ignored.push(normal.slice(body[last + 1]?.start ?? 0, body[body.length - 1]?.end ?? 0).trim());
    body = body.slice(0, last + 1);
    read = readBody(body, vocab);
  }
  if (read.conflict) return no.unclear("which_product", { codes: read.conflict });
  // "chốt A1 A5 2": is the 2 for both, or for A5 alone? Asked (with "mỗi loại" it is for both).
  const bareRun = read.items.find((x, k) => {
    const next = read.items[k + 1];
    return x.atoms.length === 0 && next && next.at === x.at + 1 && hasQty(next) && !read.each;
  });
  if (bareRun && bareRun.codes?.length === 1) return no.unclear("quantity", { code: bareRun.codes[0] ?? "" });
  return { body, read };
}

/** Where the order ends before the question at `cue`, when it stands as an order; null when it does not. */
function orderBeforeQuestion(body: readonly Token[], read: BodyReading, cue: number): number | null {
  // A question after a whole order ("chốt A1 2 còn không ạ", "… hết bao nhiêu ạ") leaves the order
  // standing; one inside it, or a question mark, or an order without an order word, does not.
  const last = lastOrderToken(read.items);
  const strong = read.loose.some((l) => l.kind === "verb" && l.itemsBefore === 0 && ORDER_VERBS.has(l.word)) && read.items.length > 0 && read.items.every(hasQty);
  const mark = body[cue];
  const between = read.loose.filter((l) => l.kind === "other" && l.at > last && l.at < cue).length;
  // Without an order word, a question may follow a whole order only after a comma and only about
  // delivery ("SP06 1 bộ nhé shop, bao lâu thì nhận được hàng ạ"), never about price or stock.
  const explicitOrder = read.items.length > 0 && read.items.every(hasQty);
  const rest = body.slice(last + 1);
  const aside = explicitOrder && rest.some((t) => t.kind === "punct" && [",", "."].includes(t.text)) && !rest.some((t) => t.kind === "word" && PRICE_STOCK_WORDS.has(squeeze(t.text)));
  if (!(strong && between <= 1) && !aside) return null;
  if (cue <= last || (mark?.kind === "punct" && mark.text === "?")) return null;
  if (rest.some((t) => t.kind === "word" && t.text === "roi")) return null;
  return last;
}
