import { fail, ok, type Result } from "../../result";
import { bankByBin } from "./banks";
import { crc16Ccitt } from "./crc16";
import { parseTlv } from "./tlv";
import { buildVietQrPayload, NAPAS_GUID } from "./vietqr";

// Reads a VietQR payload back into its fields: for tests and for the dashboard's bank-settings check.

export type DecodedVietQr = {
  bin: string;
  account: string;
  service: string;
  amount: number | null;
  memo: string | null;
  dynamic: boolean;
  bankShortName: string | null;
};
export type VietQrDecodeError = "malformed" | "bad_crc" | "not_vietqr";

type Fields = Map<string, string>;

/** The fields of a VietQR payload, after checking its TLV structure, CRC and NAPAS GUID. Never throws. */
export function decodeVietQr(payload: string): Result<DecodedVietQr, VietQrDecodeError> {
  const root = fieldsOf(payload);
  if (!root) return fail("malformed");
  // 00 must open the payload and 63 (4 hex digits) must close it; parseTlv already kept the order.
  const ids = [...root.keys()];
  const crc = root.get("63");
  if (ids[0] !== "00" || root.get("00") !== "01" || ids.at(-1) !== "63" || !crc || !/^[0-9A-Fa-f]{4}$/.test(crc)) {
    return fail("malformed");
  }
  // Published payloads exist with a lowercase CRC; the value is what matters, not the case.
  if (crc16Ccitt(payload.slice(0, -4)) !== crc.toUpperCase()) return fail("bad_crc");

  const merchantRaw = root.get("38");
  if (merchantRaw === undefined) return fail("not_vietqr");
  const merchant = fieldsOf(merchantRaw);
  if (!merchant) return fail("malformed");
  if (merchant.get("00") !== NAPAS_GUID) return fail("not_vietqr");
  const beneficiaryRaw = merchant.get("01");
  const beneficiary = beneficiaryRaw === undefined ? null : fieldsOf(beneficiaryRaw);
  const bin = beneficiary?.get("00");
  const account = beneficiary?.get("01");
  const service = merchant.get("02");
  if (!bin || !/^\d{6}$/.test(bin) || !account || !/^[0-9A-Za-z]{1,19}$/.test(account) || !service) return fail("malformed");

  const currency = root.get("53");
  const country = root.get("58");
  if (currency === undefined || country === undefined) return fail("malformed");
  // VietQR bank transfers are VND inside Vietnam; anything else is some other EMVCo scheme.
  if (currency !== "704" || country !== "VN") return fail("not_vietqr");

  const initiation = root.get("01");
  if (initiation !== undefined && initiation !== "11" && initiation !== "12") return fail("malformed");

  const amountRaw = root.get("54");
  const amount = amountRaw === undefined ? null : parseAmount(amountRaw);
  if (amount === undefined) return fail("malformed");

  const additionalRaw = root.get("62");
  const additional = additionalRaw === undefined ? null : fieldsOf(additionalRaw);
  if (additionalRaw !== undefined && !additional) return fail("malformed");

  return ok({
    bin,
    account,
    service,
    amount,
    memo: additional?.get("08") ?? null,
    dynamic: initiation === "12",
    bankShortName: bankByBin(bin)?.shortName ?? null,
  });
}

export type BankSettingsProblem = "invalid_bin" | "unknown_bank" | "invalid_account" | "account_too_short" | "round_trip_mismatch";

// A sample memo that cannot be mistaken for an order code (CC + 6 of [A-Z2-9]) if someone pays it.
const SAMPLE_MEMO = "KIEM TRA QR";
const SAMPLE_AMOUNT = 10_000;
// vietqr.io rejects accounts under 6 characters; a shorter one in a shop's settings is almost surely a typo.
const MIN_ACCOUNT = 6;

/** Builds a sample QR for a shop's bank settings and decodes it back, or says which setting is wrong. */
export function checkShopBankSettings(bin: string, account: string): Result<{ payload: string; bankName: string }, BankSettingsProblem> {
  if (!/^\d{6}$/.test(bin)) return fail("invalid_bin");
  const bank = bankByBin(bin);
  if (!bank) return fail("unknown_bank");
  const built = buildVietQrPayload({ bin, account, amount: SAMPLE_AMOUNT, memo: SAMPLE_MEMO });
  if (!built.ok) return fail(built.reason === "invalid_account" ? "invalid_account" : "round_trip_mismatch");
  if (account.length < MIN_ACCOUNT) return fail("account_too_short");
  const decoded = decodeVietQr(built.value);
  if (
    !decoded.ok ||
    decoded.value.bin !== bin ||
    decoded.value.account !== account ||
    decoded.value.amount !== SAMPLE_AMOUNT ||
    decoded.value.memo !== SAMPLE_MEMO
  ) {
    return fail("round_trip_mismatch");
  }
  return ok({ payload: built.value, bankName: bank.name });
}

// One TLV level as id → value; null if malformed or if an id repeats (which would make the meaning ambiguous).
function fieldsOf(s: string): Fields | null {
  const parsed = parseTlv(s);
  if (!parsed.ok || parsed.value.length === 0) return null;
  const fields: Fields = new Map();
  for (const { id, value } of parsed.value) {
    if (fields.has(id)) return null;
    fields.set(id, value);
  }
  return fields;
}

// Tag 54 as whole đồng. EMVCo allows a decimal point; VND has no minor unit, so only ".0…" is accepted.
function parseAmount(raw: string): number | undefined {
  const m = /^(\d{1,13})(?:\.0*)?$/.exec(raw);
  const amount = m ? Number(m[1]) : Number.NaN;
  return amount > 0 ? amount : undefined;
}
