import { z } from "zod";
import { constantTimeEqual, hmacHex } from "../../../platform/crypto";
import type { IncomingTransfer } from "../record-transfer";

/** JSON with object keys sorted at every depth (arrays keep their order): what Casso v2 signs. */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Same, but non-ASCII escaped as \uXXXX, as Casso's PHP sample serialises (PAYMENTS.md §3 risk note). */
function asciiEscaped(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Casso webhook v2: `X-Casso-Signature: t=<ms>,v1=<hex>` where v1 = HMAC-SHA512(key, t + "." + sorted JSON).
 * The signed text is a re-serialisation of the parsed body, not the raw bytes; if the body has
 * non-ASCII text, the PHP-style escaped form is accepted too.
 */
export async function verifyCassoSignature(header: string | undefined, body: unknown, key: string): Promise<boolean> {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.trim().split("=") as [string, string]));
  const t = parts.t;
  const v1 = parts.v1?.toLowerCase();
  if (!t || !/^\d{1,16}$/.test(t) || !v1 || !/^[0-9a-f]{128}$/.test(v1)) return false;
  const json = sortedJson(body);
  if (constantTimeEqual(await hmacHex("SHA-512", key, `${t}.${json}`), v1)) return true;
  const escaped = asciiEscaped(json);
  return escaped !== json && constantTimeEqual(await hmacHex("SHA-512", key, `${t}.${escaped}`), v1);
}

/** Casso v1 (legacy): `Secure-Token: <key>`, a plain shared secret. */
export function verifyCassoSecureToken(header: string | undefined, key: string): boolean {
  return header !== undefined && constantTimeEqual(header.trim(), key);
}

const cassoTx = z.object({
  id: z.union([z.number().int(), z.string().min(1).max(100)]),
  reference: z.string().max(100).nullish(),
  tid: z.string().max(100).nullish(),
  description: z.string().max(2000).nullish(),
  amount: z.number().int().min(-1e13).max(1e13),
  transactionDateTime: z.string().max(40).nullish(),
  when: z.string().max(40).nullish(),
  accountNumber: z.string().max(40).nullish(),
  bank_sub_acc_id: z.string().max(40).nullish(),
});

/** A Casso body: v2 carries one transaction in `data`, v1 an array of them. */
export const cassoBody = z.object({ error: z.number().int(), data: z.union([cassoTx, z.array(cassoTx).max(100)]) });

/** The incoming transfers a Casso body reports (money going out and error bodies report none). */
export function cassoTransfers(body: z.infer<typeof cassoBody>): IncomingTransfer[] {
  if (body.error !== 0) return [];
  const list = Array.isArray(body.data) ? body.data : [body.data];
  return list
    .filter((tx) => tx.amount > 0)
    .map((tx) => ({
      provider: "casso" as const,
      providerTxId: String(tx.id),
      amount: tx.amount,
      content: tx.description ?? "",
      accountNumber: tx.accountNumber ?? tx.bank_sub_acc_id ?? null,
      reference: tx.reference ?? tx.tid ?? null,
      transactionAt: tx.transactionDateTime ?? tx.when ?? null,
      raw: tx,
    }));
}
