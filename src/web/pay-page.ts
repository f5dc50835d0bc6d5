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
.row .label{font-size:14px;color:#666}.row .value{font-weight:600;word-break:break-all}
.row button{min-height:44px;padding:8px 14px;border:1px solid #1f6f43;border-radius:22px;background:#fff;color:#1f6f43;font:inherit;font-size:15px}
.hint{font-size:14px;color:#8a4b00}
.qr{background:#fff;border-radius:12px;padding:12px;text-align:center}.qr svg{width:100%;max-width:340px;height:auto}
ul{background:#fff;border-radius:12px;padding:12px 12px 12px 32px}
`;

// Copy buttons, and the status refreshed every 5 s so the page shows the payment landing without a reload.
const pageScript = inlineScript(`document.querySelectorAll("button[data-copy]").forEach(function(b){b.addEventListener("click",function(){var t=b.getAttribute("data-copy");(navigator.clipboard?navigator.clipboard.writeText(t):Promise.reject()).then(function(){b.textContent=b.getAttribute("data-done")}).catch(function(){prompt("",t)})})});
(function(){var el=document.getElementById("status");if(!el)return;var url=location.pathname.replace(/\\/$/,"")+"/status";
function tick(){fetch(url,{cache:"no-store"}).then(function(r){return r.ok?r.json():null}).then(function(s){if(!s)return;el.textContent=s.label;
var a=document.getElementById("due");if(a&&s.due===0){var q=document.getElementById("qr");if(q)q.style.display="none"}}).catch(function(){})}
setInterval(tick,5000)})();`);

function copyRow(label: string, value: string, t: Messages) {
  return html`<div class="row"><div><div class="label">${label}</div><div class="value">${value}</div></div><button type="button" data-copy="${value}" data-done="${t.payCopied}">${t.payCopy}</button></div>`;
}

/** The buyer's payment page: amount in large type, bank details and memo to copy, items and status. */
export function payPage(order: Order, items: readonly OrderItem[], shop: Shop, t: Messages, qrSvgMarkup: string | null) {
  const bank = bankByBin(shop.bank_bin);
  const transfer = order.payment_method !== "cod" && shop.bank_account;
  return html`<!doctype html>
<html lang="${order.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${t.payTitle({ code: order.code })}</title><style>${raw(styles)}</style></head>
<body><main>
<h1>${shop.name} · ${t.payTitle({ code: order.code })}</h1>
<div class="label">${t.payAmount}</div>
<div class="amount" id="due">${formatVnd(amountDue(order) || order.total)}</div>
${qrSvgMarkup ? html`<div class="qr" id="qr">${raw(qrSvgMarkup)}<p class="hint">${t.payQrCaption({ code: order.code, total: amountDue(order) })}</p></div>` : ""}
${
  transfer
    ? html`${copyRow(t.payBank, bank ? `${bank.name} (${bank.shortName})` : (shop.bank_bin ?? ""), t)}
${shop.bank_holder ? copyRow(t.payHolder, shop.bank_holder, t) : ""}
${copyRow(t.payAccount, shop.bank_account ?? "", t)}
${copyRow(t.payMemo, order.code, t)}
<p class="hint">${t.payMemoHint}</p>`
    : html`<p>${t.payCod}</p>`
}
<div class="row"><div><div class="label">${t.payStatus}</div><div class="value" id="status">${t.status[order.status]} · ${t.paymentStatus[order.payment_status]}</div></div></div>
<h2 style="font-size:17px">${t.payItems}</h2>
<ul>${items.map((i) => html`<li>${orderLineText(i, i.line_total)}</li>`)}</ul>
</main><script>${raw(pageScript)}</script></body></html>`;
}
