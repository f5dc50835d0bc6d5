import { html, raw } from "hono/html";
import type { Order, OrderItem, Shop } from "../../db/schema";
import { formatVnd } from "../../domain/money";
import { orderLineText } from "../../domain/orders/line-text";
import { amountDue } from "../../domain/payments/order-qr";
import type { DashboardMessages } from "../../i18n/dashboard";
import type { Messages } from "../../i18n/messages";
import { localTime } from "../../platform/shop-time";
import { inlineScript } from "../../web/inline-script";

/** Thermal paper widths the slip is laid out for (mm). */
export type SlipPaper = 58 | 80;

/** `?paper=58|80`, 80 mm unless 58 is asked for. */
export const slipPaper = (q: string | undefined): SlipPaper => (q === "58" ? 58 : 80);

// Black on white, monospace, no colour or shadow: thermal printers print only black dots. One
// slip per page (the "print all new" view), page as wide as the roll, as long as the slip.
function slipStyles(paper: SlipPaper): string {
  const big = paper === 58 ? 24 : 30;
  const font = paper === 58 ? 12 : 14;
  return `@page{size:${paper}mm auto;margin:0}
*{box-sizing:border-box}body{margin:0;background:#ddd;color:#000;font:${font}px/1.35 ui-monospace,"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace}
.bar{display:flex;gap:8px;flex-wrap:wrap;align-items:center;padding:8px;font-family:system-ui,sans-serif}
.bar a,.bar button{font:inherit;padding:8px 12px;min-height:40px;border:1px solid #555;border-radius:8px;background:#fff;color:#000;text-decoration:none}
.slip{width:${paper}mm;max-width:100%;margin:8px auto;padding:3mm ${paper === 58 ? 2 : 4}mm;background:#fff;break-after:page;page-break-after:always;overflow-wrap:anywhere}
.slip:last-of-type{break-after:auto;page-break-after:auto}
.shop{text-align:center;font-weight:700}.code{text-align:center;font-size:${big}px;font-weight:800;letter-spacing:1px;margin:2mm 0 1mm}
.time{text-align:center}hr{border:0;border-top:1px dashed #000;margin:2mm 0}
ul{list-style:none;margin:0;padding:0}li{margin:0 0 1.5mm;font-weight:700}.row{display:flex;justify-content:space-between;gap:2mm}.row>:last-child{white-space:nowrap;flex-shrink:0;overflow-wrap:normal}
.pay{text-align:center;font-size:${big - 8}px;font-weight:800;border:2px solid #000;margin-top:2mm;padding:1mm}
.note{font-weight:700;border:1px solid #000;padding:1mm}
@media print{body{background:#fff}.bar{display:none}.slip{margin:0;width:${paper}mm}}`;
}

const printScript = inlineScript(`document.getElementById("print").addEventListener("click",function(){window.print()});`);

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Paid, COD or what is still due, in capitals where the kitchen must not miss it. */
function payLine(o: Order, d: DashboardMessages): string {
  if (o.payment_status === "paid" || o.payment_status === "overpaid") return d.slipPaid;
  if (o.payment_method === "cod" || o.payment_status === "cod") return `${d.slipCod}: ${formatVnd(amountDue(o))}`;
  if (o.payment_status === "partial") return d.slipPartial({ due: formatVnd(amountDue(o)) });
  return d.slipUnpaid;
}

/** One order's kitchen slip: code, time, every line with its options, note, delivery, phone, total, paid or COD. */
export function orderSlip(o: Order, items: readonly OrderItem[], shop: Pick<Shop, "name" | "time_zone">, t: Messages, d: DashboardMessages) {
  const at = localTime(new Date(o.created_at), shop.time_zone);
  const [y, m, day] = at.date.split("-");
  return html`<section class="slip" data-code="${o.code}">
<div class="shop">${shop.name}</div>
<div class="code">${o.code}</div>
<div class="time">${hhmm(at.minutes)} ${day}/${m}/${y}</div>
<hr><ul>${items.map((i) => html`<li><div class="row"><span>${orderLineText(i)}</span><span>${formatVnd(i.line_total)}</span></div></li>`)}</ul>
${o.note ? html`<div class="note">📝 ${o.note}</div>` : ""}
<hr><div>${o.fulfilment === "delivery" ? `🛵 ${o.zone_name ?? ""} — ${o.address ?? ""}` : `🏪 ${d.slipPickup}`}</div>
${o.slot ? html`<div>⏰ ${o.slot}</div>` : ""}${o.phone ? html`<div>☎ ${o.phone}</div>` : ""}
<hr>${o.delivery_fee ? html`<div class="row"><span>${d.slipDelivery}</span><span>${formatVnd(o.delivery_fee)}</span></div>` : ""}
<div class="row"><strong>${d.total}</strong><strong>${formatVnd(o.total)}</strong></div>
<div class="pay">${payLine(o, d)}</div>
<div class="time">${t.status[o.status]}</div>
</section>`;
}

/** A printable page of slips (one a page), with the paper switch and a Print button that do not print. */
export function slipsPage(opts: { lang: string; title: string; paper: SlipPaper; links: { p58: string; p80: string; back: string }; d: DashboardMessages; slips: unknown[]; empty: boolean }) {
  const { d } = opts;
  return html`<!doctype html>
<html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${opts.title}</title><style>${raw(slipStyles(opts.paper))}</style></head>
<body data-paper="${opts.paper}"><nav class="bar"><a href="${opts.links.back}">←</a><button id="print" type="button">🖨 ${d.slipPrint}</button>
<span>${d.slipPaper}:</span><a href="${opts.links.p58}" aria-current="${opts.paper === 58 ? "page" : "false"}">58 mm</a><a href="${opts.links.p80}" aria-current="${opts.paper === 80 ? "page" : "false"}">80 mm</a></nav>
${opts.empty ? html`<p class="bar">${d.slipNoOrders}</p>` : opts.slips}
<script>${raw(printScript)}</script></body></html>`;
}
