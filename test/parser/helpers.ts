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

const product = (code: string, name: string, unit: string, options: [string, string[]][] = []): VocabProduct => ({ code, name, unit, options: options.map(([group, names]) => ({ group, names })) });

/** The catalog of a farm cooperative with a noodle stall, for the second development corpus. */
export const COOP_PRODUCTS: VocabProduct[] = [
  product("M1", "Mật ong rừng Tây Bắc", "chai", [["Dung tích", ["500ml", "1 lít"]]]),
  product("M2", "Măng khô Lai Châu", "kg"),
  product("M3", "Phở bò tái", "bát", [["Cỡ", ["Thường", "Đặc biệt"]], ["Thêm", ["Thêm bánh", "Thêm thịt"]]]),
  product("M4", "Cà phê sữa đá", "ly", [["Đường", ["Ít đường", "Nhiều đường"]]]),
  product("M5", "Gạo nếp cái hoa vàng", "bao", [["Loại", ["Bao 5kg", "Bao 10kg"]]]),
  product("M6", "Thịt trâu gác bếp", "gói", [["Vị", ["Cay", "Không cay"]]]),
  product("M7", "Trà shan tuyết", "hộp"),
  product("M8", "Bánh chưng", "cái"),
  product("M9", "Nem chua", "chục"),
  product("M10", "Rượu ngô", "can"),
];

/** The catalog of a craft village's clothing and gift live-stream seller, for the third corpus. */
export const CRAFT_PRODUCTS: VocabProduct[] = [
  product("SP01", "Áo thun cotton", "cái", [["Size", ["S", "M", "L", "XL"]], ["Màu", ["Trắng", "Đen", "Xanh"]]]),
  product("SP02", "Quần jean nữ", "cái", [["Size", ["27", "28", "29", "30"]]]),
  product("SP03", "Nón lá Huế", "chiếc"),
  product("SP04", "Giỏ mây tre đan", "cái", [["Cỡ", ["Nhỏ", "Vừa", "To"]]]),
  product("SP05", "Tranh Đông Hồ", "bức"),
  product("SP06", "Gốm Bát Tràng bộ ấm chén", "bộ"),
  product("SP07", "Khăn lụa tơ tằm", "chiếc", [["Màu", ["Đỏ", "Vàng", "Tím"]]]),
  product("SP08", "Dép cói", "đôi", [["Size", ["36", "37", "38", "39", "40"]]]),
  product("K1", "Kẹo lạc", "gói"),
  product("K2", "Bánh đậu xanh", "hộp"),
];

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
