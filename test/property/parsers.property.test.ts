import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommentOrder } from "../../flows/parse/comment-order";
import { findVietnamesePhone, parseVietnamesePhone } from "../../flows/parse/phone";
import { matchProduct } from "../../flows/parse/product-match";
import { parseQuantity } from "../../flows/parse/quantity";
import { parseYesNo } from "../../flows/parse/yes-no";
import { formatVnd, MAX_VND, parseVndAmount } from "../../src/domain/money";
import { foldText, normalizeText } from "../../src/text/normalize";
import { anyText, fullWidthDigits, hugeText, stripDiacritics, vietnameseText } from "./arbitraries";

// Fixed seeds so that a failure reproduces; fast-check prints the seed and path of any counterexample.
// PROPERTY_SEED / PROPERTY_RUNS explore further (e.g. PROPERTY_SEED=7 PROPERTY_RUNS=5000 npx vitest run test/property).
const SEED = Number(process.env.PROPERTY_SEED ?? 20261123);
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300), seed: SEED } as const;
const HUGE_RUNS = { numRuns: 25, seed: SEED + 1 } as const;

const PHONE = /^0[35789]\d{8}$/;
const CODES = ["B1", "B2", "B3", "A1", "A12", "C7"] as const;

/** Both canonical forms of a string. */
const forms = (s: string): [string, string] => [s.normalize("NFC"), s.normalize("NFD")];

/** A shop's code list: one or two letters and one or two digits, distinct once folded. */
const codeList = fc
  .uniqueArray(fc.stringMatching(/^[A-WYZ][A-Z]?[1-9][0-9]?$/), { minLength: 1, maxLength: 6, selector: (c) => c.toLowerCase() })
  // "sl" is a quantity marker ("B1 sl 2"); a shop would not name a product that way, and the parser reads it as a marker.
  .filter((codes) => codes.every((c) => !/^SL/i.test(c)));

/** Parsers must never throw: each is run on every generated string. */
function runAllParsers(text: string): void {
  parseQuantity(text);
  parseQuantity(text, { max: 5 });
  parseCommentOrder(text, CODES);
  parseCommentOrder(text, CODES, { impliedCode: "B1" });
  parseVietnamesePhone(text);
  findVietnamesePhone(text);
  parseYesNo(text);
  matchProduct(text, PRODUCTS);
  normalizeText(text);
  normalizeText(text, 10);
  foldText(text);
  parseVndAmount(text);
}

const PRODUCTS = [
  { code: "A1", name: "Cơm gà nướng mắc khén" },
  { code: "A2", name: "Bún chả cá sông Đà" },
  { code: "A3", name: "Xôi ngũ sắc" },
  { code: "B1", name: "Gà nướng" },
  { code: "B2", name: "Gạo nương" },
  { code: "E1", name: "Mật ong hoa bạc hà" },
] as const;

describe("every parser, on any string", () => {
  it("never throws on arbitrary, unicode, emoji and Vietnamese text", () => {
    fc.assert(fc.property(anyText, (text) => void runAllParsers(text)), RUNS);
  });

  it("never throws on huge strings (10,000–20,000 characters)", () => {
    fc.assert(fc.property(hugeText, (text) => void runAllParsers(text)), HUGE_RUNS);
  });
});

describe("parseQuantity", () => {
  it("only ever returns a whole number from 1 to max", () => {
    const max = fc.option(fc.integer({ min: 1, max: 1_000 }), { nil: undefined });
    fc.assert(
      fc.property(anyText, max, (text, m) => {
        const result = parseQuantity(text, m === undefined ? {} : { max: m });
        if (result.ok) {
          expect(Number.isInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThanOrEqual(1);
          expect(result.value).toBeLessThanOrEqual(m ?? 99);
        } else {
          expect(["empty", "not_a_number", "zero", "too_large", "not_whole"]).toContain(result.reason);
        }
      }),
      RUNS,
    );
  });

  it("stays within bounds on huge input too", () => {
    fc.assert(
      fc.property(hugeText, (text) => {
        const result = parseQuantity(text);
        if (result.ok) expect(Number.isInteger(result.value) && result.value >= 1 && result.value <= 99).toBe(true);
      }),
      HUGE_RUNS,
    );
  });

  it("gives the same answer for the NFC and NFD forms of the same text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const [nfc, nfd] = forms(text);
        expect(parseQuantity(nfd)).toEqual(parseQuantity(nfc));
      }),
      RUNS,
    );
  });

  it("reads full-width digits exactly like ASCII digits", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(parseQuantity(fullWidthDigits(text))).toEqual(parseQuantity(text));
      }),
      RUNS,
    );
  });

  it("reads every typed quantity 1..max back, in any of the usual shapes", () => {
    const shape = fc.constantFrom("{n}", "x{n}", "x {n}", "{n} hộp", "cho em {n} phần nha", "lấy {n} ạ", "{n} thôi", "SL: {n}", "{n}x");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), shape, fc.boolean(), (n, template, fullWidth) => {
        const text = template.replace("{n}", fullWidth ? fullWidthDigits(String(n)) : String(n));
        expect(parseQuantity(text, { max: 500 })).toEqual({ ok: true, value: n });
        expect(parseQuantity(text, { max: n - 1 >= 1 ? n - 1 : 99 })).toEqual(n - 1 >= 1 ? { ok: false, reason: "too_large" } : { ok: true, value: n });
      }),
      RUNS,
    );
  });
});

// ---- comment orders ---------------------------------------------------------------------------

const VERBS = ["chốt", "chot", "lấy", "mua", ""] as const;
const SEPARATORS = [", ", " + ", " và ", "\n"] as const;

type Line = { code: string; qty: number; shape: number };

/** "B1 x2", "B1 2", "B1x2", "B1 * 2", or "2 B1", whatever separates it from the next item ("\n" and " + " too). */
function renderItem(line: Line): string {
  const { code, qty } = line;
  switch (line.shape % 5) {
    case 0:
      return `${code} x${qty}`;
    case 1:
      return `${code} ${qty}`;
    case 2:
      return `${code}x${qty}`;
    case 3:
      return `${code} * ${qty}`;
    default:
      return `${qty} ${code}`;
  }
}

const generatedOrder = codeList.chain((codes) =>
  fc.record({
    codes: fc.constant(codes),
    verb: fc.constantFrom(...VERBS),
    lines: fc.array(
      fc.record({ code: fc.constantFrom(...codes), qty: fc.integer({ min: 1, max: 99 }), shape: fc.nat(4) }),
      { minLength: 1, maxLength: 5 },
    ),
    seps: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 5, maxLength: 5 }),
    diacritics: fc.boolean(),
    kase: fc.constantFrom("upper", "lower", "keep"),
    form: fc.constantFrom("NFC", "NFD"),
  }),
);

describe("parseCommentOrder", () => {
  it("only returns codes from the shop's list, once each, with whole quantities 1..99", () => {
    const codesArb = fc.oneof(fc.constant([...CODES]), codeList);
    fc.assert(
      fc.property(fc.oneof(anyText, vietnameseText.map((t) => `chốt ${t}`)), codesArb, (text, codes) => {
        const result = parseCommentOrder(text, codes);
        if (!result.ok) {
          expect(["not_an_order", "unknown_code"]).toContain(result.reason);
          return;
        }
        expect(result.value.items.length).toBeGreaterThan(0);
        const seen = new Set<string>();
        for (const item of result.value.items) {
          expect(codes).toContain(item.code);
          expect(seen.has(item.code)).toBe(false);
          seen.add(item.code);
          expect(Number.isInteger(item.qty) && item.qty >= 1 && item.qty <= 99).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("gives the same answer for NFC and NFD, and for full-width digits", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, vietnameseText), (text) => {
        const [nfc, nfd] = forms(text);
        const expected = parseCommentOrder(nfc, CODES);
        expect(parseCommentOrder(nfd, CODES)).toEqual(expected);
        expect(parseCommentOrder(fullWidthDigits(nfc), CODES)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("reads a generated order back exactly, repeated codes summed, with or without diacritics, in any case", () => {
    fc.assert(
      fc.property(generatedOrder, ({ codes, verb, lines, seps, diacritics, kase, form }) => {
        const sepAfter = (i: number) => (i < lines.length - 1 ? (seps[i] ?? ", ") : undefined);
        let text = lines.map((line, i) => renderItem(line) + (sepAfter(i) ?? "")).join("");
        text = verb === "" ? text : `${verb} ${text}`;
        if (!diacritics) text = stripDiacritics(text);
        if (kase === "upper") text = text.toUpperCase();
        if (kase === "lower") text = text.toLowerCase();
        text = text.normalize(form);

        const totals = new Map<string, number>();
        for (const line of lines) totals.set(line.code, (totals.get(line.code) ?? 0) + line.qty);
        const expected = [...totals.values()].some((q) => q > 99)
          ? // A total over 99 is a typo or a phone number, never an order (documented in decide()).
            { ok: false, reason: "not_an_order" }
          : { ok: true, value: { items: [...totals].map(([code, qty]) => ({ code, qty })) } };
        expect(parseCommentOrder(text, codes), JSON.stringify(text)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("refuses anything over 20,000 characters and stays well-formed below it", () => {
    fc.assert(
      fc.property(hugeText, (text) => {
        const result = parseCommentOrder(`chốt B1 x2 ${text}`, CODES);
        if (result.ok) for (const item of result.value.items) expect(CODES).toContain(item.code);
        if (text.length + 11 > 20_000) expect(result).toEqual({ ok: false, reason: "not_an_order" });
      }),
      HUGE_RUNS,
    );
  });
});

// ---- phones -----------------------------------------------------------------------------------

const mobile = fc
  .tuple(fc.constantFrom("3", "5", "7", "8", "9"), fc.stringMatching(/^\d{8}$/))
  .map(([prefix, rest]) => `0${prefix}${rest}`);

/** A mobile written the ways people write it. */
function writePhone(national: string, style: number): string {
  const n = national.slice(1);
  switch (style % 7) {
    case 0:
      return national;
    case 1:
      return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
    case 2:
      return `${national.slice(0, 4)}.${national.slice(4, 7)}.${national.slice(7)}`;
    case 3:
      return `+84 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
    case 4:
      return `+84${n}`;
    case 5:
      return `0084${n}`;
    default:
      return `(+84) ${n}`;
  }
}

describe("parseVietnamesePhone and findVietnamesePhone", () => {
  it("only ever return a 10-digit mobile starting 03/05/07/08/09", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseVietnamesePhone(text);
        if (parsed.ok) expect(parsed.value).toMatch(PHONE);
        else expect(["empty", "invalid", "not_mobile"]).toContain(parsed.reason);
        const found = findVietnamesePhone(text);
        if (found !== null) expect(found).toMatch(PHONE);
      }),
      RUNS,
    );
  });

  it("stay well-formed on huge digit-heavy input", () => {
    fc.assert(
      fc.property(hugeText, (text) => {
        const parsed = parseVietnamesePhone(text);
        if (parsed.ok) expect(parsed.value).toMatch(PHONE);
        const found = findVietnamesePhone(text);
        if (found !== null) expect(found).toMatch(PHONE);
      }),
      HUGE_RUNS,
    );
  });

  it("give the same answer for NFC/NFD text and for full-width digits", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const [nfc, nfd] = forms(text);
        expect(parseVietnamesePhone(nfd)).toEqual(parseVietnamesePhone(nfc));
        expect(findVietnamesePhone(nfd)).toEqual(findVietnamesePhone(nfc));
        expect(parseVietnamesePhone(fullWidthDigits(text))).toEqual(parseVietnamesePhone(text));
        expect(findVietnamesePhone(fullWidthDigits(text))).toEqual(findVietnamesePhone(text));
      }),
      RUNS,
    );
  });

  it("read back any mobile written in a usual style, alone or inside a message", () => {
    const words = fc.array(fc.constantFrom("sđt", "của", "em", "là", "nha", "gọi", "giúp", "Đà Nẵng", "😀", "ạ"), { maxLength: 4 });
    fc.assert(
      fc.property(mobile, fc.nat(6), words, words, fc.boolean(), (national, style, before, after, fullWidth) => {
        let written = writePhone(national, style);
        if (fullWidth) written = fullWidthDigits(written);
        expect(parseVietnamesePhone(written)).toEqual({ ok: true, value: national });
        const message = [...before, written, ...after].join(" ");
        expect(parseVietnamesePhone(message)).toEqual({ ok: true, value: national });
        expect(findVietnamesePhone(message)).toBe(national);
      }),
      RUNS,
    );
  });
});

// ---- yes / no ---------------------------------------------------------------------------------

describe("parseYesNo", () => {
  it("returns a boolean or 'unclear', the same for NFC and NFD", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const [nfc, nfd] = forms(text);
        const result = parseYesNo(nfc);
        if (result.ok) expect(typeof result.value).toBe("boolean");
        else expect(result.reason).toBe("unclear");
        expect(parseYesNo(nfd)).toEqual(result);
      }),
      RUNS,
    );
  });

  it("reads clear answers with trailing politeness, any case, with or without diacritics", () => {
    const answer = fc.oneof(
      // Not "👍": an emoji followed by politeness ("👍 ạ") is currently "unclear" (reported, not asserted here).
      fc.constantFrom("có", "ok", "đúng rồi", "vâng", "dạ có", "chốt luôn", "được", "yes", "ok 👍").map((t) => [t, true] as const),
      fc.constantFrom("không", "ko", "thôi", "không cần", "sai rồi", "chưa", "huỷ", "no", "dạ không").map((t) => [t, false] as const),
    );
    const politeness = fc.array(fc.constantFrom("ạ", "nha", "nhé", "shop", "ơi", "em", "luôn"), { maxLength: 3 });
    fc.assert(
      fc.property(answer, politeness, fc.boolean(), fc.boolean(), fc.constantFrom("NFC", "NFD"), ([text, value], tail, upper, strip, form) => {
        let typed = [text, ...tail].join(" ");
        if (strip) typed = stripDiacritics(typed);
        if (upper) typed = typed.toUpperCase();
        expect(parseYesNo(typed.normalize(form))).toEqual({ ok: true, value });
      }),
      RUNS,
    );
  });
});

// ---- product match ----------------------------------------------------------------------------

describe("matchProduct", () => {
  it("only ever returns products from the list, distinct, 'many' meaning two or more", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const [nfc, nfd] = forms(text);
        const result = matchProduct(nfc, PRODUCTS);
        if (result.kind === "one") expect(PRODUCTS).toContain(result.product);
        if (result.kind === "many") {
          expect(result.products.length).toBeGreaterThanOrEqual(2);
          expect(new Set(result.products).size).toBe(result.products.length);
          for (const p of result.products) expect(PRODUCTS).toContain(p);
        }
        expect(matchProduct(nfd, PRODUCTS)).toEqual(result);
        expect(matchProduct(fullWidthDigits(nfc), PRODUCTS)).toEqual(result);
      }),
      RUNS,
    );
  });

  it("finds a product by its code however it is typed (case, '#', full width, fillers)", () => {
    fc.assert(
      fc.property(
        codeList,
        fc.nat(),
        fc.constantFrom("{c}", "#{c}", "cho em {c} nha", "lấy {c}", "{c} ạ"),
        fc.constantFrom("upper", "lower"),
        fc.boolean(),
        (codes, pick, template, kase, fullWidth) => {
          const products = codes.map((code, i) => ({ code, name: `Món số ${i}` }));
          const target = products[pick % products.length];
          if (!target) return;
          let code = kase === "upper" ? target.code.toUpperCase() : target.code.toLowerCase();
          if (fullWidth) code = fullWidthDigits(code);
          const result = matchProduct(template.replace("{c}", code), products);
          expect(result).toEqual({ kind: "one", product: target });
        },
      ),
      RUNS,
    );
  });
});

// ---- normalizeText / foldText -----------------------------------------------------------------

const codePoints = (s: string): number => [...s].length;
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("normalizeText", () => {
  const cap = fc.oneof(fc.constant(2000), fc.integer({ min: 0, max: 80 }));

  it("is never longer than its cap, has no controls, lone surrogates or untidy spaces", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, hugeText), cap, (text, max) => {
        const out = normalizeText(text, max);
        expect(codePoints(out)).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(LONE);
        expect(out).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
        expect(out).not.toMatch(/\n{3,}|[^\S\n]{2,}|^\s|\s$|[^\S\n]\n|\n[^\S\n]/);
      }),
      RUNS,
    );
  });

  it("is idempotent, even with control characters between a letter and its mark (\"e\\u0000\\u0301\")", () => {
    expect(normalizeText("e\u0000\u0301")).toBe("é");
    fc.assert(
      fc.property(fc.oneof(anyText, hugeText), cap, (text, max) => {
        const once = normalizeText(text, max);
        expect(normalizeText(once, max)).toBe(once);
      }),
      RUNS,
    );
  });

  it("is idempotent and NFC", () => {
    fc.assert(
      fc.property(anyText, cap, (text, max) => {
        const once = normalizeText(text, max);
        expect(normalizeText(once, max)).toBe(once);
        expect(once).toBe(once.normalize("NFC"));
      }),
      RUNS,
    );
  });

  it("gives the same result for the NFC and NFD forms of the same input", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, vietnameseText), cap, (text, max) => {
        const [nfc, nfd] = forms(text);
        expect(normalizeText(nfd, max)).toBe(normalizeText(nfc, max));
      }),
      RUNS,
    );
  });
});

describe("foldText", () => {
  it("is idempotent, trimmed, single-spaced, without marks, ASCII capitals or đ", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, hugeText), (text) => {
        const folded = foldText(text);
        expect(foldText(folded)).toBe(folded);
        expect(folded).not.toMatch(/\p{M}|[A-ZđĐ]|^\s|\s$|\s\s/u);
      }),
      RUNS,
    );
  });

  it("folds NFC, NFD, full-width and diacritic-free forms of Vietnamese to the same string", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, vietnameseText), (text) => {
        const [nfc, nfd] = forms(text);
        const folded = foldText(nfc);
        expect(foldText(nfd)).toBe(folded);
        expect(foldText(fullWidthDigits(text))).toBe(folded);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(vietnameseText, (text) => {
        expect(foldText(stripDiacritics(text))).toBe(foldText(text));
      }),
      RUNS,
    );
  });
});

// ---- money ------------------------------------------------------------------------------------

describe("parseVndAmount and formatVnd", () => {
  it("parseVndAmount returns a whole number of đồng from 0 to MAX_VND, or a reason", () => {
    const amountLike = fc
      .tuple(
        fc.stringMatching(/^\d{1,4}([.,]\d{1,3})?$/),
        fc.constantFrom("", "k", "tr", "triệu", "nghìn", "ngàn", "củ", "tỷ", "đ", "₫", " VND", " đồng"),
        fc.option(fc.stringMatching(/^\d{1,3}$/), { nil: undefined }),
      )
      .map(([num, unit, tail]) => `${num}${unit}${tail ?? ""}`);
    fc.assert(
      fc.property(fc.oneof(anyText, amountLike), (text) => {
        const result = parseVndAmount(text);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(MAX_VND);
        } else {
          expect(["empty", "invalid", "too_large"]).toContain(result.reason);
        }
      }),
      RUNS,
    );
  });

  it("parseVndAmount gives the same result for NFC/NFD and for full-width digits", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, vietnameseText), (text) => {
        const [nfc, nfd] = forms(text);
        const expected = parseVndAmount(nfc);
        expect(parseVndAmount(nfd)).toEqual(expected);
        expect(parseVndAmount(fullWidthDigits(nfc))).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("formatVnd → parseVndAmount round-trips every integer 0..1e9", () => {
    const amount = fc.oneof(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 1, 999, 1000, 999_999_999, 1_000_000_000));
    fc.assert(
      fc.property(amount, (n) => {
        const text = formatVnd(n);
        expect(text).toMatch(/^\d{1,3}(?:\.\d{3})*\u00a0₫$/);
        expect(parseVndAmount(text)).toEqual({ ok: true, value: n });
        // Without the sign, and with full-width digits, it still reads the same.
        expect(parseVndAmount(text.replace("\u00a0₫", ""))).toEqual({ ok: true, value: n });
        expect(parseVndAmount(fullWidthDigits(text))).toEqual({ ok: true, value: n });
      }),
      RUNS,
    );
  });

  it("formatVnd formats every safe integer and refuses everything else", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger().map((n) => n), (n) => {
        expect(formatVnd(n)).toMatch(/^-?\d{1,3}(?:\.\d{3})*\u00a0₫$/);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.oneof(fc.double().filter((x) => !Number.isSafeInteger(x)), fc.constantFrom(2 ** 53, -(2 ** 53), NaN, Infinity)), (x) => {
        expect(() => formatVnd(x)).toThrow(RangeError);
      }),
      RUNS,
    );
  });
});
