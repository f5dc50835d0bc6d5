import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { parseCommentOrder } from "../../flows/parse/comment-order";

const CODES = ["B1", "B2", "B3"] as const;

// "B1:2,B2:1" for an order, "-" for no order: the same notation as the corpus file.
function render(text: string, codes: readonly string[] = CODES, impliedCode?: string): string {
  const result = parseCommentOrder(text, codes, impliedCode === undefined ? {} : { impliedCode });
  return result.ok ? result.value.items.map((i) => `${i.code}:${i.qty}`).join(",") : "-";
}

// Data rows are "text<TAB>expected". Comment lines start with "#", but so do data rows such as
// "#B1 3<TAB>B1:3"; a line is data when its last field is a well-formed expectation.
const EXPECTATION = /^(?:-|[A-Za-z0-9]+:\d+(?:,[A-Za-z0-9]+:\d+)*)$/;

function corpusRows(): [string, string][] {
  const raw = readFileSync(new URL("../fixtures/comments-dev.tsv", import.meta.url), "utf8");
  const rows: [string, string][] = [];
  for (const line of raw.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const tab = line.lastIndexOf("\t");
    const expected = tab < 0 ? "" : line.slice(tab + 1).trim();
    if (!EXPECTATION.test(expected)) {
      // Anything that is not a data row must be a comment, never a silently skipped row.
      expect(line.startsWith("#"), `malformed corpus line: ${line}`).toBe(true);
      continue;
    }
    rows.push([line.slice(0, tab), expected]);
  }
  return rows;
}

describe("parseCommentOrder on the development corpus", () => {
  const rows = corpusRows();

  it("reads every data row, including the ones starting with #B", () => {
    expect(rows.length).toBe(71);
    expect(rows.filter(([text]) => text.startsWith("#")).map(([text]) => text)).toEqual(["#B1 3", "#b2 1", "#B3x2", "#Z1 2"]);
  });

  it.each(rows)("%j → %s", (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});

describe("parseCommentOrder beyond the corpus", () => {
  it.each([
    // number words and units
    ["chốt B1 mười lăm", "B1:15"],
    ["chot b2 muoi lam hop", "B2:15"],
    ["đặt B2 hai mươi mốt", "B2:21"],
    ["lấy b3 hai lăm", "B3:25"],
    ["chốt B1 một chục", "B1:10"],
    ["chốt B1 nửa chục", "B1:5"],
    ["chốt B1 tư", "B1:4"],
    ["chốt B1 twelve", "B1:12"],
    ["CHỐT B2 BA HỘP", "B2:3"],
    ["chốt B3 2 chai", "B3:2"],
    ["chốt B1 2 suất", "B1:2"],
    // order forms
    ["#B2 2", "B2:2"],
    ["B1 * 2", "B1:2"],
    ["B1 X 2", "B1:2"],
    ["B1 2x", "B1:2"],
    ["B1: 2", "B1:2"],
    ["B1 - 2", "B1:2"],
    ["B1-2 hộp", "B1:2"],
    ["B1=2", "B1:2"],
    ["chốt b 1 x2", "B1:2"],
    ["B1 (2 hộp)", "B1:2"],
    ["B1 số lượng 3", "B1:3"],
    ["B1 số lượng: 3", "B1:3"],
    ["B1 3 ạ", "B1:3"],
    ["chốt 2 B1", "B1:2"],
    ["em lấy 1 B1 với 2 B2", "B1:1,B2:2"],
    ["lấy hai hộp B3", "B3:2"],
    // verbs and politeness
    ["order B1 x 3", "B1:3"],
    ["cho em B1 2 hộp nha", "B1:2"],
    ["cho mình B2", "B2:1"],
    ["shop ơi chốt B1 x2 ạ", "B1:2"],
    ["bà lấy B1 2", "B1:2"],
    ["ok rồi chốt B1 x2", "B1:2"],
    ["Chốt đơn B1 sl 2 ạ", "B1:2"],
    ["đặt hàng B2 x1", "B2:1"],
    ["em lấy thêm B3 1 nữa nha", "B3:1"],
    ["giữ cho em B2 x2", "B2:2"],
    ["chốt B2 x1 nhaaa shopp", "B2:1"],
    ["book B1 2", "B1:2"],
    ["hellooo chốt B1 x2", "B1:2"],
    ["chốttt B3 x1", "B3:1"],
    // separators and several items
    ["B1 2; B2 1", "B1:2,B2:1"],
    ["B1 2 & B2 1", "B1:2,B2:1"],
    ["B1 2 / B2 1", "B1:2,B2:1"],
    ["B1 2\nB2 1", "B1:2,B2:1"],
    ["chốt B1 x2 va B2 x1", "B1:2,B2:1"],
    ["chốt B1 x2 với B3 x1", "B1:2,B3:1"],
    ["B1x2 B2x3", "B1:2,B2:3"],
    ["Chot B1 X2 + B3 X1", "B1:2,B3:1"],
    ["chốt B1 + B2", "B1:1,B2:1"],
    ["chốt B1 3 B2", "B1:3,B2:1"],
    ["chốt B1 x2, B3 ba hộp; B2 một", "B1:2,B3:3,B2:1"],
    // the same code twice adds up
    ["B1 2 B1 3", "B1:5"],
    ["chốt B1 x2, b1 x1", "B1:3"],
    // emoji, full-width, keycaps
    ["chốt B1 x2 🔥🔥 B2 x1 😍", "B1:2,B2:1"],
    ["❤️ chốt B3 x2 ❤️", "B3:2"],
    ["ｃｈｏｔ　Ｂ１　ｘ２", "B1:2"],
    ["Ｂ１ ２", "B1:2"],
    ["＃Ｂ３ ３", "B3:3"],
    ["chốt B1 2️⃣", "B1:2"],
    ["em lấy B1 ✖️2", "B1:2"],
    // a free note after an order with a verb and quantities
    ["chốt B1 x2 giao chiều nay", "B1:2"],
    ["chốt b1 x2 không hành", "B1:2"],
    ["chốt B1 x2 giao t7 nha", "B1:2"],
    // details after the items: the order is taken (issue 17), the rest is the note
    ["B1 2 giao chiều nay", "B1:2"],
    ["chốt B1 0912 345 678", "B1:1"],
    // a phone number left with the order is contact, not a quantity
    ["chốt B1 x2 0912345678", "B1:2"],
    ["chốt B1 x2 sđt 0912.345.678 nha", "B1:2"],
    ["B1 2 0912 345 678", "B1:2"],
    ["chốt B1 x2 +84 912 345 678 ạ", "B1:2"],
    // one item per line, and "+" between items: a quantity belongs to the code it stands next to
    ["lấy B1\n2 B2\n3 B3", "B1:1,B2:2,B3:3"],
    ["chốt B1\n2 B2", "B1:1,B2:2"],
    ["chốt B1 + 2 B2", "B1:1,B2:2"],
    ["chốt 2 B1 + 3 B2", "B1:2,B2:3"],
    ["chốt 2 B1\n3 B2", "B1:2,B2:3"],
    ["chốt B1 x2\nB2 x3", "B1:2,B2:3"],
    ["B1 + 2", "B1:2"],
  ])("%j → %s", (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    ["chốt B1 mười lăm", "B1:15"],
    ["chốt B2 hai mươi mốt hộp", "B2:21"],
    ["em lấy B3 ba phần ạ", "B3:3"],
    ["Chốt đơn B1 số lượng 2, B2 một nhé", "B1:2,B2:1"],
    ["lấy B1 bốn hũ", "B1:4"],
    ["đặt B2 nửa chục", "B2:5"],
  ])("reads the NFD form of %j → %s", (text, expected) => {
    const nfd = text.normalize("NFD");
    expect(nfd).not.toBe(text);
    expect(render(nfd)).toBe(expected);
  });

  it.each([
    // questions
    "B1 còn không",
    "B1 còn ko shop",
    "B1 còn hàng ko ạ",
    "chốt B1 x2?",
    "B1 2 hộp bao nhiêu tiền",
    "giá B2 bn",
    "B1 giá sao shop",
    "lấy B1 hay B2 nhỉ",
    "cho em hỏi B1",
    "B1 ship mấy ngày",
    "B1 với B2 loại nào ngon",
    "chốt B1 được không ạ",
    "B1 hết hàng chưa",
    // chatter and bare codes
    "B1",
    "#B1",
    "B1 B2 B3",
    "B1 + B2",
    "B1 đẹp quá",
    "giá B2",
    "mua B1 về ăn ngon lắm",
    "B1 3 B2",
    "ok chốt",
    "2",
    "x2",
    // cancellations and past orders
    "không lấy B1 nữa",
    "hủy B1",
    "em đã chốt B1 x2 rồi",
    "chốt B1 rồi",
    "chốt xong B1",
    // bad quantities
    "chốt B1 x100",
    "chốt B1 x99, B1 x1",
    "B1 0912345678",
    "0912345678",
    "chốt B1 1.5",
    "chốt B1 1,5",
    "chốt B1 rưỡi",
    "chốt B1 0",
    "chốt B1 không",
    "chốt B1 -2",
    "B1 -2",
    "chốt B1 x-2",
    "chốt B1 x",
    // garbage
    "",
    "   ",
    "😀😀😀",
  ])("%j is not an order", (text) => {
    expect(parseCommentOrder(text, CODES)).toEqual({ ok: false, reason: "not_an_order" });
  });

  it.each([
    ["5,000 x", "x".repeat(5000)],
    ["5,000 B", "B".repeat(5000)],
    ["5,000 fire emoji", "🔥".repeat(5000)],
    ["5,000 NFD ế", "ế".normalize("NFD").repeat(5000)],
    ["an order repeated 500 times", "chốt B1 x2 ".repeat(500)],
    ["5,000 digits", "1".repeat(5000)],
    ["B1 and 5,000 digits", `B1 ${"9".repeat(5000)}`],
    ["random printable noise", Array.from({ length: 5000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 94))).join("")],
  ])("%s is not an order", (_label, text) => {
    expect(parseCommentOrder(text, CODES)).toEqual({ ok: false, reason: "not_an_order" });
  });

  it("reads an order padded with 1,000 emoji", () => {
    expect(render(`chốt B1 x2 ${"😀".repeat(1000)}`)).toBe("B1:2");
  });

  it.each(["chốt K9 x1", "#Z1 2", "chốt B4 x1", "chốt B1 x2, K9 x1", "lấy Z1 hai hộp", "chốt K9"])("%j names an unknown code", (text) => {
    expect(parseCommentOrder(text, CODES)).toEqual({ ok: false, reason: "unknown_code" });
  });

  it.each(["mình ở P3 nhé", "ship q1 nha"])("%j is not read as an unknown code", (text) => {
    expect(parseCommentOrder(text, CODES)).toEqual({ ok: false, reason: "not_an_order" });
  });

  it("answers in the shop's own spelling of the code", () => {
    expect(render("chot sp01 x2, ga-1 3", ["SP01", "Ga-1"])).toBe("SP01:2,Ga-1:3");
    expect(render("#b12 2", ["B1", "B12"])).toBe("B12:2");
    expect(render("b1 2", ["B1", "B12"])).toBe("B1:2");
  });

  it("reads x1 after a code as a quantity even when the shop sells X1", () => {
    expect(render("chốt B1 x1", ["B1", "X1"])).toBe("B1:1");
    expect(render("chốt X1 2", ["B1", "X1"])).toBe("X1:2");
  });

  it("survives an empty code list", () => {
    expect(parseCommentOrder("chốt B1 x2", [])).toEqual({ ok: false, reason: "unknown_code" });
    expect(parseCommentOrder("ok shop", [])).toEqual({ ok: false, reason: "not_an_order" });
  });
});

describe("parseCommentOrder with impliedCode (a reply to the bot's post of one item)", () => {
  it.each([
    ["chốt 2", "B2:2"],
    ["chốt x2", "B2:2"],
    ["lấy 2 hộp", "B2:2"],
    ["chốt", "B2:1"],
    ["chốt nha", "B2:1"],
    ["chốt đơn", "B2:1"],
    ["em lấy ba hộp nha", "B2:3"],
    ["cho em hai", "B2:2"],
    ["x2", "B2:2"],
    ["chốt mười lăm".normalize("NFD"), "B2:15"],
    ["ｃｈốｔ ２", "B2:2"],
    ["chốt B1 x3", "B1:3"],
    ["2", "-"],
    ["ok shop", "-"],
    ["chốt xong rồi à", "-"],
    ["cảm ơn shop", "-"],
    ["chốt 2 3", "-"],
    ["lấy 2 hộp có không", "-"],
    ["chốt 100", "-"],
    ["chốt 1.5", "-"],
  ])("%j → %s", (text, expected) => {
    expect(render(text, CODES, "b2")).toBe(expected);
  });

  it("reports an implied code the shop does not sell only for an order", () => {
    expect(parseCommentOrder("chốt 2", CODES, { impliedCode: "Z9" })).toEqual({ ok: false, reason: "unknown_code" });
    expect(parseCommentOrder("ok shop", CODES, { impliedCode: "Z9" })).toEqual({ ok: false, reason: "not_an_order" });
  });
});
