import { Hono } from "hono";
import { typedOrderBuyerKey, typeInOrder } from "../../../../flows/staff/typed-order";
import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { newSecretToken } from "../../../domain/orders/codes";
import { findOrderOfShop } from "../../../domain/orders/queries";
import { FORM_TOKEN, saveTypedOrderForm, typedOrderForm } from "../../../domain/orders/typed-order-forms";
import { hasOutboxRow } from "../../../domain/outbox/queued";
import { typedOrderFormMessages } from "../../../i18n/typed-order-form";
import { normalizeText } from "../../../text/normalize";
import { shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "../context";
import type { TypedOrderFormProps, TypedOrderOutcomeView } from "./typed-order-form";

// The orders board's typed-in order form (issue 22): the same line and the same flow as `/don` in
// chat. Each page carries a one-time token; the order's source key is made from it, so a double
// submit makes one order, and the outcome is kept under it for the board to show after the redirect.

/** Who may type in orders: owners, staff and the operator (shippers only deliver). */
const mayTypeOrders = (session: Session) => session.user.role !== "shipper";

/** The server's base URL for the pay link: the configured one, else the address this page was asked on. */
const baseUrl = (deps: DashboardDeps, c: DashboardContext) => deps.publicUrl || new URL(c.req.url).origin;

/** POST /dashboard/orders/typed: runs the line, keeps the outcome, back to the board showing it. */
export function typedOrderRoute(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.post("/orders/typed", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const session = c.get("session");
    if (!mayTypeOrders(session)) return c.json({ error: "forbidden" }, 403);
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" ? form.token : "";
    if (!FORM_TOKEN.test(token)) return c.json({ error: "bad form token" }, 400);
    const back = () => c.redirect(`/dashboard?shop=${encodeURIComponent(shop.slug)}&typed=${token}`, 303);
    // The second of a double submit: the first one's outcome is already there.
    if (await typedOrderForm(deps.store, token, shop.id, session.user.id)) return back();
    const line = normalizeText(typeof form.line === "string" ? form.line : "", 5000);
    const now = deps.clock.now();
    const result = await typeInOrder({ store: deps.store, shop, publicUrl: baseUrl(deps, c), now, t: c.get("t") }, { line, sourceKey: `staff:web:${shop.id}:${token}` });
    await saveTypedOrderForm(deps.store, { token, shopId: shop.id, userId: session.user.id, line, orderId: result.ok ? result.order.id : null, error: result.ok ? null : result.text }, now);
    if (result.ok) deps.onOutboxWrite?.();
    return back();
  });
  return app;
}

/** The form for the board (a fresh token, and the outcome `?typed=<token>` names); undefined for shippers. */
export async function typedOrderPanel(deps: DashboardDeps, c: DashboardContext, shop: Shop): Promise<TypedOrderFormProps | undefined> {
  const session = c.get("session");
  if (!mayTypeOrders(session)) return undefined;
  return { m: typedOrderFormMessages(session.lang), session, shopSlug: shop.slug, token: newSecretToken(18), outcome: await outcomeOf(deps, c, shop, c.req.query("typed") ?? "") };
}

async function outcomeOf(deps: DashboardDeps, c: DashboardContext, shop: Shop, token: string): Promise<TypedOrderOutcomeView | undefined> {
  const kept = token ? await typedOrderForm(deps.store, token, shop.id, c.get("session").user.id) : undefined;
  if (!kept) return undefined;
  if (kept.orderId === null) return { kind: "refused", line: kept.line, text: kept.error ?? "" };
  const order = await findOrderOfShop(deps.store, shop.id, kept.orderId);
  if (!order) return undefined;
  return {
    kind: "order",
    line: kept.line,
    code: order.code,
    total: order.total,
    payUrl: `${baseUrl(deps, c)}/pay/${order.pay_token}`,
    sentToBuyer: await hasOutboxRow(deps.store, typedOrderBuyerKey(order.id)),
    cod: order.payment_method === "cod",
  };
}
