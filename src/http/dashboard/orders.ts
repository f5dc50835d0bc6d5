import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { Order, OrderItem, OrderStatus } from "../../db/schema";
import { formatVnd } from "../../domain/money";
import { orderLineText } from "../../domain/orders/line-text";
import { findOrderByCode, itemsOfOrders } from "../../domain/orders/queries";
import { applyOrderAction, cancelReasonText, type Actor, type OrderAction } from "../../domain/orders/transitions";
import { amountDue } from "../../domain/payments/order-qr";
import { recordTransfer } from "../../domain/payments/record-transfer";
import type { Session } from "../../domain/auth/accounts";
import type { DashboardMessages } from "../../i18n/dashboard";
import type { Messages } from "../../i18n/messages";
import { localTime } from "../../platform/shop-time";
import { requireSession, shopFor, type DashboardDeps, type DashboardEnv } from "./context";
import { csrfField, page } from "./layout";
import { inlineScript } from "../../web/inline-script";
import { CANCEL_UNDO_WINDOW_MS, undoCancel, undoSecondsLeft } from "../../domain/orders/cancel-undo";
import { orderSlip, slipPaper, slipsPage } from "./order-slip";

const COLUMNS: OrderStatus[] = ["pending_payment", "confirmed", "preparing", "out_for_delivery", "delivered", "cancelled"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Who is acting, for the order rules: the operator acts as an owner; staff as themselves. */
export function actorOf(session: Session): Actor {
  return { id: session.user.staff_id ?? 0, name: session.user.display_name || session.user.username, role: session.user.role === "operator" ? "owner" : session.user.role };
}

function orderCard(o: Order, items: readonly OrderItem[], t: Messages, d: DashboardMessages, session: Session, shop: { slug: string; time_zone: string }, now: Date) {
  const shopSlug = shop.slug;
  const q = `?shop=${encodeURIComponent(shopSlug)}`;
  const at = localTime(new Date(o.created_at), shop.time_zone).minutes;
  const hhmm = `${String(Math.floor(at / 60)).padStart(2, "0")}:${String(at % 60).padStart(2, "0")}`;
  const act = (action: string, label: string, extra = html``, cls = "btn") =>
    html`<form method="post" action="/dashboard/orders/${o.code}/act" class="inline">${csrfField(session)}<input type="hidden" name="shop" value="${shopSlug}"><input type="hidden" name="action" value="${action}">${extra}<button class="${cls}">${label}</button></form>`;
  // Cancelling is never one tap: a link to the page that asks why and to confirm, set well apart
  // (and quieter) than the main action so a thumb aiming at "Nhận đơn" cannot hit it.
  const reject = (label: string) => html`<div class="reject"><a class="btn-reject" href="/dashboard/orders/${o.code}/reject${q}">${label}</a></div>`;
  const actions =
    o.status === "pending_payment"
      ? [act("paid", t.btnStaffPaid), reject(t.btnStaffReject)]
      : o.status === "confirmed"
        ? [act("accept", t.btnStaffAccept), reject(t.btnStaffReject)]
        : o.status === "preparing"
          ? [
              act("ship", t.btnStaffShip, html`<input name="shipperName" placeholder="${d.shipperName}" required maxlength="60"><input name="shipperPhone" placeholder="${d.shipperPhone}" maxlength="20">`),
              act("deliver", t.btnStaffDelivered, html``, "btn alt"),
              reject(t.btnStaffCancel),
            ]
          : o.status === "out_for_delivery"
            ? [act("deliver", t.btnStaffDelivered), reject(t.btnStaffCancel)]
            : [];
  const left = undoSecondsLeft(o, now);
  const undo = left > 0 && session.user.role !== "shipper" ? html`${act("undo", d.undo)}<span class="muted">${d.undoLeft({ seconds: left })}</span>` : "";
  return html`<div class="card" data-code="${o.code}"><strong>${o.code}</strong> · ${formatVnd(o.total)} <span class="muted">${t.paymentStatus[o.payment_status]}</span> <a class="slip-link" href="/dashboard/orders/${o.code}/slip${q}">${d.slipLink}</a>
<div class="muted">${hhmm} · ${o.fulfilment === "delivery" ? `${o.zone_name ?? ""} — ${o.address ?? ""}` : t.summaryPickup} ${o.phone ? html`· <a href="tel:${o.phone}">${o.phone}</a>` : ""}${o.slot ? ` · ${o.slot}` : ""}</div>
<ul style="margin:6px 0;padding-left:18px">${items.map((i) => html`<li>${orderLineText(i)}</li>`)}</ul>
${o.note ? html`<div class="muted">📝 ${o.note}</div>` : ""}${o.shipper_name ? html`<div class="muted">🛵 ${o.shipper_name} ${o.shipper_phone ?? ""}</div>` : ""}${o.cancel_reason ? html`<div class="muted">✖ ${cancelReasonText(session.lang, o.cancel_reason)}</div>` : ""}
${actions}${undo}</div>`;
}

// The reject link sits ≥ 24 px under the main action and looks secondary (grey outline, smaller).
const boardStyles = `.reject{margin-top:24px}.btn-reject{display:inline-block;padding:8px 12px;min-height:40px;border:1px solid #bbb;border-radius:8px;color:#8a1c14;background:#fff;text-decoration:none;font-size:14px}
.slip-link{float:right;font-size:13px;color:#1f6f43}.reasons label{display:block;padding:10px 4px;font-size:16px}.reasons input[type=text]{width:100%}`;

const REASONS = ["out_of_stock", "outside_area", "too_busy"];
const ORDER_CODE = /^CC[A-Z2-9]{6}$/;
type OrderErrorKey = Exclude<keyof DashboardMessages["orderErrors"], "not_allowed">;
const ORDER_ERRORS: readonly OrderErrorKey[] = ["forbidden", "bad_request", "nothing_to_pay", "unknown_order", "too_late", "undo_out_of_stock", "reason_required"];
const STATUSES: readonly OrderStatus[] = ["draft", ...COLUMNS];

/**
 * The banner after an action. Only known keys come from the URL (`ok=<order code>`, `err=<key>`,
 * `status=<order status>`), each checked, so a crafted link cannot put words on the board; anything
 * else shows nothing.
 */
export function boardFlash(q: Record<string, string>, d: DashboardMessages, t: Messages): { text: string; error?: boolean } | undefined {
  const ok = q.ok ?? "";
  if (ORDER_CODE.test(ok)) return { text: d.actionDone({ code: ok }) };
  if (ORDER_CODE.test(q.cancelled ?? "")) return { text: d.cancelledUndo({ code: q.cancelled ?? "", seconds: CANCEL_UNDO_WINDOW_MS / 1000 }) };
  if (ORDER_CODE.test(q.undone ?? "")) return { text: d.undone({ code: q.undone ?? "" }) };
  const code = q.code ?? "";
  const err = q.err ?? "";
  if (!ORDER_CODE.test(code)) return undefined;
  if ((ORDER_ERRORS as readonly string[]).includes(err)) return { text: d.actionRefused({ code, why: d.orderErrors[err as OrderErrorKey] }), error: true };
  const status = STATUSES.find((s) => s === q.status);
  if (err === "not_allowed" && status) return { text: d.actionRefused({ code, why: d.orderErrors.not_allowed({ status: t.status[status] }) }), error: true };
  return undefined;
}

// Polls a fingerprint of the day's orders; when it changes, fetches the board and swaps in the
// new cards — but never a card the seller is editing (focus inside, or a field changed from what
// the page was served with): a half-typed shipper name survives. Those cards wait for the next
// change after editing stops.
const liveScript = inlineScript(`(function(){
var u=location.pathname.replace(/\\/$/,"")+"/version"+location.search,v=null;
function dirty(el){var f=el.querySelectorAll("input,select,textarea");for(var i=0;i<f.length;i++){var x=f[i];if(x.type==="hidden")continue;
if(x.tagName==="SELECT"){for(var j=0;j<x.options.length;j++)if(x.options[j].selected!==x.options[j].defaultSelected)return true}
else if(x.type==="checkbox"||x.type==="radio"){if(x.checked!==x.defaultChecked)return true}else if(x.value!==x.defaultValue)return true}return false}
function busy(el){return el.contains(document.activeElement)&&document.activeElement!==el||dirty(el)}
function apply(doc){var cur=document.querySelector(".cols"),next=doc.querySelector(".cols");if(!cur||!next)return false;
var held=[].slice.call(cur.querySelectorAll(".card")).filter(busy);
if(!held.length){cur.replaceWith(document.importNode(next,true));return true}
var codes=held.map(function(c){return c.getAttribute("data-code")});
[].slice.call(cur.querySelectorAll(".card")).forEach(function(c){if(codes.indexOf(c.getAttribute("data-code"))<0)c.remove()});
[].slice.call(next.querySelectorAll(".col")).forEach(function(col){var st=col.getAttribute("data-status"),mine=cur.querySelector('.col[data-status="'+st+'"]');
if(!mine){mine=document.importNode(col,true);[].slice.call(mine.querySelectorAll(".card")).forEach(function(c){c.remove()});cur.appendChild(mine)}
var h=col.querySelector("h2"),mh=mine.querySelector("h2");if(h&&mh)mh.textContent=h.textContent;
[].slice.call(col.querySelectorAll(".card")).forEach(function(c){if(codes.indexOf(c.getAttribute("data-code"))<0)mine.appendChild(document.importNode(c,true))})});
return false}
setInterval(function(){fetch(u,{cache:"no-store"}).then(function(r){return r.ok?r.text():null}).then(function(x){if(x===null)return;if(v===null){v=x;return}if(x===v)return;
return fetch(location.href,{cache:"no-store"}).then(function(r){return r.ok?r.text():null}).then(function(h){if(h&&apply(new DOMParser().parseFromString(h,"text/html")))v=x})}).catch(function(){})},4000)})();`);

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
<style>${raw(boardStyles)}</style>
<p><a class="btn-reject" style="color:#1f6f43" href="/dashboard/orders/slips?shop=${encodeURIComponent(shop.slug)}&status=new&date=${date}">${d.slipsAllNew}</a></p>
${orders.length === 0 ? html`<p>${d.noOrders}</p>` : ""}
<div class="cols">${COLUMNS.map((s) => {
      const list = orders.filter((o) => o.status === s);
      return list.length ? html`<section class="col" data-status="${s}"><h2>${t.status[s]} (${list.length})</h2>${list.map((o) => orderCard(o, items.get(o.id) ?? [], t, d, session, shop, deps.clock.now()))}</section>` : "";
    })}</div>
<script>${raw(liveScript)}</script>`;
    return c.html(page(c, { d, session, title: d.navOrders, section: "orders", shop, body, ...(flash ? { flash } : {}) }));
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
    if (form.action === "undo") {
      if (actor.role === "shipper") return back(`err=forbidden&code=${encodeURIComponent(code)}`);
      const undone = await undoCancel(deps.store, shop, code, actor.name, now);
      if (!undone.ok) return back(`err=${undone.reason.reason === "out_of_stock" ? "undo_out_of_stock" : undone.reason.reason}&code=${encodeURIComponent(code)}`);
      return back(`undone=${encodeURIComponent(code)}`);
    }
    // A cancel needs a reason the seller chose (no preset): one of the codes, or their own words.
    const reason = form.reason === "other" ? (typeof form.reasonText === "string" ? form.reasonText.trim().slice(0, 200) : "") : REASONS.includes(String(form.reason)) ? String(form.reason) : "";
    if (form.action === "cancel" && !reason) return back(`err=reason_required&code=${encodeURIComponent(code)}`);
    const action: OrderAction | undefined =
      form.action === "accept"
        ? { kind: "accept" }
        : form.action === "deliver"
          ? { kind: "deliver" }
          : form.action === "cancel"
            ? { kind: "cancel", reason, undoWindowMs: CANCEL_UNDO_WINDOW_MS }
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
    return back(action.kind === "cancel" ? `cancelled=${encodeURIComponent(code)}` : `ok=${encodeURIComponent(code)}`);
  });

  // Asks why before cancelling, and to confirm: nothing is chosen in advance.
  app.get("/orders/:code/reject", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const d = c.get("d");
    const t = c.get("t");
    const session = c.get("session");
    const order = await findOrderByCode(deps.store, shop.id, c.req.param("code").slice(0, 12));
    if (!order) return c.json({ error: "unknown order" }, 404);
    const items = (await itemsOfOrders(deps.store, [order.id])).get(order.id) ?? [];
    const labels: Record<string, string> = { out_of_stock: t.btnReasonOutOfStock, outside_area: t.btnReasonOutsideArea, too_busy: t.btnReasonTooBusy };
    const body = html`<style>${raw(boardStyles)}</style><div class="card"><strong>${order.code}</strong> · ${formatVnd(order.total)}
<ul style="margin:6px 0;padding-left:18px">${items.map((i) => html`<li>${orderLineText(i)}</li>`)}</ul></div>
<form method="post" action="/dashboard/orders/${order.code}/act" class="reasons">${csrfField(session)}<input type="hidden" name="shop" value="${shop.slug}"><input type="hidden" name="action" value="cancel">
<p>${d.rejectAsk}</p>
${REASONS.map((r) => html`<label><input type="radio" name="reason" value="${r}" required> ${labels[r]}</label>`)}
<label><input type="radio" name="reason" value="other" required> ${d.reasonOther}</label>
<input type="text" name="reasonText" maxlength="200" placeholder="${d.reasonOtherPlaceholder}" aria-label="${d.reasonOther}">
<p class="muted">${d.rejectUndoNote({ seconds: CANCEL_UNDO_WINDOW_MS / 1000 })}</p>
<button class="btn" style="background:#8a1c14;border-color:#8a1c14">${d.rejectConfirm}</button>
<div class="reject"><a class="btn-reject" style="color:#1f6f43" href="/dashboard?shop=${encodeURIComponent(shop.slug)}">${d.rejectBack}</a></div></form>`;
    return c.html(page(c, { d, session, title: d.rejectTitle({ code: order.code }), section: "orders", shop, body }));
  });

  const slipLinks = (c: { req: { url: string } }, back: string) => {
    const url = new URL(c.req.url);
    const at = (paper: string) => {
      url.searchParams.set("paper", paper);
      return `${url.pathname}?${url.searchParams.toString()}`;
    };
    return { p58: at("58"), p80: at("80"), back };
  };

  // The kitchen's slips for the day's new orders (not yet accepted), one a page, oldest first.
  app.get("/orders/slips", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const d = c.get("d");
    const t = c.get("t");
    const session = c.get("session");
    const date = DATE.test(c.req.query("date") ?? "") ? (c.req.query("date") as string) : localTime(deps.clock.now(), shop.time_zone).date;
    const wanted = c.req.query("status") ?? "new";
    const statuses: OrderStatus[] = wanted === "new" || !(COLUMNS as string[]).includes(wanted) ? ["pending_payment", "confirmed"] : [wanted as OrderStatus];
    let query = deps.store.db.selectFrom("orders").selectAll().where("shop_id", "=", shop.id).where("service_date", "=", date).where("status", "in", statuses);
    if (session.user.role === "shipper") query = query.where("shipper_staff_id", "=", session.user.staff_id ?? -1);
    const orders = await query.orderBy("id", "asc").limit(200).execute();
    const items = await itemsOfOrders(
      deps.store,
      orders.map((o) => o.id),
    );
    const slips = orders.map((o) => orderSlip(o, items.get(o.id) ?? [], shop, t, d));
    const back = `/dashboard?shop=${encodeURIComponent(shop.slug)}&date=${date}`;
    return c.html(slipsPage({ lang: session.lang, title: `${d.slipTitle} · ${shop.name}`, paper: slipPaper(c.req.query("paper")), links: slipLinks(c, back), d, slips, empty: orders.length === 0 }));
  });

  app.get("/orders/:code/slip", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const d = c.get("d");
    const t = c.get("t");
    const session = c.get("session");
    const code = c.req.param("code").toUpperCase().slice(0, 12);
    let query = deps.store.db.selectFrom("orders").selectAll().where("shop_id", "=", shop.id).where("code", "=", code).where("status", "!=", "draft");
    if (session.user.role === "shipper") query = query.where("shipper_staff_id", "=", session.user.staff_id ?? -1);
    const order = await query.executeTakeFirst();
    if (!order) return c.json({ error: "unknown order" }, 404);
    const items = (await itemsOfOrders(deps.store, [order.id])).get(order.id) ?? [];
    const back = `/dashboard?shop=${encodeURIComponent(shop.slug)}`;
    return c.html(slipsPage({ lang: session.lang, title: `${order.code} · ${d.slipTitle}`, paper: slipPaper(c.req.query("paper")), links: slipLinks(c, back), d, slips: [orderSlip(order, items, shop, t, d)], empty: false }));
  });

  return app;
}
