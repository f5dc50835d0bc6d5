import { describe, expect, it } from "vitest";
import { parseOptionWithPrice } from "../../src/domain/catalog/option-price";

describe("an option typed with its price in the catalog editor", () => {
  it.each([
    ["Lớn=20000", "Lớn", 20_000],
    ["Lớn = 20000", "Lớn", 20_000],
    ["Lớn=+20k", "Lớn", 20_000],
    ["Lớn +20k", "Lớn", 20_000],
    ["Lớn +20.000", "Lớn", 20_000],
    ["Lớn 20.000đ", "Lớn", 20_000],
    ["Lớn 20.000 ₫", "Lớn", 20_000],
    ["Lớn (+20k)", "Lớn", 20_000],
    ["Lớn (20.000đ)", "Lớn", 20_000],
    ["Thêm chả + 15k", "Thêm chả", 15_000],
    ["Ít đá -5k", "Ít đá", -5_000],
    ["Vừa", "Vừa", 0],
    ["Vừa=0", "Vừa", 0],
    ["Size 38", "Size 38", 0],
    ["Hũ 500ml", "Hũ 500ml", 0],
    ["Bao 5kg +30k", "Bao 5kg", 30_000],
  ])("%j → %s %d", (typed, name, delta) => {
    expect(parseOptionWithPrice(typed)).toEqual({ ok: true, value: { name, delta } });
  });

  it.each(["Lớn +abc", "Lớn=", "Lớn = hai mươi", "Lớn (+)", "=20000", "+20k"])("%j is refused, never saved as 0 ₫", (typed) => {
    expect(parseOptionWithPrice(typed).ok).toBe(false);
  });
});
