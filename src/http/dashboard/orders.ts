import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { Order, OrderItem, OrderStatus } from "../../db/schema";
import { formatVnd } from "../../domain/money";
import { orderLineText } from "../../domain/orders/line-text";
import { itemsOfOrders } from "../../domain/orders/queries";
import { applyOrderAction, type Actor, type OrderAction } from "../../domain/orders/transitions";
import { amountDue } from "../../domain/payments/order-qr";
import { recordTransfer } from "../../domain/payments/record-transfer";
import type { Session } from "../../domain/auth/accounts";
import type { DashboardMessages } from "../../i18n/dashboard";
import type { Messages } from "../../i18n/messages";
import { localTime } from "../../platform/shop-time";
import { requireSession, shopFor, type DashboardDeps, type DashboardEnv } from "./context";
import { csrfField, page } from "./layout";
import { inlineScript } from "../../web/inline-script";

const COLUMNS: OrderStatus[] = ["pending_payment", "confirmed", "preparing", "out_for_delivery", "delivered", "cancelled"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Who is acting, for the order rules: the operator acts as an owner; staff as themselves. */
export function actorOf(session: Session): Actor {
  return { id: session.user.staff_id ?? 0, name: session.user.display_name || session.user.username, role: session.user.role === "operator" ? "owner" : session.user.role };
}

function orderCard(o: Order, items: readonly OrderItem[], t: Messages, d: DashboardMessages, session: Session, shop: { slug: string; time_zone: string }) {
  const shopSlug = shop.slug;
  const at = localTime(new Date(o.created_at), shop.time_zone).minutes;
  const hhmm = `${String(Math.floor(at / 60)).padStart(2, "0")}:${String(at % 60).padStart(2, "0")}`;
  const act = (action: string, label: string, extra = html``) =>
    html`<form method="post" action="/dashboard/orders/${o.code}/act" class="inline">${csrfField(session)}<input type="hidden" name="shop" value="${shopSlug}"><input type="hidden" name="action" value="${action}">${extra}<button class="btn alt">${label}</button></form>`;
  const actions =
    o.status === "pending_payment"
      ? [act("paid", t.btnStaffPaid), act("cancel", t.btnStaffReject, reasonSelect(t))]
      : o.status === "confirmed"
        ? [act("accept", t.btnStaffAccept), act("cancel", t.btnStaffReject, reasonSelect(t))]
        : o.status === "preparing"
          ? [
              act("ship", t.btnStaffShip, html`<input name="shipperName" placeholder="${d.shipperName}" required maxlength="60"><input name="shipperPhone" placeholder="${d.shipperPhone}" maxlength="20">`),
              act("deliver", t.btnStaffDelivered),
              act("cancel", t.btnStaffCancel, reasonSelect(t)),
            ]
          : o.status === "out_for_delivery"
            ? [act("deliver", t.btnStaffDelivered), act("cancel", t.btnStaffCancel, reasonSelect(t))]
            : [];
  return html`<div class="card" data-code="${o.code}"><strong>${o.code}</strong> · ${formatVnd(o.total)} <span class="muted">${t.paymentStatus[o.payment_status]}</span>
<div class="muted">${hhmm} · ${o.fulfilment === "delivery" ? `${o.zone_name ?? ""} — ${o.address ?? ""}` : t.summaryPickup} ${o.phone ? `· ${o.phone}` : ""}${o.slot ? ` · ${o.slot}` : ""}</div>
<ul style="margin:6px 0;padding-left:18px">${items.map((i) => html`<li>${orderLineText(i)}</li>`)}</ul>
${o.note ? html`<div class="muted">📝 ${o.note}</div>` : ""}${o.shipper_name ? html`<div class="muted">🛵 ${o.shipper_name} ${o.shipper_phone ?? ""}</div>` : ""}${o.cancel_reason ? html`<div class="muted">✖ ${o.cancel_reason}</div>` : ""}
${actions}</div>`;
}

function reasonSelect(t: Messages) {
  return html`<select name="reason" aria-label="reason"><option value="out_of_stock">${t.btnReasonOutOfStock}</option><option value="outside_area">${t.btnReasonOutsideArea}</option><option value="too_busy">${t.btnReasonTooBusy}</option></select>`;
}

const ORDER_CODE = /^CC[A-Z2-9]{6}$/;
type OrderErrorKey = Exclude<keyof DashboardMessages["orderErrors"], "not_allowed">;
const ORDER_ERRORS: readonly OrderErrorKey[] = ["forbidden", "bad_request", "nothing_to_pay", "unknown_order"];
const STATUSES: readonly OrderStatus[] = ["draft", ...COLUMNS];

/**
 * The banner after an action. Only known keys come from the URL (`ok=<order code>`, `err=<key>`,
 * `status=<order status>`), each checked, so a crafted link cannot put words on the board; anything
 * else shows nothing.
 */
export function boardFlash(q: Record<string, string>, d: DashboardMessages, t: Messages): { text: string; error?: boolean } | undefined {
  const ok = q.ok ?? "";
  if (ORDER_CODE.test(ok)) return { text: d.actionDone({ code: ok }) };
  const code = q.code ?? "";
  const err = q.err ?? "";
  if (!ORDER_CODE.test(code)) return undefined;
  if ((ORDER_ERRORS as readonly string[]).includes(err)) return { text: d.actionRefused({ code, why: d.orderErrors[err as OrderErrorKey] }), error: true };
  const status = STATUSES.find((s) => s === q.status);
  if (err === "not_allowed" && status) return { text: d.actionRefused({ code, why: d.orderErrors.not_allowed({ status: t.status[status] }) }), error: true };
  return undefined;
}

// Polls a fingerprint of the day's orders and reloads when it changes (unless someone is typing).
const liveScript = inlineScript(`(function(){var u=location.pathname.replace(/\\/$/,"")+"/version"+location.search,v=null;setInterval(function(){if(document.activeElement&&/INPUT|SELECT|TEXTAREA/.test(document.activeElement.tagName))return;fetch(u,{cache:"no-store"}).then(function(r){return r.ok?r.text():null}).then(function(x){if(x===null)return;if(v!==null&&x!==v)location.reload();v=x}).catch(function(){})},4000)})();`);

/** The orders board: today's (or a chosen day's) orders in columns by status, with the same actions as chat. */
export function ordersRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("*", requireSession(deps));

  const load = async (shopId: number, date: string, session: Session, q: { status?: string; payment?: string; search?: string }) => {
    let query = deps.store.db.selectFrom("orders").selectAll().where("shop_id", "=", shopId).where("service_date", "=", date).where("status", "!=", "draft");
    if (session.user.role === "shipper") query = query.where("shipper_staff_id", "=", session.user.staff_id ?? -1);
    if (q.status && (COLUMNS as string[]).includes(q.status)) query = query.where("status", "=", q.status as OrderStatus);
    if (q.payment) query = query.where("payment_status", "=", q.payment as Order["payment_status"]);
    if (q.search) {
      const s = q.search.trim().toUpperCase().slice(0, 20);
      query = query.where((eb) => eb.or([eb("code", "like", `%${s}%`), eb("phone", "like", `%${s.replace(/\D/g, "") || "-"}%`)]));
    }
    return query.orderBy("id", "desc").limit(500).execute();
  };

  app.get("/", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const d = c.get("d");
    const t = c.get("t");
    const session = c.get("session");
    const date = DATE.test(c.req.query("date") ?? "") ? (c.req.query("date") as string) : localTime(deps.clock.now(), shop.time_zone).date;
    const filters = { status: c.req.query("status") ?? "", payment: c.req.query("payment") ?? "", search: c.req.query("q") ?? "" };
    const orders = await load(shop.id, date, session, filters);
    const items = await itemsOfOrders(
      deps.store,
      orders.map((o) => o.id),
    );
    const flash = boardFlash(c.req.query(), d, t);
    const body = html`<form class="filters" method="get" action="/dashboard"><input type="hidden" name="shop" value="${shop.slug}">
<label>${d.date} <input type="date" name="date" value="${date}"></label>
<label>${d.status} <select name="status"><option value="">${d.all}</option>${COLUMNS.map((s) => html`<option value="${s}" ${filters.status === s ? "selected" : ""}>${t.status[s]}</option>`)}</select></label>
<label>${d.payment} <select name="payment"><option value="">${d.all}</option>${(["unpaid", "partial", "paid", "overpaid", "cod"] as const).map((p) => html`<option value="${p}" ${filters.payment === p ? "selected" : ""}>${t.paymentStatus[p]}</option>`)}</select></label>
<input type="search" name="q" value="${filters.search}" placeholder="${d.search}" maxlength="20"><button class="btn">${d.filter}</button></form>
${orders.length === 0 ? html`<p>${d.noOrders}</p>` : ""}
<div class="cols">${COLUMNS.map((s) => {
      const list = orders.filter((o) => o.status === s);
      return list.length ? html`<section class="col" data-status="${s}"><h2>${t.status[s]} (${list.length})</h2>${list.map((o) => orderCard(o, items.get(o.id) ?? [], t, d, session, shop))}</section>` : "";
    })}</div>
<script>${raw(liveScript)}</script>`;
    return c.html(page({ d, session, title: d.navOrders, section: "orders", shop, body, ...(flash ? { flash } : {}) }));
  });

  app.get("/version", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const row = await deps.store.db
      .selectFrom("orders")
      .select((eb) => [eb.fn.max("updated_at").as("at"), eb.fn.countAll<number>().as("n")])
      .where("shop_id", "=", shop.id)
      .where("status", "!=", "draft")
      .executeTakeFirst();
    c.header("Cache-Control", "no-store");
    return c.text(`${row?.at ?? ""}|${row?.n ?? 0}`);
  });

  app.post("/orders/:code/act", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const form = await c.req.parseBody();
    const code = c.req.param("code").toUpperCase().slice(0, 12);
    const session = c.get("session");
    const actor = actorOf(session);
    const back = (q: string) => c.redirect(`/dashboard?shop=${encodeURIComponent(shop.slug)}&${q}`, 303);
    const now = deps.clock.now();
    if (form.action === "paid") {
      if (actor.role === "shipper") return back(`err=forbidden&code=${encodeURIComponent(code)}`);
      const order = await deps.store.db.selectFrom("orders").selectAll().where("shop_id", "=", shop.id).where("code", "=", code).executeTakeFirst();
      if (!order) return back(`err=unknown_order&code=${encodeURIComponent(code)}`);
      if (amountDue(order) <= 0) return back(`err=nothing_to_pay&code=${encodeURIComponent(code)}`);
      await recordTransfer(deps.store, shop, { provider: "manual", providerTxId: `dashboard:${code}:${order.paid_amount}`, amount: amountDue(order), content: code, orderCode: code, recordedBy: actor.name, raw: { by: actor.name } }, now);
      deps.onOutboxWrite?.();
      return back(`ok=${encodeURIComponent(code)}`);
    }
    const reason = typeof form.reason === "string" ? form.reason.slice(0, 200) : "too_busy";
    const action: OrderAction | undefined =
      form.action === "accept"
        ? { kind: "accept" }
        : form.action === "deliver"
          ? { kind: "deliver" }
          : form.action === "cancel"
            ? { kind: "cancel", reason }
            : form.action === "ship" && typeof form.shipperName === "string" && form.shipperName.trim()
              ? { kind: "ship", shipper: { staffId: null, name: form.shipperName.trim().slice(0, 60), phone: typeof form.shipperPhone === "string" ? form.shipperPhone.slice(0, 20) : "" } }
              : undefined;
    if (!action) return back(`err=bad_request&code=${encodeURIComponent(code)}`);
    const result = await applyOrderAction(deps.store, shop, code, action, actor, now);
    if (!result.ok) {
      const why = result.reason.reason === "not_allowed" ? `not_allowed&status=${result.reason.status}` : result.reason.reason;
      return back(`err=${why}&code=${encodeURIComponent(code)}`);
    }
    deps.onOutboxWrite?.();
    return back(`ok=${encodeURIComponent(code)}`);
  });

  return app;
}
