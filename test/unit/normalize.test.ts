import { describe, it, expect } from "vitest";
import { foldText, normalizeText } from "../../src/text/normalize";

describe("normalizeText", () => {
  it.each([
    ["  Gà   nướng  ", "Gà nướng"],
    ["Gà\tnướng", "Gà nướng"],
    ["a\u0000b\u0007c\u001Fd\u007Fe\u0085f", "abcde\nf"],
    ["line 1\r\nline 2\rline 3", "line 1\nline 2\nline 3"],
    ["  one  \n   two   ", "one\ntwo"],
    ["a\n\n\n\n\nb", "a\n\nb"],
    ["a\n \n\t\n  \nb", "a\n\nb"],
    ["\n\n  hello  \n\n", "hello"],
    ["a\u00A0\u3000\u2003b", "a b"],
    ["\uFEFFxin chào", "xin chào"],
    ["", ""],
    ["   \n\t  ", ""],
    ["😀  🎉", "😀 🎉"],
  ])("cleans %j", (raw, expected) => {
    expect(normalizeText(raw)).toBe(expected);
  });

  it("recomposes NFD Vietnamese to NFC", () => {
    const nfd = "Chốt đơn Gà nướng".normalize("NFD");
    expect(nfd).not.toBe("Chốt đơn Gà nướng");
    expect(normalizeText(nfd)).toBe("Chốt đơn Gà nướng");
  });

  it.each([
    ["abcdef", 3, "abc"],
    ["ab😀cd", 3, "ab😀"],
    ["😀😀😀", 2, "😀😀"],
    ["ab cd", 3, "ab"],
    ["abc", 0, ""],
    ["abc", -5, ""],
    ["abc", Number.NaN, ""],
  ])("caps %j to %d code points", (raw, max, expected) => {
    expect(normalizeText(raw, max)).toBe(expected);
  });

  it("never leaves half a surrogate pair when capping", () => {
    for (let max = 1; max <= 12; max++) {
      const out = normalizeText("a😀b😀😀c😀".repeat(2), max);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect([...out].length).toBeLessThanOrEqual(max);
    }
  });

  it("replaces lone surrogates from the input", () => {
    expect(normalizeText("a\uD800b\uDC00c")).toBe("a\uFFFDb\uFFFDc");
  });

  it("defaults to 2000 code points for hostile input", () => {
    expect([...normalizeText("😀".repeat(5000))].length).toBe(2000);
    const out = normalizeText("ế".normalize("NFD").repeat(5000));
    expect([...out].length).toBe(2000);
    expect(out).toBe("ế".repeat(2000));
  });
});

describe("foldText", () => {
  it.each([
    ["Gà Nướng", "ga nuong"],
    ["  GÀ   nướng ", "ga nuong"],
    ["Đặt hàng", "dat hang"],
    ["đ Đ", "d d"],
    ["Ａ１ ２", "a1 2"],
    ["ＣＨỐＴ　Ｂ１", "chot b1"],
    ["Mật ong rừng", "mat ong rung"],
    ["Thị xã\nHương Thủy\tHuế", "thi xa huong thuy hue"],
    ["", ""],
    ["😀 Ok", "😀 ok"],
  ])("folds %j to %j", (raw, expected) => {
    expect(foldText(raw)).toBe(expected);
  });

  it.each(["Gà nướng", "Chốt đơn B1 mười hai", "Hũ mật ong Đắk Lắk", "Bánh ướt Phở Bò"])(
    "folds the NFD form of %j the same as the NFC form",
    (text) => {
      expect(foldText(text.normalize("NFD"))).toBe(foldText(text.normalize("NFC")));
    },
  );

  it("makes accented and unaccented spellings equal", () => {
    expect(foldText("Gà Nướng")).toBe(foldText("ga nuong"));
  });
});
