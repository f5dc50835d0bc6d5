import { z } from "zod";
import { constantTimeEqual } from "../../../platform/crypto";
import type { IncomingTransfer } from "../record-transfer";

/** `Authorization: Apikey <key>` (SePay's API-key mode), compared in constant time. */
export function verifySepayApiKey(header: string | undefined, key: string): boolean {
  const m = /^Apikey\s+(.+)$/i.exec(header?.trim() ?? "");
  return m?.[1] !== undefined && constantTimeEqual(m[1].trim(), key);
}

const money = z.number().int().nonnegative().max(1e13);

/** SePay's transaction body (PAYMENTS.md §2); extra fields are ignored. */
export const sepayBody = z.object({
  id: z.union([z.number().int(), z.string().min(1).max(100)]),
  gateway: z.string().max(100).nullish(),
  transactionDate: z.string().max(40).nullish(),
  accountNumber: z.string().max(40).nullish(),
  code: z.string().max(100).nullish(),
  content: z.string().max(2000).nullish(),
  transferType: z.enum(["in", "out"]),
  transferAmount: money,
  referenceCode: z.string().max(100).nullish(),
  description: z.string().max(4000).nullish(),
});

/** The transfer a SePay body reports, or null for money going out (not a payment). */
export function sepayTransfer(body: z.infer<typeof sepayBody>): IncomingTransfer | null {
  if (body.transferType !== "in" || body.transferAmount <= 0) return null;
  return {
    provider: "sepay",
    providerTxId: String(body.id),
    amount: body.transferAmount,
    // The memo may be in `content` or only in the raw notification text; the code field, when SePay found one, first.
    content: [body.code, body.content, body.description].filter(Boolean).join(" "),
    accountNumber: body.accountNumber ?? null,
    reference: body.referenceCode ?? null,
    transactionAt: body.transactionDate ?? null,
    raw: body,
  };
}
