// The comment reader alone: per-comment time on a 40-item catalog, over the development corpora's
// comments (orders and chatter alike), as the flows call it (vocabulary looked up, then read).
import { readFileSync } from "node:fs";
import { readComment } from "../flows/parse/comment/read-comment";
import { buildVocabulary, vocabularyFor, type VocabProduct } from "../flows/parse/comment/vocabulary";
import { COOP_PRODUCTS, CRAFT_PRODUCTS, DEMO_VOCAB_PRODUCTS } from "../test/parser/helpers";

const CORPORA = ["comments-catalog-dev.tsv", "comments-coop-dev.tsv", "comments-craft-dev.tsv", "comments-dev.tsv"];

/** 40 items: the three corpora's catalogs and a dozen more of the same kinds. */
export function fortyItemCatalog(): VocabProduct[] {
  const extra = ["Bánh cuốn nóng", "Cháo sườn", "Miến lươn", "Nem rán", "Chả giò", "Bún riêu cua", "Sữa chua nếp cẩm", "Trà chanh", "Bánh mì pate", "Xôi xéo", "Thịt lợn bản", "Cá suối nướng", "Măng chua", "Rau cải mèo", "Gà đồi", "Trứng vịt lộn", "Bánh giầy", "Rượu táo mèo", "Mứt gừng", "Chè đỗ đen"];
  const base = [...DEMO_VOCAB_PRODUCTS, ...COOP_PRODUCTS, ...CRAFT_PRODUCTS];
  const more = extra.slice(0, 40 - base.length).map((name, i) => ({ code: `C${i + 1}`, name, unit: "phần", options: i % 3 === 0 ? [{ group: "Cỡ", names: ["Nhỏ", "To"] }] : [] }));
  return [...base, ...more];
}

export function comments(): string[] {
  return CORPORA.flatMap((file) =>
    readFileSync(new URL(`../test/fixtures/${file}`, import.meta.url), "utf8")
      .split(/\r?\n/)
      .filter((line) => line.includes("\t"))
      .map((line) => line.split("\t")[0] ?? ""),
  );
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export function benchCommentParser(rounds = 20): { comments: number; catalog: number; buildMs: number; medianMs: number; p99Ms: number; maxMs: number; perSecond: number; orders: number } {
  const catalog = fortyItemCatalog();
  const texts = comments();
  const t0 = performance.now();
  buildVocabulary(catalog, "Bếp Nhà Mây");
  const buildMs = performance.now() - t0;
  // Warm up the JIT and the vocabulary cache, as a running server is.
  for (const text of texts) readComment(text, vocabularyFor(catalog, "Bếp Nhà Mây"));
  const times: number[] = [];
  let orders = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) {
      const a = performance.now();
      const read = readComment(text, vocabularyFor(catalog, "Bếp Nhà Mây"));
      times.push(performance.now() - a);
      if (r === 0 && read.ok) orders++;
    }
  }
  const total = performance.now() - start;
  times.sort((x, y) => x - y);
  return { comments: texts.length, catalog: catalog.length, buildMs, medianMs: quantile(times, 0.5), p99Ms: quantile(times, 0.99), maxMs: times[times.length - 1] ?? 0, perSecond: (times.length / total) * 1000, orders };
}
