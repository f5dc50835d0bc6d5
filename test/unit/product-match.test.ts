import { describe, it, expect } from "vitest";
import { matchProduct } from "../../flows/parse/product-match";

type P = { code: string; name: string; price: number };
const GA = { code: "A1", name: "Gà nướng", price: 120000 };
const GA_LUOC = { code: "A2", name: "Gà luộc lá chanh", price: 110000 };
const VIT = { code: "A3", name: "Vịt nướng", price: 150000 };
const GAO = { code: "B1", name: "Gạo ST25", price: 40000 };
const MAT_ONG = { code: "B12", name: "Mật ong rừng", price: 250000 };
const COMBO = { code: "C-1", name: "Combo gà nướng + xôi", price: 160000 };
const PRODUCTS: readonly P[] = [GA, GA_LUOC, VIT, GAO, MAT_ONG, COMBO];

const codeOf = (r: ReturnType<typeof matchProduct<P>>): string | string[] | null =>
  r.kind === "one" ? r.product.code : r.kind === "many" ? r.products.map((p) => p.code) : null;

describe("matchProduct", () => {
  it.each([
    ["a1", "A1"],
    ["A1", "A1"],
    ["#A1", "A1"],
    ["a 1", "A1"],
    ["Ａ１", "A1"],
    ["b12", "B12"],
    ["B1", "B1"],
    ["c1", "C-1"],
    ["C-1", "C-1"],
    ["cho em A1 nha", "A1"],
    ["lấy a3", "A3"],
    ["ga nuong", "A1"],
    ["Gà nướng", "A1"],
    ["GÀ NƯỚNG", "A1"],
    ["cho em gà nướng", "A1"],
    ["món gà nướng ạ", "A1"],
    ["mua mật ong", "B12"],
    ["đặt gạo", "B1"],
    ["gao", "B1"],
    ["mat ong", "B12"],
    ["vit", "A3"],
    ["luoc", "A2"],
    ["chanh", "A2"],
    ["ga luoc", "A2"],
    ["Gà nướng".normalize("NFD"), "A1"],
    ["mật ong rừng".normalize("NFD"), "B12"],
  ])("finds exactly one for %j", (text, code) => {
    expect(codeOf(matchProduct(text, PRODUCTS))).toBe(code);
  });

  it.each([
    ["ga", ["A1", "A2", "C-1"]],
    ["nuong", ["A1", "A3", "C-1"]],
    ["nướng", ["A1", "A3", "C-1"]],
    ["ga nuo", ["A1", "C-1"]],
    ["GÀ", ["A1", "A2", "C-1"]],
  ])("finds several for %j, best first", (text, codes) => {
    expect(codeOf(matchProduct(text, PRODUCTS))).toEqual(codes);
  });

  it("does not match a short word inside a longer one", () => {
    const result = matchProduct("ga", PRODUCTS);
    expect(result.kind).toBe("many");
    if (result.kind === "many") expect(result.products).not.toContain(GAO);
  });

  it.each([
    "",
    "   ",
    "😀",
    "xyz",
    "pizza",
    "a9",
    "cho em",
    "gà bò",
    "g",
  ])("finds none for %j", (text) => {
    expect(matchProduct(text, PRODUCTS)).toEqual({ kind: "none" });
  });

  it.each([
    ["2,000 repeated words", "ga ".repeat(2000)],
    ["5,000 letters", "x".repeat(5000)],
    ["5,000 emoji", "🐔".repeat(5000)],
  ])("finds none for %s", (_label, text) => {
    expect(matchProduct(text, PRODUCTS)).toEqual({ kind: "none" });
  });

  it("finds none in an empty catalog", () => {
    expect(matchProduct("gà nướng", [])).toEqual({ kind: "none" });
  });

  it("returns the caller's own objects", () => {
    const result = matchProduct("A1", PRODUCTS);
    expect(result.kind === "one" && result.product).toBe(GA);
  });
});
