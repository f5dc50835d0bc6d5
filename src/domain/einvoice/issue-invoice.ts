// An e-invoice for a paid order (issue 24 part 7), through SePay eInvoice: refused unless the shop's
// tax profile says it must issue and its SePay account is set up and on. The order's invoice is
// claimed under a reference stable per order and attempt (a double tap or a retry finds the same
// one; SePay's own 409 for a reference it has already tells us to read it back), sent with
// is_draft false, and its job followed a few times within the request (bounded, as Workers need);
// still Pending, it stays pending and a later check (the follow-up job, or "Kiểm tra lại") ends it.
// Issued: the number and PDF link on the row, and the buyer's message with the link in the same batch.
// A create SePay refused or never answered leaves nothing behind.
import type { Order, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { einvoicePageMessages } from "../../i18n/einvoice-page";
import { einvoicePageVi } from "../../i18n/einvoice-page-vi";
import type { Clock } from "../../platform/clock";
import { taxProfile } from "../books/tax-profile";
import type { OutboundMessage } from "../outbox/types";
import { EinvoiceRefusal, EinvoiceUnavailable } from "./errors";
import { invoiceBody, sepayDateTime } from "./invoice-body";
import { invoiceOrderOf, invoiceSource } from "./invoice-source";
import { claimInvoice, dropClaim, failedInvoices, ISSUE_TRACKING, liveInvoiceOf, markFailed, markIssued, referenceFor, setTracking, type InvoiceRow } from "./invoices";
import type { SepayEinvoiceClient } from "./sepay-einvoice-client";
import type { InvoiceSummary } from "./sepay-einvoice-types";
import { einvoiceSettings, isComplete, shopEinvoiceClient, type EinvoiceCallOptions, type EinvoiceConfig, type EinvoiceSettings } from "./settings";

export interface EinvoiceDeps {
  store: Store;
  config: EinvoiceConfig;
  clock: Clock;
  call?: EinvoiceCallOptions;
  /** Checks of the job within one request (default 3) and the wait between them (default 1.5 s). */
  polls?: number;
  pollIntervalMs?: number;
}

/** Why an invoice is not even asked for. */
export type IssueRefusal = "not_required" | "not_enabled" | "unpaid" | "unknown_order" | "no_lines" | "total_mismatch";

export type IssueResult =
  | { kind: "issued"; invoice: InvoiceRow }
  /** SePay has it, the number is not there yet (or another tap is sending it right now). */
  | { kind: "pending"; invoice: InvoiceRow }
  /** SePay's job failed: its reason is in invoice.error; a retry makes a new reference. */
  | { kind: "failed"; invoice: InvoiceRow }
  | { kind: "refused"; reason: IssueRefusal }
  /** SePay said no to the create (nothing kept). */
  | { kind: "sepay_refused"; status: number; code: string; message: string }
  /** SePay did not answer the create (nothing kept; a retry sends the same reference). */
  | { kind: "unavailable" };

/** A claim younger than this with no job yet belongs to a request still sending it. */
const CLAIM_IN_FLIGHT_MS = 60_000;

/** Paid (bank, or marked paid), or cash on delivery and delivered. Never a cancelled order. */
export const isPaidOrder = (o: Pick<Order, "status" | "payment_status" | "payment_method">) =>
  o.status !== "cancelled" && o.status !== "draft" && (o.payment_status === "paid" || o.payment_status === "overpaid" || (o.payment_method === "cod" && o.status === "delivered"));

export interface EinvoiceReadiness {
  /** The tax profile says the shop must issue. */
  required: boolean;
  /** The SePay account is set up and turned on. */
  enabled: boolean;
  settings: EinvoiceSettings | undefined;
}

/** Whether the shop may issue invoices now, and its settings. */
export async function einvoiceReadiness(store: Store, shopId: number): Promise<EinvoiceReadiness> {
  const [settings, profile] = await Promise.all([einvoiceSettings(store, shopId), taxProfile(store, shopId)]);
  return { required: profile.einvoiceRequired, enabled: !!settings && settings.enabled && isComplete(settings), settings };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The e-invoice for `order` (issued, pending, or why not). Idempotent: run twice, one invoice. */
export async function issueOrderInvoice(deps: EinvoiceDeps, shop: Pick<Shop, "id" | "time_zone">, order: Order, createdBy: string): Promise<IssueResult> {
  const ready = await einvoiceReadiness(deps.store, shop.id);
  if (!ready.required) return { kind: "refused", reason: "not_required" };
  if (!ready.enabled || !ready.settings) return { kind: "refused", reason: "not_enabled" };
  if (!isPaidOrder(order)) return { kind: "refused", reason: "unpaid" };
  const settings = ready.settings;
  const client = clientFor(deps, shop.id, settings);
  const now = deps.clock.now();

  const live = await liveInvoiceOf(deps.store, order.id);
  if (live?.status === "issued") return { kind: "issued", invoice: live };
  if (live?.tracking_code) return follow(deps, client, live, deps.polls ?? 3);
  // Claimed but not yet sent: a request sending it now, or one that stopped half-way (send again:
  // SePay answers 409 if it has the reference already).
  if (live && now.getTime() - Date.parse(live.created_at) < CLAIM_IN_FLIGHT_MS) return { kind: "pending", invoice: live };

  let claim = live;
  if (!claim) {
    const reference = referenceFor(shop.id, order.code, (await failedInvoices(deps.store, order.id)) + 1);
    claim = await claimInvoice(deps.store, { shopId: shop.id, orderId: order.id, reference, createdBy, now });
    if (!claim) {
      const other = await liveInvoiceOf(deps.store, order.id);
      if (!other) return { kind: "unavailable" };
      return { kind: other.status === "issued" ? "issued" : "pending", invoice: other };
    }
  }

  const v = einvoicePageVi;
  const body = invoiceBody(
    { ...(await invoiceSource(deps.store, order)), words: { deliveryName: v.invoiceDelivery, deliveryUnit: v.invoiceDeliveryUnit, notes: v.invoiceNotes({ code: order.code }) } },
    settings,
    claim.reference_code,
    sepayDateTime(now, shop.time_zone),
  );
  if (!body.ok) {
    await dropClaim(deps.store, claim.id);
    return { kind: "refused", reason: body.reason };
  }
  try {
    const ticket = await client.createInvoice(body.value);
    await setTracking(deps.store, claim.id, ticket.tracking_code, deps.clock.now());
    return follow(deps, client, { ...claim, tracking_code: ticket.tracking_code }, deps.polls ?? 3);
  } catch (error) {
    if (error instanceof EinvoiceRefusal && error.status === 409) return readBack(deps, client, claim);
    await dropClaim(deps.store, claim.id);
    if (error instanceof EinvoiceRefusal) return { kind: "sepay_refused", status: error.status, code: error.code, message: error.description };
    if (error instanceof EinvoiceUnavailable) return { kind: "unavailable" };
    throw error;
  }
}

/**
 * Checks a pending invoice once more (the follow-up job, or the seller's "Kiểm tra lại"): its job
 * if it has one, else SePay's record of its reference.
 */
export async function checkPendingInvoice(deps: EinvoiceDeps, invoice: InvoiceRow, polls = 1): Promise<IssueResult> {
  if (invoice.status !== "pending") return { kind: invoice.status, invoice };
  const settings = await einvoiceSettings(deps.store, invoice.shop_id);
  if (!settings || !isComplete(settings)) return { kind: "pending", invoice };
  const client = clientFor(deps, invoice.shop_id, settings);
  if (invoice.tracking_code) return follow(deps, client, invoice, polls);
  if (deps.clock.now().getTime() - Date.parse(invoice.created_at) < CLAIM_IN_FLIGHT_MS) return { kind: "pending", invoice };
  return readBack(deps, client, invoice, { dropUnknown: true });
}

const clientFor = (deps: EinvoiceDeps, shopId: number, settings: EinvoiceSettings) => shopEinvoiceClient(deps.store, shopId, settings, deps.config, { ...deps.call, now: () => deps.clock.now().getTime() });

/** Follows the invoice's job up to `polls` times; settles the row on Success or Failed. */
async function follow(deps: EinvoiceDeps, client: SepayEinvoiceClient, invoice: InvoiceRow, polls: number): Promise<IssueResult> {
  let tracking = invoice.tracking_code ?? "";
  for (let i = 0; i < polls; i++) {
    if (i > 0) await sleep(deps.pollIntervalMs ?? 1500);
    let report;
    try {
      report = tracking.startsWith(ISSUE_TRACKING) ? await client.issueStatus(tracking.slice(ISSUE_TRACKING.length)) : await client.createStatus(tracking);
    } catch (error) {
      if (error instanceof EinvoiceRefusal || error instanceof EinvoiceUnavailable) return { kind: "pending", invoice };
      throw error;
    }
    if (report.status === "Failed") return settleFailed(deps, invoice, report.message);
    if (report.status !== "Success") continue;
    const summary = report.invoice ?? (await client.invoice(invoice.reference_code).catch(() => undefined));
    if (summary && isIssued(summary)) return settleIssued(deps, invoice, summary);
    if (summary?.status === "draft") {
      // Made as a draft after all: issue it, and follow that job from here on.
      try {
        const ticket = await client.issueInvoice(invoice.reference_code);
        tracking = `${ISSUE_TRACKING}${ticket.tracking_code}`;
        await setTracking(deps.store, invoice.id, tracking, deps.clock.now());
        invoice = { ...invoice, tracking_code: tracking };
      } catch {
        return { kind: "pending", invoice };
      }
    }
  }
  return { kind: "pending", invoice };
}

const isIssued = (s: InvoiceSummary) => s.status === "issued" && !!s.invoice_number && s.invoice_number !== "0";

/** Reads SePay's record of the reference: issued → settled; unknown → the claim given back (when told). */
async function readBack(deps: EinvoiceDeps, client: SepayEinvoiceClient, invoice: InvoiceRow, opts: { dropUnknown?: boolean } = {}): Promise<IssueResult> {
  try {
    const found = await client.invoice(invoice.reference_code);
    if (isIssued(found)) return settleIssued(deps, invoice, found);
    return { kind: "pending", invoice };
  } catch (error) {
    if (opts.dropUnknown && error instanceof EinvoiceRefusal && error.status === 404) {
      await dropClaim(deps.store, invoice.id);
      return { kind: "unavailable" };
    }
    if (error instanceof EinvoiceRefusal || error instanceof EinvoiceUnavailable) return { kind: "pending", invoice };
    throw error;
  }
}

async function settleIssued(deps: EinvoiceDeps, invoice: InvoiceRow, summary: InvoiceSummary): Promise<IssueResult> {
  const now = deps.clock.now();
  const order = await invoiceOrderOf(deps.store, invoice.order_id);
  const pdfUrl = summary.pdf_url || null;
  const notice: OutboundMessage | undefined = order
    ? {
        channel: order.channel,
        botId: order.bot_id,
        chatId: order.chat_id,
        reply: { text: einvoicePageMessages(order.lang).buyerInvoice({ code: order.code, number: summary.invoice_number, url: pdfUrl ?? "" }) },
        dedupeKey: `invoice:${invoice.id}:issued`,
      }
    : undefined;
  await markIssued(deps.store, invoice.id, { number: summary.invoice_number, pdfUrl }, notice, now);
  const row = (await liveInvoiceOf(deps.store, invoice.order_id)) ?? { ...invoice, status: "issued" as const, invoice_number: summary.invoice_number, pdf_url: pdfUrl };
  return { kind: "issued", invoice: row };
}

async function settleFailed(deps: EinvoiceDeps, invoice: InvoiceRow, message: string): Promise<IssueResult> {
  const error = message.trim() || "—";
  await markFailed(deps.store, invoice.id, error, deps.clock.now());
  return { kind: "failed", invoice: { ...invoice, status: "failed", error } };
}
