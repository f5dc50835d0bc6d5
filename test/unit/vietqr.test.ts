import { describe, expect, it } from "vitest";
import { BANKS } from "../../src/domain/payments/banks";
import { crc16Ccitt } from "../../src/domain/payments/crc16";
import { encodeTlv, parseTlv } from "../../src/domain/payments/tlv";
import { buildVietQrPayload, foldVietQrMemo, type VietQrInput, type VietQrService } from "../../src/domain/payments/vietqr";
import { checkShopBankSettings, decodeVietQr } from "../../src/domain/payments/vietqr-decode";

// PAYMENTS.md §1.5 vectors (a)–(d), and the two published payloads the builder must reproduce byte for byte.
const VECTORS: [string, VietQrInput, string][] = [
  [
    "(a) VCB, amount + memo",
    { bin: "970436", account: "0011001932418", amount: 45000, memo: "CC7K2M9Q" },
    "00020101021238570010A00000072701270006970436011300110019324180208QRIBFTTA53037045405450005802VN62120808CC7K2M9Q6304ABEE",
  ],
  [
    "(b) MB, amount + memo",
    { bin: "970422", account: "0123456789", amount: 1250000, memo: "DH12345" },
    "00020101021238540010A00000072701240006970422011001234567890208QRIBFTTA5303704540712500005802VN62110807DH12345630485DE",
  ],
  [
    "(c) static, no amount, no memo",
    { bin: "970436", account: "0011001932418" },
    "00020101021138570010A00000072701270006970436011300110019324180208QRIBFTTA53037045802VN6304E0BB",
  ],
  [
    "(d) static with memo",
    { bin: "970436", account: "0011001932418", memo: "CC7K2M9Q" },
    "00020101021138570010A00000072701270006970436011300110019324180208QRIBFTTA53037045802VN62120808CC7K2M9Q6304FB1D",
  ],
  [
    "subiz/vietqr vietqr_test.go",
    { bin: "970422", account: "0023457923442", amount: 40123, memo: "test text string" },
    "00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62200816test text string6304D9C6",
  ],
  [
    "vietqr.io v2/generate doc example",
    { bin: "970415", account: "113366668888", amount: 79000, memo: "Ung Ho Quy Vac Xin" },
    "00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA53037045405790005802VN62220818Ung Ho Quy Vac Xin63043ACF",
  ],
  // Constructed (CRC cross-checked in Python): CRCs below 0x1000 must keep their leading zeros.
  [
    "CRC 0x0C2D is zero-padded",
    { bin: "970436", account: "0011001932418", amount: 1000, memo: "CC7K2M9Q" },
    "00020101021238570010A00000072701270006970436011300110019324180208QRIBFTTA5303704540410005802VN62120808CC7K2M9Q63040C2D",
  ],
  [
    "CRC 0x007D is zero-padded",
    { bin: "970436", account: "0011001932418", amount: 192, memo: "CC7K2M9Q" },
    "00020101021238570010A00000072701270006970436011300110019324180208QRIBFTTA530370454031925802VN62120808CC7K2M9Q6304007D",
  ],
];

// Another published payload: subiz's static test case (TPBank, no amount, no memo).
const SUBIZ_STATIC = "00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4";

describe("crc16Ccitt", () => {
  it.each([
    ["123456789", "29B1"],
    ["", "FFFF"],
    [SUBIZ_STATIC.slice(0, -4), "CBB4"],
  ])("crc(%j) = %s", (text, expected) => {
    expect(crc16Ccitt(text)).toBe(expected);
  });

  it("always returns 4 uppercase hex digits", () => {
    expect(crc16Ccitt(VECTORS[7]![2].slice(0, -4))).toBe("007D");
    for (let i = 0; i < 500; i++) expect(crc16Ccitt(`x${i}`)).toMatch(/^[0-9A-F]{4}$/);
  });

  it("matches a bit-by-bit reference implementation", () => {
    const reference = (s: string) => {
      let c = 0xffff;
      for (const b of new TextEncoder().encode(s)) {
        c ^= b << 8;
        for (let i = 0; i < 8; i++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
      }
      return c.toString(16).toUpperCase().padStart(4, "0");
    };
    for (const s of ["a", "Ung Ho Quy Vac Xin", "chuyển khoản", "\u0000\u00ff", "x".repeat(300)]) expect(crc16Ccitt(s)).toBe(reference(s));
  });
});

describe("encodeTlv", () => {
  it.each([
    ["00", "01", "000201"],
    ["62", "CC7K2M9Q", "6208CC7K2M9Q"],
    ["54", "9".repeat(13), `5413${"9".repeat(13)}`],
    ["99", "x".repeat(99), `9999${"x".repeat(99)}`],
  ])("encodes %s %j", (id, value, expected) => {
    expect(encodeTlv(id, value)).toBe(expected);
  });

  it.each([
    ["0", "x"],
    ["ab", "x"],
    ["100", "x"],
    ["01", ""],
    ["01", "x".repeat(100)],
    ["01", "chuyển"],
  ])("throws RangeError for id %j and value %j", (id, value) => {
    expect(() => encodeTlv(id, value)).toThrow(RangeError);
  });
});

describe("parseTlv", () => {
  it("splits one level in order", () => {
    expect(parseTlv("000201010212")).toEqual({ ok: true, value: [{ id: "00", value: "01" }, { id: "01", value: "12" }] });
    expect(parseTlv("")).toEqual({ ok: true, value: [] });
  });

  it.each(["99", "0", "000", "0002", "00020", "000201x", "0a0201", "00a201", "0000", "0003ab", "6304ABE", " 00201"])(
    "%j is malformed",
    (s) => {
      expect(parseTlv(s)).toEqual({ ok: false, reason: "malformed" });
    },
  );

  it("never throws on random and truncated input", () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = "0123456789ABCDEFxyz .\u00e9\ud83d";
    const payload = VECTORS[0]![2];
    for (let i = 0; i < 2000; i++) {
      const random = Array.from({ length: Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      const truncated = payload.slice(0, Math.floor(next() * payload.length));
      for (const s of [random, truncated]) {
        const r = parseTlv(s);
        expect(typeof r.ok).toBe("boolean");
        expect(decodeVietQr(s).ok).toBe(false);
      }
    }
  });
});

describe("buildVietQrPayload", () => {
  it.each(VECTORS)("%s reproduces the payload byte for byte", (_name, input, expected) => {
    expect(buildVietQrPayload(input)).toEqual({ ok: true, value: expected });
  });

  it("writes tag 01 = 11 without an amount and 12 with one", () => {
    const staticQr = buildVietQrPayload({ bin: "970436", account: "0011001932418" });
    const dynamicQr = buildVietQrPayload({ bin: "970436", account: "0011001932418", amount: 1 });
    expect(staticQr.ok && staticQr.value.startsWith("000201010211")).toBe(true);
    expect(dynamicQr.ok && dynamicQr.value.startsWith("000201010212")).toBe(true);
  });

  it("writes the card service code when asked", () => {
    const r = buildVietQrPayload({ bin: "970436", account: "9704366614952301", service: "QRIBFTTC" });
    expect(r.ok && r.value.includes("0208QRIBFTTC")).toBe(true);
  });

  it.each([
    ["Chuyển tiền đơn CC7K2M9Q", "Chuyen tien don CC7K2M9Q"],
    ["ĐƠN HÀNG số 12", "DON HANG so 12"],
    ["  Ủng   hộ\tquỹ\nvắc xin  ", "Ung ho quy vac xin"],
    ["ＣＣ７Ｋ２Ｍ９Ｑ", "CC7K2M9Q"],
    ["Đơn #123, giao 8h!", "Don 123 giao 8h"],
    ["trả tiền 😀 nhé", "tra tien nhe"],
    ["!!!", ""],
  ])("folds memo %j to %j", (memo, folded) => {
    expect(foldVietQrMemo(memo)).toBe(folded);
  });

  it("puts the folded memo in 62/08", () => {
    const r = buildVietQrPayload({ bin: "970436", account: "0011001932418", amount: 45000, memo: "Chuyển tiền đơn CC7K2M9Q" });
    expect(r.ok && r.value.includes("62280824Chuyen tien don CC7K2M9Q6304")).toBe(true);
  });

  it.each(["", "   ", "!!!", "😀"])("leaves tag 62 out when memo %j folds to nothing", (memo) => {
    expect(buildVietQrPayload({ bin: "970436", account: "0011001932418", memo })).toEqual({ ok: true, value: VECTORS[2]![2] });
  });

  it("accepts a 25-character memo and a 19-character account", () => {
    const r = buildVietQrPayload({ bin: "970436", account: "1".repeat(19), amount: 9_999_999_999_999, memo: "A".repeat(25) });
    expect(r.ok).toBe(true);
  });

  const base = { bin: "970436", account: "0011001932418" };
  it.each<[string, VietQrInput, string]>([
    ["5-digit BIN", { ...base, bin: "97043" }, "invalid_bin"],
    ["7-digit BIN", { ...base, bin: "9704360" }, "invalid_bin"],
    ["BIN with a letter", { ...base, bin: "97043A" }, "invalid_bin"],
    ["empty account", { ...base, account: "" }, "invalid_account"],
    ["account with spaces", { ...base, account: "0011 0019 32418" }, "invalid_account"],
    ["account with a dash", { ...base, account: "0011-001932418" }, "invalid_account"],
    ["20-character account", { ...base, account: "1".repeat(20) }, "invalid_account"],
    ["account with diacritics", { ...base, account: "TÀIKHOAN" }, "invalid_account"],
    ["amount 0", { ...base, amount: 0 }, "invalid_amount"],
    ["amount -1", { ...base, amount: -1 }, "invalid_amount"],
    ["amount 1.5", { ...base, amount: 1.5 }, "invalid_amount"],
    ["amount NaN", { ...base, amount: Number.NaN }, "invalid_amount"],
    ["amount Infinity", { ...base, amount: Infinity }, "invalid_amount"],
    ["amount 1e14 (15 digits)", { ...base, amount: 1e14 }, "invalid_amount"],
    ["amount 1e13 (14 digits)", { ...base, amount: 1e13 }, "invalid_amount"],
    ["memo of 30 characters", { ...base, memo: "A".repeat(30) }, "invalid_memo"],
    ["memo of 26 characters after folding", { ...base, memo: "Chuyển tiền đơn hàng số 12" }, "invalid_memo"],
  ])("%s → %s, without throwing", (_name, input, reason) => {
    expect(buildVietQrPayload(input)).toEqual({ ok: false, reason });
  });
});

describe("decodeVietQr", () => {
  it.each(VECTORS)("%s decodes field by field and rebuilds identically", (_name, input, payload) => {
    const decoded = decodeVietQr(payload);
    expect(decoded).toEqual({
      ok: true,
      value: {
        bin: input.bin,
        account: input.account,
        service: "QRIBFTTA",
        amount: input.amount ?? null,
        memo: input.memo ?? null,
        dynamic: input.amount !== undefined,
        bankShortName: input.bin === "970436" ? "VCB" : input.bin === "970422" ? "MB" : "ICB",
      },
    });
    if (!decoded.ok) return;
    const { bin, account, amount, memo, service } = decoded.value;
    const rebuilt = buildVietQrPayload({
      bin,
      account,
      service: service as VietQrService,
      ...(amount === null ? {} : { amount }),
      ...(memo === null ? {} : { memo }),
    });
    expect(rebuilt).toEqual({ ok: true, value: payload });
  });

  it("decodes subiz's static TPBank payload", () => {
    expect(decodeVietQr(SUBIZ_STATIC)).toEqual({
      ok: true,
      value: { bin: "970423", account: "0099999999", service: "QRIBFTTA", amount: null, memo: null, dynamic: false, bankShortName: "TPB" },
    });
  });

  it("reports null for a bank not in the list", () => {
    const r = buildVietQrPayload({ bin: "970499", account: "0011001932418" });
    const decoded = r.ok ? decodeVietQr(r.value) : r;
    expect(decoded.ok && decoded.value.bankShortName).toBeNull();
  });

  it("accepts a lowercase CRC", () => {
    const payload = VECTORS[0]![2];
    expect(decodeVietQr(payload.slice(0, -4) + "abee").ok).toBe(true);
  });

  it.each(["ABEF", "0000", "EEBA"])("rejects vector (a) with CRC %s as bad_crc", (crc) => {
    expect(decodeVietQr(VECTORS[0]![2].slice(0, -4) + crc)).toEqual({ ok: false, reason: "bad_crc" });
  });

  it("rejects a changed character as bad_crc", () => {
    const payload = VECTORS[0]![2].replace("45000", "95000");
    expect(decodeVietQr(payload)).toEqual({ ok: false, reason: "bad_crc" });
  });

  // Builds body + valid CRC, so the structural checks are what fails.
  const withCrc = (body: string) => `${body}6304${crc16Ccitt(`${body}6304`)}`;
  const napas = encodeTlv("38", encodeTlv("00", "A000000727") + encodeTlv("01", encodeTlv("00", "970436") + encodeTlv("01", "0011001932418")) + encodeTlv("02", "QRIBFTTA"));

  it.each<[string, string, string]>([
    ["empty", "", "malformed"],
    ["truncated", VECTORS[0]![2].slice(0, -1), "malformed"],
    ["CRC that is not hex", VECTORS[0]![2].slice(0, -4) + "ZZZZ", "malformed"],
    ["no CRC tag", "000201" + napas + "5303704" + "5802VN", "malformed"],
    ["tag 00 not first", withCrc("010211000201" + napas + "53037045802VN"), "malformed"],
    ["duplicate tag", withCrc("000201010211" + napas + napas + "53037045802VN"), "malformed"],
    ["tag 01 = 13", withCrc("000201010213" + napas + "53037045802VN"), "malformed"],
    ["zero amount", withCrc("000201010212" + napas + "5303704" + "540100" + "5802VN"), "malformed"],
    ["amount with decimals", withCrc("000201010212" + napas + "5303704" + "540745000.5" + "5802VN"), "malformed"],
    ["no currency", withCrc("000201010211" + napas + "5802VN"), "malformed"],
    ["VNPay merchant QR (tag 26, no 38)", withCrc("000201010211" + "26280010A0000007750110010531314453037045802VN"), "not_vietqr"],
    ["another GUID in 38", withCrc("000201010211" + encodeTlv("38", "0010A000000775") + "53037045802VN"), "not_vietqr"],
    ["USD", withCrc("000201010211" + napas + "53038405802VN"), "not_vietqr"],
  ])("%s → %s", (_name, payload, reason) => {
    expect(decodeVietQr(payload)).toEqual({ ok: false, reason });
  });

  it("accepts an amount written as 45000.00", () => {
    const r = decodeVietQr(withCrc("000201010212" + napas + "5303704" + "540845000.00" + "5802VN"));
    expect(r.ok && r.value.amount).toBe(45000);
  });
});

describe("checkShopBankSettings", () => {
  it("builds and verifies a sample QR for a known bank", () => {
    const r = checkShopBankSettings("970436", "0011001932418");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.bankName).toBe("Vietcombank");
    const decoded = decodeVietQr(r.value.payload);
    expect(decoded.ok && decoded.value).toMatchObject({ bin: "970436", account: "0011001932418", amount: 10000, dynamic: true });
    // The sample memo must never look like an order code a webhook could match.
    expect(decoded.ok && decoded.value.memo).not.toMatch(/CC[A-Z2-9]{6}/i);
  });

  it.each([
    ["97043", "0011001932418", "invalid_bin"],
    ["123456", "0011001932418", "unknown_bank"],
    ["970499", "0011001932418", "unknown_bank"],
    ["970436", "0011 001932418", "invalid_account"],
    ["970436", "", "invalid_account"],
    ["970436", "1".repeat(20), "invalid_account"],
    ["970436", "12345", "account_too_short"],
  ])("bin %j, account %j → %s", (bin, account, reason) => {
    expect(checkShopBankSettings(bin, account)).toEqual({ ok: false, reason });
  });

  it("accepts every bank in BANKS", () => {
    for (const bank of BANKS) expect(checkShopBankSettings(bank.bin, "0123456789")).toMatchObject({ ok: true, value: { bankName: bank.name } });
  });
});
