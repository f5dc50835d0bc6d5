// "Kiểm tra kết nối": a token for the stored credentials, the provider accounts and their templates
// (so the seller picks provider_account_id / template / series from what SePay gave them, rather than
// typing them), and the invoices left in the plan.
import { EinvoiceRefusal, EinvoiceUnavailable } from "./errors";
import type { SepayEinvoiceClient } from "./sepay-einvoice-client";
import type { ProviderAccountDetail } from "./sepay-einvoice-types";

export interface ConnectionReport {
  accounts: ProviderAccountDetail[];
  /** Invoices left, or null when SePay did not say. */
  quota: number | null;
}

export type ConnectionProblem = { kind: "unauthorized" } | { kind: "refused"; message: string } | { kind: "unavailable" };

/** At most this many pages of accounts are read (a household has one or two). */
const MAX_PAGES = 5;

/** Reads what the seller picks from; a refusal or no answer is a problem, never a throw. */
export async function checkConnection(client: SepayEinvoiceClient): Promise<{ ok: true; value: ConnectionReport } | { ok: false; reason: ConnectionProblem }> {
  try {
    const accounts: ProviderAccountDetail[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const list = await client.providerAccounts(page, 100);
      for (const a of list.items) accounts.push(await client.providerAccount(a.id));
      if (!list.paging.has_more) break;
    }
    const quota = await client.quotaRemaining().catch(() => null);
    return { ok: true, value: { accounts, quota } };
  } catch (error) {
    if (error instanceof EinvoiceRefusal) return { ok: false, reason: error.status === 401 ? { kind: "unauthorized" } : { kind: "refused", message: error.description || error.code } };
    if (error instanceof EinvoiceUnavailable) return { ok: false, reason: { kind: "unavailable" } };
    throw error;
  }
}
