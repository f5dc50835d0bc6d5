import { html, raw } from "hono/html";
import type { Order, OrderItem, Shop } from "../db/schema";
import { formatVnd } from "../domain/money";
import { orderLineText } from "../domain/orders/line-text";
import { bankByBin } from "../domain/payments/banks";
import { amountDue } from "../domain/payments/order-qr";
import type { Messages } from "../i18n/messages";
import { inlineScript } from "./inline-script";

const styles = `
*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,sans-serif;background:#f3f1ec;color:#1d1d1b}
main{max-width:520px;margin:0 auto;padding:16px}
h1{font-size:20px;margin:8px 0 16px}
.amount{font-size:36px;font-weight:700;color:#1f6f43;margin:4px 0 16px}
.row{background:#fff;border-radius:12px;padding:12px;margin:8px 0;display:flex;justify-content:space-between;align-items:center;gap:8px}
.row .label{font-size:14px;color:#666}.row .value{font-weight:600;overflow-wrap:anywhere}
.row button{min-height:44px;padding:8px 14px;border:1px solid #1f6f43;border-radius:22px;background:#fff;color:#1f6f43;font:inherit;font-size:15px}
.hint{font-size:14px;color:#8a4b00}
.qr{background:#fff;border-radius:12px;padding:12px;text-align:center}.qr svg{width:100%;max-width:340px;height:auto}
ul{background:#fff;border-radius:12px;padding:12px 12px 12px 32px}
.save{display:inline-block;min-height:44px;padding:10px 18px;border-radius:22px;background:#1f6f43;color:#fff;text-decoration:none;font-weight:600}
`;

// Copy buttons, and the status refreshed every 5 s so the page shows the payment landing without a reload.
const pageScript = inlineScript(`document.querySelectorAll("button[data-copy]").forEach(function(b){b.addEventListener("click",function(){var t=b.getAttribute("data-copy");(navigator.clipboard?navigator.clipboard.writeText(t):Promise.reject()).then(function(){b.textContent=b.getAttribute("data-done")}).catch(function(){prompt("",t)})})});
(function(){var el=document.getElementById("status");if(!el)return;var url=location.pathname.replace(/\\/$/,"")+"/status";
function tick(){fetch(url,{cache:"no-store"}).then(function(r){return r.ok?r.json():null}).then(function(s){if(!s)return;el.textContent=s.label;
var a=document.getElementById("due");if(a&&s.due===0){var q=document.getElementById("qr");if(q)q.style.display="none";location.reload()}}).catch(function(){})}
setInterval(tick,5000)})();`);

function copyRow(label: string, value: string, t: Messages, shown = value) {
  return html`<div class="row"><div><div class="label">${label}</div><div class="value">${shown}</div></div><button type="button" data-copy="${value}" data-done="${t.payCopied}">${t.payCopy}</button></div>`;
}

type PayState = "due" | "partial" | "paid" | "cancelled" | "cod";

/** What the page leads with: an amount still to pay, or that nothing more is to be paid. */
function payState(order: Order, transfer: boolean): PayState {
  if (order.status === "cancelled") return "cancelled";
  if (order.payment_status === "paid" || order.payment_status === "overpaid" || (transfer && amountDue(order) === 0 && order.paid_amount > 0)) return "paid";
  if (!transfer) return "cod";
  return order.payment_status === "partial" ? "partial" : "due";
}

/**
 * The buyer's payment page. Unpaid: the amount in large type, the QR with a button to save it (no
 * one can scan their own screen), bank details and memo to copy. Paid: "Đã thanh toán" first and
 * no account to pay into again; partly paid: what remains. The lines add up to the total.
 */
export function payPage(order: Order, items: readonly OrderItem[], shop: Shop, t: Messages, qrSvgMarkup: string | null, payPath = "") {
  const bank = bankByBin(shop.bank_bin);
  const transfer = order.payment_method !== "cod" && !!shop.bank_account;
  const state = payState(order, transfer);
  const due = amountDue(order) || order.total;
  const owing = state === "due" || state === "partial";
  return html`<!doctype html>
<html lang="${order.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${t.payTitle({ code: order.code })}</title><style>${raw(styles)}</style></head>
<body><main data-state="${state}">
<h1>${shop.name} · ${t.payTitle({ code: order.code })}</h1>
${
  state === "paid"
    ? html`<div class="amount" id="paid">${t.payPaid}</div><p>${t.payPaidBody({ amount: order.paid_amount || order.total })}</p>`
    : state === "cancelled"
      ? html`<p class="hint" id="cancelled">${t.payCancelled}</p>`
      : html`<div class="label">${state === "partial" ? t.payRemaining : t.payAmount}</div>
<div class="amount" id="due">${formatVnd(due)}</div>
${state === "partial" ? html`<p class="hint">${t.payPartialBody({ paid: order.paid_amount })}</p>` : ""}`
}
${
  owing && qrSvgMarkup
    ? html`<div class="qr" id="qr">${raw(qrSvgMarkup)}<p class="hint">${t.payQrCaption({ code: order.code, total: due })}</p>
<p><a class="save" id="save-qr" href="${payPath}/qr.png?download=1" download="${order.code}-qr.png">${t.paySaveQr}</a></p><p class="hint">${t.payHowTo}</p></div>`
    : ""
}
${
  owing
    ? html`${copyRow(t.payAmount, String(due), t, formatVnd(due))}
${copyRow(t.payBank, bank ? `${bank.name} (${bank.shortName})` : (shop.bank_bin ?? ""), t)}
${shop.bank_holder ? copyRow(t.payHolder, shop.bank_holder, t) : ""}
${copyRow(t.payAccount, shop.bank_account ?? "", t)}
${copyRow(t.payMemo, order.code, t)}
<p class="hint">${t.payMemoHint}</p>`
    : state === "cod"
      ? html`<p>${t.payCod}</p>`
      : ""
}
<div class="row"><div><div class="label">${t.payStatus}</div><div class="value" id="status">${t.status[order.status]} · ${t.paymentStatus[order.payment_status]}</div></div></div>
<h2 style="font-size:17px">${t.payItems}</h2>
<ul>${items.map((i) => html`<li>${orderLineText(i, i.line_total)}</li>`)}${order.delivery_fee ? html`<li>${t.payDeliveryFee}: ${formatVnd(order.delivery_fee)}</li>` : ""}<li><b>${t.payTotal}: ${formatVnd(order.total)}</b></li></ul>
</main><script>${raw(pageScript)}</script></body></html>`;
}
