import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BANKS } from "../../src/domain/payments/banks";
import { crc16Ccitt } from "../../src/domain/payments/crc16";
import { encodeTlv, parseTlv } from "../../src/domain/payments/tlv";
import { buildVietQrPayload, foldVietQrMemo, type VietQrInput, type VietQrService } from "../../src/domain/payments/vietqr";
import { decodeVietQr, type DecodedVietQr } from "../../src/domain/payments/vietqr-decode";
import { anyText, hugeText, utf16Unit, vietnameseText } from "./arbitraries";

const SEED = Number(process.env.PROPERTY_SEED ?? 20261123);
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300), seed: SEED } as const;

const ERRORS = ["malformed", "bad_crc", "not_vietqr"];

const bank = fc.constantFrom(...BANKS);
const account = fc.stringMatching(/^[0-9A-Za-z]{6,19}$/);
const amount = fc.option(
  fc.oneof(fc.integer({ min: 1, max: 9_999_999_999_999 }), fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(1, 9_999_999_999_999)),
  { nil: undefined, freq: 5 },
);
const memo = fc.option(
  fc.oneof(
    fc.stringMatching(/^CC[A-Z2-9]{6}$/),
    vietnameseText.map((t) => t.slice(0, 30)),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
  ),
  { nil: undefined, freq: 5 },
);
const service = fc.constantFrom<VietQrService>("QRIBFTTA", "QRIBFTTC");

const input = fc
  .record({ bank, account, amount, memo, service, withService: fc.boolean() })
  .map(({ bank: b, account: a, amount: n, memo: m, service: s, withService }): VietQrInput => ({
    bin: b.bin,
    account: a,
    ...(n === undefined ? {} : { amount: n }),
    ...(m === undefined ? {} : { memo: m }),
    ...(withService ? { service: s } : {}),
  }));

/** What decoding the payload built from `input` must give back. */
function expectedFields(i: VietQrInput): DecodedVietQr {
  const folded = i.memo === undefined ? "" : foldVietQrMemo(i.memo);
  return {
    bin: i.bin,
    account: i.account,
    service: i.service ?? "QRIBFTTA",
    amount: i.amount ?? null,
    memo: folded === "" ? null : folded,
    dynamic: i.amount !== undefined,
    bankShortName: BANKS.find((b) => b.bin === i.bin)?.shortName ?? null,
  };
}

/** Valid inputs only: the memo folds to at most 25 characters. */
const validInput = input.filter((i) => i.memo === undefined || foldVietQrMemo(i.memo).length <= 25);

const built = validInput.map((i) => {
  const payload = buildVietQrPayload(i);
  if (!payload.ok) throw new Error(`valid input refused: ${payload.reason} ${JSON.stringify(i)}`);
  return { input: i, payload: payload.value };
});

/** A replacement character: printable ASCII (digits weighted, they change lengths and amounts), or any code unit. */
const replacement = fc.oneof(
  { arbitrary: fc.constantFrom(..."0123456789"), weight: 3 },
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), weight: 3 },
  { arbitrary: fc.constantFrom("é", "đ", "Ａ", "０", "😀", "\u0000", "\n", "\u0301"), weight: 1 },
  { arbitrary: utf16Unit, weight: 1 },
);

describe("buildVietQrPayload → decodeVietQr", () => {
  it("decodes back to exactly the fields it was built from", () => {
    fc.assert(
      fc.property(built, ({ input: i, payload }) => {
        expect(payload).toMatch(/^[\x20-\x7e]+$/);
        expect(payload).toMatch(/^000201010211|^000201010212/);
        expect(payload.slice(-8, -4)).toBe("6304");
        expect(payload.slice(-4)).toBe(crc16Ccitt(payload.slice(0, -4)));
        expect(decodeVietQr(payload)).toEqual({ ok: true, value: expectedFields(i) });
      }),
      RUNS,
    );
  });

  it("refuses exactly the memos that fold to more than 25 characters, never truncating", () => {
    fc.assert(
      fc.property(input, (i) => {
        const result = buildVietQrPayload(i);
        const folded = i.memo === undefined ? "" : foldVietQrMemo(i.memo);
        expect(folded).toMatch(/^(?:[A-Za-z0-9]+(?: [A-Za-z0-9]+)*)?$/);
        if (folded.length > 25) expect(result).toEqual({ ok: false, reason: "invalid_memo" });
        else expect(result.ok).toBe(true);
      }),
      RUNS,
    );
  });

  it("refuses bad BINs, accounts and amounts instead of building a payload", () => {
    const badBin = fc.oneof(fc.stringMatching(/^\d{0,5}$|^\d{7,9}$/), fc.string({ maxLength: 8 }).filter((s) => !/^\d{6}$/.test(s)));
    const badAccount = fc.oneof(fc.constant(""), fc.stringMatching(/^[0-9A-Za-z]{20,30}$/), fc.string({ minLength: 1, maxLength: 19 }).filter((s) => !/^[0-9A-Za-z]+$/.test(s)));
    const badAmount = fc.oneof(
      fc.integer({ min: -1_000_000, max: 0 }),
      fc.integer({ min: 10_000_000_000_000, max: Number.MAX_SAFE_INTEGER }),
      fc.double({ noInteger: true }),
      fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 53),
    );
    fc.assert(
      fc.property(badBin, account, (bin, a) => {
        expect(buildVietQrPayload({ bin, account: a })).toEqual({ ok: false, reason: "invalid_bin" });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(bank, badAccount, (b, a) => {
        expect(buildVietQrPayload({ bin: b.bin, account: a })).toEqual({ ok: false, reason: "invalid_account" });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(bank, account, badAmount, (b, a, n) => {
        expect(buildVietQrPayload({ bin: b.bin, account: a, amount: n })).toEqual({ ok: false, reason: "invalid_amount" });
      }),
      RUNS,
    );
  });
});

describe("a corrupted payload never decodes to a wrong success", () => {
  it("changing any one character makes decoding fail (bad_crc, malformed or not_vietqr)", () => {
    fc.assert(
      fc.property(built, fc.nat(), replacement, ({ input: i, payload }, at, char) => {
        const index = at % payload.length;
        const original = payload[index] ?? "";
        fc.pre(char !== original);
        const corrupted = payload.slice(0, index) + char + payload.slice(index + 1);
        const result = decodeVietQr(corrupted);
        if (!result.ok) {
          expect(ERRORS).toContain(result.reason);
          return;
        }
        // The only harmless change: the case of a hex letter in the CRC itself, which the decoder accepts
        // on purpose ("published payloads exist with a lowercase CRC"). The fields must then be the originals.
        expect(index, `wrong success for ${JSON.stringify(corrupted)}`).toBeGreaterThanOrEqual(payload.length - 4);
        expect(char.toUpperCase()).toBe(original.toUpperCase());
        expect(result.value).toEqual(expectedFields(i));
      }),
      RUNS,
    );
  });

  it("deleting or inserting one character, or truncating, makes decoding fail", () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), char: replacement }),
      fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(built, edit, ({ payload }, e) => {
        const index = e.at % payload.length;
        const corrupted =
          e.kind === "delete"
            ? payload.slice(0, index) + payload.slice(index + 1)
            : e.kind === "insert"
              ? payload.slice(0, index) + e.char + payload.slice(index)
              : payload.slice(0, index);
        const result = decodeVietQr(corrupted);
        expect(result.ok, `wrong success for ${JSON.stringify(corrupted)}`).toBe(false);
        if (!result.ok) expect(ERRORS).toContain(result.reason);
      }),
      RUNS,
    );
  });
});

// ---- fuzzing the readers ------------------------------------------------------------------------

/** A TLV field with a valid shape but arbitrary printable content (possibly nested, possibly a VietQR tag). */
const tlvField = fc
  .tuple(
    fc.oneof(fc.constantFrom("00", "01", "38", "53", "54", "58", "62", "63", "08", "02"), fc.stringMatching(/^\d\d$/)),
    fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), minLength: 1, maxLength: 30 }),
  )
  .map(([id, value]) => encodeTlv(id, value));

/** Structurally valid TLV strings, some closed with a correct CRC so the decoder gets past its checksum. */
const tlvPayload = fc
  .tuple(fc.array(tlvField, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean())
  .map(([fields, opening, withCrc]) => {
    const body = (opening ? "000201" : "") + fields.join("");
    return withCrc ? `${body}6304${crc16Ccitt(`${body}6304`)}` : body;
  });

/** A real payload with a few characters changed and the CRC then recomputed: gets past the checksum into the field checks. */
const resigned = fc
  .tuple(built, fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 3 }))
  .map(([{ payload }, edits]) => {
    let body = payload.slice(0, -4);
    for (const [at, char] of edits) {
      const index = at % body.length;
      body = body.slice(0, index) + char + body.slice(index + 1);
    }
    return body + crc16Ccitt(body);
  });

describe("decodeVietQr and parseTlv on arbitrary input", () => {
  const arbitrary = fc.oneof(anyText, hugeText, tlvPayload, resigned, built.map((b) => b.payload.slice(0, -4) + "ZZZZ"));

  it("never throw; decodeVietQr returns well-formed fields or a known reason", () => {
    fc.assert(
      fc.property(arbitrary, (s) => {
        const result = decodeVietQr(s);
        if (!result.ok) {
          expect(ERRORS).toContain(result.reason);
          return;
        }
        const v = result.value;
        expect(v.bin).toMatch(/^\d{6}$/);
        expect(v.account).toMatch(/^[0-9A-Za-z]{1,19}$/);
        if (v.amount !== null) expect(Number.isSafeInteger(v.amount) && v.amount > 0 && String(v.amount).length <= 13).toBe(true);
        expect(s.slice(-4).toUpperCase()).toBe(crc16Ccitt(s.slice(0, -4)));
      }),
      RUNS,
    );
  });

  it("parseTlv either fails or splits the string into fields that re-encode to it exactly", () => {
    fc.assert(
      fc.property(fc.oneof(arbitrary, tlvField, fc.array(tlvField).map((f) => f.join(""))), (s) => {
        const result = parseTlv(s);
        if (!result.ok) {
          expect(result.reason).toBe("malformed");
          return;
        }
        const again = result.value.map(({ id, value }) => `${id}${String(value.length).padStart(2, "0")}${value}`).join("");
        expect(again).toBe(s);
        for (const { id, value } of result.value) {
          expect(id).toMatch(/^\d\d$/);
          expect(value.length).toBeGreaterThanOrEqual(1);
          expect(value.length).toBeLessThanOrEqual(99);
        }
      }),
      RUNS,
    );
  });

  it("parseTlv reads back any sequence of encoded fields", () => {
    const field = fc.record({
      id: fc.stringMatching(/^\d\d$/),
      value: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), minLength: 1, maxLength: 99 }),
    });
    fc.assert(
      fc.property(fc.array(field, { maxLength: 10 }), (fields) => {
        expect(parseTlv(fields.map((f) => encodeTlv(f.id, f.value)).join(""))).toEqual({ ok: true, value: fields });
      }),
      RUNS,
    );
  });
});
