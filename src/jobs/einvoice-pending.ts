import { checkPendingInvoice, type EinvoiceDeps } from "../domain/einvoice/issue-invoice";
import { pendingInvoices, touchPending } from "../domain/einvoice/invoices";

/** How many pending invoices one run looks at (each is one or two calls to SePay). */
const PER_RUN = 20;

/**
 * E-invoices SePay had not numbered by the end of the request that asked for them: each is checked
 * once more (its job, or SePay's record of its reference), the oldest-checked first. Issued ones get
 * their number and the buyer's message (once: the row's status guards it); the rest wait for the
 * next run. Nothing is kept between runs but the rows themselves.
 */
export async function runPendingInvoices(deps: EinvoiceDeps): Promise<{ issued: number; failed: number; waiting: number }> {
  const out = { issued: 0, failed: 0, waiting: 0 };
  for (const invoice of await pendingInvoices(deps.store, PER_RUN)) {
    const r = await checkPendingInvoice(deps, invoice, 1);
    if (r.kind === "issued") out.issued++;
    else if (r.kind === "failed") out.failed++;
    else if (r.kind === "pending") {
      out.waiting++;
      await touchPending(deps.store, invoice.id, deps.clock.now());
    }
  }
  return out;
}
