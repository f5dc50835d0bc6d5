import { z } from "zod";
import { constantTimeEqual, hmacHex } from "../../../platform/crypto";
import type { IncomingTransfer } from "../record-transfer";
import { valueDepthWithin } from "./bounded-json";

/** Casso bodies are two levels deep; the signed form is refused past this, so sorting never recurses far. */
export const SIGNED_MAX_DEPTH = 32;

function writeSorted(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(writeSorted).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${writeSorted((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * JSON with object keys sorted at every depth (arrays keep their order): what Casso v2 signs.
 * Null when the value nests deeper than `maxDepth`: checked first without recursion, so the
 * recursive writer below it is bounded.
 */
export function sortedJson(value: unknown, maxDepth = SIGNED_MAX_DEPTH): string | null {
  return valueDepthWithin(value, maxDepth) ? writeSorted(value) : null;
}

const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
// Each rewrite touches only characters that compact JSON has inside strings alone and never inside
// an escape sequence (`/`, `<>&`, non-ASCII), so a plain text replace on the whole text is exact.
const escapeNonAscii = (json: string) => json.replace(/[\u007f-\uffff]/g, hex4);
const escapeSlashes = (json: string) => json.replace(/\//g, "\\/");
const escapeHtml = (json: string) => json.replace(/[<>&\u2028\u2029]/g, hex4);

/**
 * The sorted JSON as each of Casso's own samples would serialise it (PAYMENTS.md §3 risk note): we
 * cannot know which one Casso's signer matches, and they differ only in escaping.
 * - plain: JS JSON.stringify, Java Jackson, .NET Newtonsoft;
 * - non-ASCII as \uXXXX: Python json.dumps (ensure_ascii);
 * - PHP json_encode: `/` as `\/`, non-ASCII as \uXXXX;
 * - Go encoding/json: `<` `>` `&` as \u003c \u003e \u0026, and U+2028/U+2029 escaped.
 */
export function cassoSignedForms(json: string): string[] {
  return [...new Set([json, escapeNonAscii(json), escapeNonAscii(escapeSlashes(json)), escapeHtml(json)])];
}

/**
 * Casso webhook v2: `X-Casso-Signature: t=<ms>,v1=<hex>` where v1 = HMAC-SHA512(key, t + "." + sorted JSON).
 * The signed text is a re-serialisation of the parsed body, not the raw bytes, so every escaping
 * Casso's samples use is tried (same key; each comparison in constant time). An ASCII body without
 * `/ < > &` has one form and costs one HMAC.
 */
export async function verifyCassoSignature(header: string | undefined, body: unknown, key: string): Promise<boolean> {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.trim().split("=") as [string, string]));
  const t = parts.t;
  const v1 = parts.v1?.toLowerCase();
  if (!t || !/^\d{1,16}$/.test(t) || !v1 || !/^[0-9a-f]{128}$/.test(v1)) return false;
  const json = sortedJson(body);
  if (json === null) return false;
  let matched = false;
  for (const form of cassoSignedForms(json)) matched = constantTimeEqual(await hmacHex("SHA-512", key, `${t}.${form}`), v1) || matched;
  return matched;
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
