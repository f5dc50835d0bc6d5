import { z } from "zod";
import { constantTimeEqual, hmacHex } from "../../../platform/crypto";
import type { IncomingTransfer } from "../record-transfer";

function fieldValue(value: unknown): string {
  if (value === null || value === undefined || value === "null" || value === "undefined") return "";
  if (Array.isArray(value)) {
    return JSON.stringify(value.map((v) => (v && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v)));
  }
  return String(value);
}

/** payOS's signed text: `data`'s keys sorted, `key=value` joined by `&`, raw UTF-8 (PAYMENTS.md §4). */
export function payosSignedText(data: Record<string, unknown>): string {
  return Object.keys(data)
    .filter((k) => data[k] !== undefined)
    .sort()
    .map((k) => `${k}=${fieldValue(data[k])}`)
    .join("&");
}

/** HMAC-SHA256 over the signed text of `data`, compared in constant time with `signature`. */
export async function verifyPayosSignature(data: Record<string, unknown>, signature: string, key: string): Promise<boolean> {
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
  return constantTimeEqual(await hmacHex("SHA-256", key, payosSignedText(data)), signature.toLowerCase());
}

/** A payOS webhook body; `data` is kept whole because every field of it is signed. */
export const payosBody = z.object({
  code: z.string().max(10),
  desc: z.string().max(500).nullish(),
  success: z.boolean().optional(),
  data: z.record(z.string(), z.unknown()),
  signature: z.string().max(200),
});

const payosData = z.object({
  orderCode: z.union([z.number().int(), z.string().max(30)]),
  amount: z.number().int().min(0).max(1e13),
  description: z.string().max(500).nullish(),
  accountNumber: z.string().max(40).nullish(),
  reference: z.string().max(100).nullish(),
  transactionDateTime: z.string().max(40).nullish(),
  code: z.string().max(10).nullish(),
});

/** The transfer a verified payOS body reports, or null when it is not a successful payment. */
export function payosTransfer(body: z.infer<typeof payosBody>): IncomingTransfer | null {
  const data = payosData.safeParse(body.data);
  if (!data.success || body.code !== "00" || (data.data.code && data.data.code !== "00") || data.data.amount <= 0) return null;
  return {
    provider: "payos",
    // payOS has no transaction id; the bank reference with its order code is unique (PAYMENTS.md §5).
    providerTxId: `${data.data.reference ?? ""}:${data.data.orderCode}`,
    amount: data.data.amount,
    content: data.data.description ?? "",
    // payOS pays into its own virtual accounts, so its accountNumber need not be the shop's: not checked.
    accountNumber: null,
    reference: data.data.reference ?? null,
    transactionAt: data.data.transactionDateTime ?? null,
    raw: body.data,
  };
}
