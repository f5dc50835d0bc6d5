import type { CatalogItem } from "../../src/domain/catalog/catalog";
import { messagesFor } from "../../src/i18n/messages";
import { normalizeText } from "../../src/text/normalize";
import { catalogVocabulary } from "../parse/comment/catalog-vocabulary";
import { readComment, type ReadItem } from "../parse/comment/read-comment";
import { commentAnswer } from "./answer";

/** How a shop's catalog reads one comment: the `npm run parse -- --json` shape (CONTRACT.md). */
export interface CommentExplanation {
  items: ReadItem[];
  phone?: string;
  note?: string;
  ignored: string[];
  /** What the bot would answer when it cannot read the comment in full; absent for an order and for chatter. */
  answer?: string;
}

/**
 * Reads a comment as the shop's bot would (the text cleaned as at every channel's edge, the shop's
 * vocabulary, its language) and says what came of it. No buyer is named in the answer. Pure.
 */
export function explainComment(catalog: readonly CatalogItem[], shop: { name: string; lang: string }, text: string): CommentExplanation {
  const vocab = catalogVocabulary(catalog, shop.name);
  const read = readComment(normalizeText(text), vocab);
  if (read.ok) {
    const { items, phone, note, ignored } = read.value;
    return { items: items.map((i) => ({ code: i.code, qty: i.qty, options: [...i.options] })), ...(phone ? { phone } : {}), ...(note ? { note } : {}), ignored: [...ignored] };
  }
  const refusal = read.reason;
  const answer = commentAnswer(messagesFor(shop.lang), refusal, vocab);
  return { items: [], ...(refusal.phone ? { phone: refusal.phone } : {}), ignored: [...refusal.ignored], ...(answer ? { answer } : {}) };
}
