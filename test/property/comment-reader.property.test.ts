import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readComment } from "../../flows/parse/comment/read-comment";
import { vocabularyFor } from "../../flows/parse/comment/vocabulary";
import { foldText } from "../../src/text/normalize";
import { COOP_PRODUCTS, DEMO_VOCAB_PRODUCTS } from "../parser/helpers";
import { anyText, vietnameseText, vietnameseWord } from "./arbitraries";

// The comment reader over a real catalog (names, aliases, options): what must hold for any text.
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined;
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 400), ...(SEED !== undefined ? { seed: SEED } : {}) };
const vocab = vocabularyFor(DEMO_VOCAB_PRODUCTS, "Bếp Nhà Mây");
const codes = new Set(DEMO_VOCAB_PRODUCTS.map((p) => p.code));

// Words of the catalog's names and options, plus order words: sentences close to real orders.
const catalogWord = fc.constantFrom(
  ...DEMO_VOCAB_PRODUCTS.flatMap((p) => [p.code, p.name, ...p.name.split(" "), p.unit, ...(p.options ?? []).flatMap((g) => g.names)]),
  "chốt", "lấy", "cho", "mình", "2", "hai", "x3", "nhầm", "sửa lại", "à không", "mỗi loại", "mỗi thứ", "1", "sđt 0912345678", "giao xóm 2", "85k", "?", "không", "ạ",
);
const catalogText = fc.array(fc.oneof(catalogWord, vietnameseWord), { maxLength: 14 }).map((w) => w.join(" "));

describe("readComment, for any text", () => {
  it("never throws, and an order is well-formed: catalog codes and options, 1..99 each", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, vietnameseText, catalogText), (text) => {
        const result = readComment(text, vocab);
        if (!result.ok) {
          // A correction ("nhầm hai mươi") is a refusal too: it changes the buyer's last comment, never orders anew.
          expect(["chatter", "unclear", "correction"]).toContain(result.reason.kind);
          return;
        }
        expect(result.value.items.length).toBeGreaterThan(0);
        for (const item of result.value.items) {
          expect(codes.has(item.code)).toBe(true);
          expect(Number.isInteger(item.qty) && item.qty >= 1 && item.qty <= 99).toBe(true);
          const product = DEMO_VOCAB_PRODUCTS.find((p) => p.code === item.code);
          const names = (product?.options ?? []).flatMap((g) => g.names);
          for (const option of item.options) expect(names).toContain(option);
        }
      }),
      RUNS,
    );
  });

  it("reads NFC and NFD alike", () => {
    fc.assert(
      fc.property(fc.oneof(vietnameseText, catalogText), (text) => {
        expect(readComment(text.normalize("NFD"), vocab)).toEqual(readComment(text.normalize("NFC"), vocab));
      }),
      RUNS,
    );
  });

  it("makes no order from text that names neither a code nor a product", () => {
    // Words that are no code and no word of any name or alias in the catalog.
    const nameWords = new Set(DEMO_VOCAB_PRODUCTS.flatMap((p) => foldText(p.name).split(" ")));
    const neutral = fc.constantFrom(...["chốt", "lấy", "cho", "em", "2", "hai", "x3", "ạ", "nha", "hộp", "phần", "kg", "0912345678", "giao", "xóm", "85k", "ok", "ngon", "?", "mỗi", "loại", "nhầm", "1", "Lan", "shop"].filter((w) => !nameWords.has(foldText(w))));
    fc.assert(
      fc.property(fc.array(neutral, { maxLength: 12 }), (words) => {
        const result = readComment(words.join(" "), vocab);
        expect(result.ok).toBe(false);
      }),
      RUNS,
    );
  });

  it("a correction leaves one quantity per line: the corrected one", () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEMO_VOCAB_PRODUCTS.map((p) => p.code)), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom("à nhầm", "nhầm", "sửa lại", "à không", "ý là", ", sửa lại"), (code, first, second, word) => {
        const result = readComment(`chốt ${code} ${first} ${word} ${second}`, vocab);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value.items).toEqual([{ code, qty: second, options: [] }]);
      }),
      RUNS,
    );
  });

  it("the vocabulary is built once per catalog, not per comment", () => {
    expect(vocabularyFor(DEMO_VOCAB_PRODUCTS, "Bếp Nhà Mây")).toBe(vocab);
    expect(vocabularyFor([...DEMO_VOCAB_PRODUCTS], "Bếp Nhà Mây")).toBe(vocab);
    expect(vocabularyFor(COOP_PRODUCTS, "Bếp Nhà Mây")).not.toBe(vocab);
  });
});
