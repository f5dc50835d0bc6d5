import { z } from "zod";
import { sha256Hex } from "../../auth/passwords";
import { constantTimeEqual, hmacHex } from "../../../platform/crypto";
import type { IncomingTransfer } from "../record-transfer";
import type { UnreadableTransfer } from "../unreadable-transfer";
import { valueDepthWithin } from "./bounded-json";

/** payOS data is flat (arrays of flat objects at most); the signed text is refused past this depth. */
const SIGNED_MAX_DEPTH = 32;

function fieldValue(value: unknown): string {
  if (value === null || value === undefined || value === "null" || value === "undefined") return "";
  if (Array.isArray(value)) {
    return JSON.stringify(value.map((v) => (v && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v)));
  }
  return String(value);
}

/**
 * payOS's signed text: `data`'s keys sorted, `key=value` joined by `&`, raw UTF-8 (PAYMENTS.md §4).
 * Null when `data` nests deeper than any notice does: checked without recursion first, so the
 * JSON.stringify of array values below is bounded.
 */
export function payosSignedText(data: Record<string, unknown>): string | null {
  if (!valueDepthWithin(data, SIGNED_MAX_DEPTH)) return null;
  return Object.keys(data)
    .filter((k) => data[k] !== undefined)
    .sort()
    .map((k) => `${k}=${fieldValue(data[k])}`)
    .join("&");
}

/** HMAC-SHA256 over the signed text of `data`, compared in constant time with `signature`. */
export async function verifyPayosSignature(data: Record<string, unknown>, signature: string, key: string): Promise<boolean> {
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
  const text = payosSignedText(data);
  return text !== null && constantTimeEqual(await hmacHex("SHA-256", key, text), signature.toLowerCase());
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * The signed part of a payOS body, taken from the parsed JSON as it is (not a schema's copy of it),
 * so the signature is checked over exactly what payOS sent, before any field is judged. Null when
 * there is nothing to check: no `data` object or no `signature`.
 */
export function payosSignedParts(body: unknown): { body: Record<string, unknown>; data: Record<string, unknown>; signature: string } | null {
  if (!isRecord(body) || !isRecord(body.data) || typeof body.signature !== "string") return null;
  return { body, data: body.data, signature: body.signature };
}

const payosData = z.object({
  orderCode: z.union([z.number().int(), z.string().max(30)]),
  amount: z.number().int().min(0).max(1e13),
  description: z.string().max(500).nullish(),
  accountNumber: z.string().max(40).nullish(),
  reference: z.string().max(100).nullish(),
  transactionDateTime: z.string().max(40).nullish(),
  code: z.string().max(10).nullish(),
});

/** What a verified payOS notice says: a payment, something that is not one, or a payment we cannot read. */
export type PayosNotice = { kind: "transfer"; transfer: IncomingTransfer } | { kind: "ignored"; why: string } | { kind: "unreadable"; transfer: UnreadableTransfer };

/**
 * Reads a payOS body whose `data` signature has been verified. A successful payment is a transfer;
 * a failure notice (a code other than "00") or a zero amount is ignored; a notice that fits no
 * schema but may be a payment is unreadable, kept under a hash of its signed text so a redelivery
 * of it is recognised. The envelope around `data` is not signed: only its `code` is looked at.
 */
export async function readPayosNotice(body: Record<string, unknown>, data: Record<string, unknown>): Promise<PayosNotice> {
  if (typeof body.code === "string" && body.code !== "00") return { kind: "ignored", why: `code ${body.code.slice(0, 10)}` };
  const parsed = payosData.safeParse(data);
  if (parsed.success) {
    const d = parsed.data;
    if (d.code && d.code !== "00") return { kind: "ignored", why: `code ${d.code}` };
    if (d.amount <= 0) return { kind: "ignored", why: "no amount" };
    return {
      kind: "transfer",
      transfer: {
        provider: "payos",
        // payOS has no transaction id; the bank reference with its order code is unique (PAYMENTS.md §5).
        providerTxId: `${d.reference ?? ""}:${d.orderCode}`,
        amount: d.amount,
        content: d.description ?? "",
        // payOS pays into its own virtual accounts, so its accountNumber need not be the shop's: not checked.
        accountNumber: null,
        reference: d.reference ?? null,
        transactionAt: d.transactionDateTime ?? null,
        raw: data,
      },
    };
  }
  if (typeof data.code === "string" && data.code !== "00") return { kind: "ignored", why: `code ${data.code.slice(0, 10)}` };
  return {
    kind: "unreadable",
    transfer: {
      provider: "payos",
      providerTxId: `unreadable:${await sha256Hex(payosSignedText(data) ?? "")}`,
      problems: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "data")))],
      sent: { amount: data.amount, memo: data.description, reference: data.reference, account: data.accountNumber, time: data.transactionDateTime, orderCode: data.orderCode },
    },
  };
}
