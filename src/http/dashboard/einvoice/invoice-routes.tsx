import { Hono } from "hono";
import type { Shop } from "../../../db/schema";
import { checkPendingInvoice, issueOrderInvoice, type EinvoiceDeps, type IssueResult } from "../../../domain/einvoice/issue-invoice";
import { liveInvoiceOf } from "../../../domain/einvoice/invoices";
import { findOrderByCode } from "../../../domain/orders/queries";
import { einvoicePageMessages, type EinvoicePageMessages } from "../../../i18n/einvoice-page";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "../context";
import { Page } from "../layout";
import { canManage } from "../payments/form-fields";

/** A result in the seller's words, and the HTTP status it is answered with. */
export function issueResultText(e: EinvoicePageMessages, code: string, r: IssueResult): { text: string; status: 200 | 409 | 502; error: boolean } {
  switch (r.kind) {
    case "issued":
      return { text: e.done({ code, number: r.invoice.invoice_number ?? "" }), status: 200, error: false };
    case "pending":
      return { text: e.stillPending({ code }), status: 200, error: false };
    case "failed":
      return { text: e.failedJob({ why: r.invoice.error ?? "" }), status: 409, error: true };
    case "refused":
      return { text: e.refusal[r.reason], status: 409, error: true };
    case "sepay_refused":
      if (r.status === 401) return { text: e.sepay.unauthorized, status: 409, error: true };
      if (r.status === 403 || r.code === "QUOTA_EXCEEDED") return { text: e.sepay.quota, status: 409, error: true };
      return { text: e.sepay.invalid({ why: r.message || r.code }), status: 409, error: true };
    case "unavailable":
      return { text: e.sepay.unavailable, status: 502, error: true };
  }
}

/**
 * The e-invoice of an order from its card (owners and operators): POST /orders/:code/invoice issues
 * it (or finds the one already asked for), POST /orders/:code/invoice/check looks at a pending one
 * again. Done or still waiting: back to the board, where the card says which; anything else: a page
 * saying why, with the way back.
 */
export function invoiceRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/orders/:code/invoice", requireSession(deps));
  app.use("/orders/:code/invoice/*", requireSession(deps));

  const einvoiceDeps = (): EinvoiceDeps => ({
    store: deps.store,
    config: deps.einvoiceConfig ?? { SEPAY_EINVOICE_URL: "" },
    clock: deps.clock,
    ...(deps.einvoice?.timeoutMs ? { call: { timeoutMs: deps.einvoice.timeoutMs } } : {}),
    ...(deps.einvoice?.polls !== undefined ? { polls: deps.einvoice.polls } : {}),
    ...(deps.einvoice?.pollIntervalMs !== undefined ? { pollIntervalMs: deps.einvoice.pollIntervalMs } : {}),
  });

  const answer = (c: DashboardContext, shop: Shop, code: string, r: IssueResult) => {
    const e = einvoicePageMessages(c.get("session").lang);
    const said = issueResultText(e, code, r);
    const board = `/dashboard?shop=${encodeURIComponent(shop.slug)}`;
    if (said.status === 200) return c.redirect(`${board}&ok=${code}#${code}`, 303);
    return c.html(
      <Page d={c.get("d")} session={c.get("session")} assets={c.get("assets")} title={code} section="orders" shop={shop} flash={{ text: said.text, error: said.error }}>
        <p>
          <a class="btn" href={`${board}#${code}`}>
            ← {code}
          </a>
        </p>
      </Page>,
      said.status,
    );
  };

  const load = async (c: DashboardContext) => {
    if (!canManage(c.get("session"))) return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const code = (c.req.param("code") ?? "").toUpperCase().slice(0, 12);
    const order = await findOrderByCode(deps.store, shop.id, code);
    if (!order) return answer(c, shop, code, { kind: "refused", reason: "unknown_order" });
    return { shop, order };
  };

  app.post("/orders/:code/invoice", async (c) => {
    const ctx = await load(c);
    if (ctx instanceof Response) return ctx;
    const by = c.get("session").user.username;
    return answer(c, ctx.shop, ctx.order.code, await issueOrderInvoice(einvoiceDeps(), ctx.shop, ctx.order, by));
  });

  app.post("/orders/:code/invoice/check", async (c) => {
    const ctx = await load(c);
    if (ctx instanceof Response) return ctx;
    const live = await liveInvoiceOf(deps.store, ctx.order.id);
    // Nothing waiting (settled meanwhile): the card says how it ended.
    if (!live) return c.redirect(`/dashboard?shop=${encodeURIComponent(ctx.shop.slug)}#${ctx.order.code}`, 303);
    return answer(c, ctx.shop, ctx.order.code, await checkPendingInvoice(einvoiceDeps(), live, 2));
  });

  return app;
}
