import { fail, ok, type Result } from "../../result";
import { crc16Ccitt } from "./crc16";
import { encodeTlv } from "./tlv";

// Builds the NAPAS VietQR (EMVCo merchant-presented) payload for a bank transfer, PAYMENTS.md §1.1/1.5.

/** NAPAS's GUID in tag 38/00: marks a payload as VietQR. */
export const NAPAS_GUID = "A000000727";

export type VietQrService = "QRIBFTTA" | "QRIBFTTC";
export type VietQrInput = { bin: string; account: string; amount?: number; memo?: string; service?: VietQrService };
export type VietQrBuildError = "invalid_bin" | "invalid_account" | "invalid_amount" | "invalid_memo";

const BIN = /^\d{6}$/;
// 1–19 is the NAPAS field limit (38/01/01). vietqr.io's 6-character minimum is a rule of its API, not of
// the QR format, so the builder does not enforce it; checkShopBankSettings does, to catch typos.
// Letters are allowed: payOS virtual accounts (VQRQABRLS0448) and some banks' alias accounts use them.
const ACCOUNT = /^[0-9A-Za-z]{1,19}$/;
const MAX_AMOUNT_DIGITS = 13;
const MAX_MEMO = 25;

/** The memo as it will appear in tag 62/08: no diacritics, đ→d, only [A-Za-z0-9 ], single spaces. */
export function foldVietQrMemo(memo: string): string {
  return (
    memo
      // NFKC first so full-width letters and digits typed on phone keyboards become ASCII.
      .normalize("NFKC")
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      // đ/Đ have no decomposition; ð/Ð are what some keyboards and fonts produce instead.
      .replace(/[đð]/g, "d")
      .replace(/[ĐÐ]/g, "D")
      .replace(/\s+/g, " ")
      .replace(/[^A-Za-z0-9 ]/g, "")
      .replace(/ {2,}/g, " ")
      .trim()
  );
}

/** The VietQR payload string for a transfer to input.account at bank input.bin, or why the input is unusable. */
export function buildVietQrPayload(input: VietQrInput): Result<string, VietQrBuildError> {
  const { bin, account, amount, service = "QRIBFTTA" } = input;
  if (typeof bin !== "string" || !BIN.test(bin)) return fail("invalid_bin");
  if (typeof account !== "string" || !ACCOUNT.test(account)) return fail("invalid_account");
  if (amount !== undefined && !isValidAmount(amount)) return fail("invalid_amount");
  const memo = input.memo === undefined ? "" : foldVietQrMemo(String(input.memo));
  // Fail rather than truncate: a cut memo could cut the order code the webhook matcher looks for.
  if (memo.length > MAX_MEMO) return fail("invalid_memo");

  const beneficiary = encodeTlv("00", bin) + encodeTlv("01", account);
  const merchant = encodeTlv("00", NAPAS_GUID) + encodeTlv("01", beneficiary) + encodeTlv("02", service);
  const body =
    encodeTlv("00", "01") +
    // 12 ("dynamic") with an amount, as vietqr.io and payOS emit; 11 for a reusable open-amount QR.
    encodeTlv("01", amount === undefined ? "11" : "12") +
    encodeTlv("38", merchant) +
    encodeTlv("53", "704") +
    (amount === undefined ? "" : encodeTlv("54", String(amount))) +
    encodeTlv("58", "VN") +
    (memo === "" ? "" : encodeTlv("62", encodeTlv("08", memo)));
  // The CRC covers its own tag and length ("6304") too.
  const withCrcTag = `${body}6304`;
  return ok(withCrcTag + crc16Ccitt(withCrcTag));
}

// Whole đồng: VND has no minor unit, and EMVCo caps tag 54 at 13 characters.
function isValidAmount(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount > 0 && String(amount).length <= MAX_AMOUNT_DIGITS;
}
