import { describe, expect, it } from "vitest";
import { stripLeadingMention } from "../../bots/zalo/mention";

describe("stripLeadingMention (Zalo group messages)", () => {
  it.each([
    ["@Bot Bếp Nhà Mây chốt A1 x2", "chốt A1 x2"],
    ["@Bếp Nhà Mây A1 2", "A1 2"],
    ["  @bep nha may #A1 2", "#A1 2"],
    ["@Bếp Mây 2 lấy 2 hộp", "lấy 2 hộp"],
    ["@Shop /link ZALO1", "/link ZALO1"],
    ["@Một Hai Ba Bốn Năm Sáu chot a1 2", "chot a1 2"],
    ["@Bot em lấy A2 1", "em lấy A2 1"],
  ])("%s → %s", (text, expected) => {
    expect(stripLeadingMention(text)).toEqual({ text: expected, mentioned: true });
  });

  it("a name the bot is known by is taken whole, with or without diacritics, NFC or NFD", () => {
    for (const text of ["@Bếp Nhà Mây 2 phần", "@Bep Nha May 2 phần", "@Bếp Nhà Mây, 2 phần".normalize("NFD")]) {
      expect(stripLeadingMention(text, ["Bếp Nhà Mây"]).text.normalize("NFC")).toBe("2 phần");
    }
  });

  it("a text without a leading mention is left as it is", () => {
    expect(stripLeadingMention("chốt A1 x2 @Bot")).toEqual({ text: "chốt A1 x2 @Bot", mentioned: false });
  });

  it("chatter after a mention loses only the first word, and nothing crashes", () => {
    expect(stripLeadingMention("@Shop còn hàng không ạ")).toEqual({ text: "còn hàng không ạ", mentioned: true });
    expect(stripLeadingMention("@")).toEqual({ text: "", mentioned: true });
    expect(stripLeadingMention("@😀").text).toBe("");
  });
});
