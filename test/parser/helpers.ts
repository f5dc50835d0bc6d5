import { readFileSync } from "node:fs";
import { readComment } from "../../flows/parse/comment/read-comment";
import { vocabularyFor, type VocabProduct } from "../../flows/parse/comment/vocabulary";
import { DEMO_PRODUCTS } from "../../src/domain/shops/demo-seed";

/** The demo shop's catalog as the comment reader sees it. */
export const DEMO_VOCAB_PRODUCTS: VocabProduct[] = DEMO_PRODUCTS.map((p) => ({
  code: p.code,
  name: p.name,
  unit: p.unit,
  options: (p.options ?? []).map((g) => ({ group: g.group, names: g.choices.map(([name]) => name) })),
}));

/** A reading in the corpus notation: "-" chatter, "?" an answer and no order, or "A1:2[Lớn+Cay nhiều],A5:1". */
export function render(text: string, products: readonly VocabProduct[] = DEMO_VOCAB_PRODUCTS, impliedCode?: string): { expected: string; extras: string } {
  const result = readComment(text, vocabularyFor(products, "Bếp Nhà Mây"), impliedCode ? { impliedCode } : {});
  if (!result.ok) return { expected: result.reason.kind === "chatter" ? "-" : "?", extras: "" };
  const expected = result.value.items.map((i) => `${i.code}:${i.qty}${i.options.length ? `[${i.options.join("+")}]` : ""}`).join(",");
  const extras = [result.value.phone ? `phone=${result.value.phone}` : "", result.value.note ? "note" : ""].filter(Boolean).join(" ");
  return { expected, extras };
}

/** Data rows of a corpus file: a line with a TAB is data (it may start with "#"), others are comments. */
export function corpusRows(file: URL): { text: string; expected: string; extras: string }[] {
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.includes("\t"))
    .map((line) => {
      const [text = "", expected = "", extras = ""] = line.split("\t");
      return { text, expected: expected.trim(), extras: extras.trim() };
    });
}
