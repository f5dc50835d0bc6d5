import { Hono } from "hono";
import type { Order, Shop } from "../../../db/schema";
import { CARRIER_IDS, type CarrierId } from "../../../domain/carriers/carrier";
import { activeShipmentOf } from "../../../domain/carriers/shipments";
import { cancelWaybill, createWaybill, waybillLabel, type WaybillDeps, type WaybillFailure } from "../../../domain/carriers/waybill";
import { findOrderByCode } from "../../../domain/orders/queries";
import { shippingMessages, type ShippingMessages } from "../../../i18n/shipping";
import { shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "../context";
import { Page } from "../layout";

/** A failure in words (a carrier's refusal in its own), for the dashboard and the staff chat. */
export function waybillFailureText(s: ShippingMessages, failure: WaybillFailure): string {
  if (failure.reason === "refused") return s.refused({ carrier: s.carrierName[failure.carrier], why: failure.description || failure.code });
  return s.failure[failure.reason];
}

/** A page saying why a waybill action did not happen, with the way back to the order. */
export function waybillProblem(c: DashboardContext, shop: Shop, code: string, text: string, status: 400 | 403 | 404 | 409 | 502) {
  return c.html(
    <Page d={c.get("d")} session={c.get("session")} assets={c.get("assets")} title={code} section="orders" shop={shop} flash={{ text, error: true }}>
      <p>
        <a class="btn" href={`/dashboard?shop=${encodeURIComponent(shop.slug)}#${code}`}>
          ← {code}
        </a>
      </p>
    </Page>,
    status,
  );
}

/**
 * Before an order with a waybill is cancelled: the waybill is cancelled at the carrier first (before
 * pickup); undefined when the order may go on to be cancelled, else the page saying why not.
 */
export async function cancelWaybillFirst(deps: DashboardDeps, c: DashboardContext, shop: Shop, order: Order): Promise<Response | undefined> {
  if (!(await activeShipmentOf(deps.store, order.id))) return undefined;
  const s = shippingMessages(c.get("session").lang);
  if (!deps.carrierConfig) return waybillProblem(c, shop, order.code, s.failure.not_offered, 400);
  const done = await cancelWaybill(waybillDeps(deps, deps.carrierConfig), shop, order);
  if (done.ok) return undefined;
  return waybillProblem(c, shop, order.code, waybillFailureText(s, done.reason), done.reason.reason === "unavailable" ? 502 : 409);
}

const waybillDeps = (deps: DashboardDeps, config: NonNullable<DashboardDeps["carrierConfig"]>): WaybillDeps => ({ store: deps.store, config, clock: deps.clock });

/**
 * The waybill in one tap from an order's card: make it ("Giao qua GHN / GHTK"), cancel it before
 * pickup, open its label (GHN's print page, or GHTK's PDF served through here). Shippers may only
 * open the label. Form posts carry the session's CSRF token (requireSession, mounted by orders.tsx).
 */
export function waybillRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  const board = (shop: Shop) => `/dashboard?shop=${encodeURIComponent(shop.slug)}`;
  const problem = waybillProblem;
  const statusOf = (f: WaybillFailure): 400 | 409 | 502 => (f.reason === "unavailable" ? 502 : f.reason === "refused" || f.reason === "too_late" || f.reason === "not_allowed" ? 409 : 400);

  const load = async (c: DashboardContext) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const code = c.req.param("code")?.toUpperCase().slice(0, 12) ?? "";
    const s = shippingMessages(c.get("session").lang);
    const order = await findOrderByCode(deps.store, shop.id, code);
    if (!order) return problem(c, shop, code, s.failure.unknown_order, 404);
    if (!deps.carrierConfig) return problem(c, shop, code, s.failure.not_offered, 400);
    return { shop, order, s, wd: waybillDeps(deps, deps.carrierConfig) };
  };

  app.post("/orders/:code/waybill", async (c) => {
    if (c.get("session").user.role === "shipper") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    const ctx = await load(c);
    if (ctx instanceof Response) return ctx;
    const form = await c.req.parseBody();
    const carrier = CARRIER_IDS.find((id) => id === form.carrier) as CarrierId | undefined;
    if (!carrier) return problem(c, ctx.shop, ctx.order.code, ctx.s.failure.not_offered, 400);
    const made = await createWaybill(ctx.wd, ctx.shop, ctx.order, carrier);
    if (!made.ok) return problem(c, ctx.shop, ctx.order.code, waybillFailureText(ctx.s, made.reason), statusOf(made.reason));
    return c.redirect(`${board(ctx.shop)}&ok=${ctx.order.code}#${ctx.order.code}`, 303);
  });

  app.post("/orders/:code/waybill/cancel", async (c) => {
    if (c.get("session").user.role === "shipper") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    const ctx = await load(c);
    if (ctx instanceof Response) return ctx;
    const done = await cancelWaybill(ctx.wd, ctx.shop, ctx.order);
    if (!done.ok) return problem(c, ctx.shop, ctx.order.code, waybillFailureText(ctx.s, done.reason), statusOf(done.reason));
    return c.redirect(`${board(ctx.shop)}&ok=${ctx.order.code}#${ctx.order.code}`, 303);
  });

  app.get("/orders/:code/label", async (c) => {
    const ctx = await load(c);
    if (ctx instanceof Response) return ctx;
    const shipment = await activeShipmentOf(deps.store, ctx.order.id);
    if (!shipment) return problem(c, ctx.shop, ctx.order.code, ctx.s.failure.no_waybill, 404);
    const label = await waybillLabel(ctx.wd, ctx.shop, shipment);
    if (!label.ok) return problem(c, ctx.shop, ctx.order.code, waybillFailureText(ctx.s, label.reason), statusOf(label.reason));
    c.header("Cache-Control", "no-store");
    if (label.value.kind === "url") return c.redirect(label.value.url, 302);
    return c.body(label.value.bytes as Uint8Array<ArrayBuffer>, 200, { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${shipment.waybill.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf"` });
  });

  return app;
}
