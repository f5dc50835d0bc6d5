import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Shop } from "../../db/schema";
import type { Session } from "../../domain/auth/accounts";
import type { DashboardMessages } from "../../i18n/dashboard";

const styles = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f1ec;color:#1d1d1b}
header{background:#1f6f43;color:#fff;padding:10px 14px;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
header a,header button{color:#fff;text-decoration:none;background:none;border:0;font:inherit;cursor:pointer;padding:6px 2px}
header a.on{border-bottom:2px solid #fff}header .sp{flex:1}
header nav{display:flex;flex-wrap:wrap;gap:6px 14px}header form.inline{margin:0}
header .me{max-width:40vw;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
@media (max-width:600px){
header{padding:2px 10px;gap:0 10px;font-size:14px}
header a,header button{padding:7px 2px}
header nav{order:9;flex:0 0 100%;flex-wrap:nowrap;overflow-x:auto;white-space:nowrap;scrollbar-width:none;gap:0 14px}
header nav::-webkit-scrollbar{display:none}
}
main{padding:12px;max-width:1200px;margin:0 auto}
h1{font-size:20px;margin:8px 0 12px}h2{font-size:16px;margin:16px 0 8px}
.card{background:#fff;border-radius:10px;padding:10px 12px;margin:0 0 10px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:10px;align-items:start}
.col h2{margin-top:0}.muted{color:#666;font-size:13px}.flash{background:#e7f5ec;border:1px solid #1f6f43;border-radius:8px;padding:8px 10px;margin-bottom:10px}
.flash.err{background:#fdecea;border-color:#b3261e}
input,select,textarea,button.btn{font:inherit;padding:8px 10px;border:1px solid #bbb;border-radius:8px;min-height:40px}
button.btn{background:#1f6f43;color:#fff;border-color:#1f6f43;cursor:pointer}button.btn.alt{background:#fff;color:#1f6f43}
form.inline{display:inline-flex;gap:6px;flex-wrap:wrap;margin:4px 6px 0 0}
table{width:100%;border-collapse:collapse;background:#fff;border-radius:10px;overflow:hidden}th,td{padding:8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:12px}
`;

export type Section = "orders" | "catalog" | "broadcasts" | "payments" | "sales" | "shops" | "account";

// On a phone (360 px) the header is two short rows, ~75 px instead of ~180: the name, account,
// language and logout, then the sections in one row that scrolls sideways.
/** The shared page frame: navigation, language switch, logout (with its CSRF token), the page itself. */
export function page(opts: { d: DashboardMessages; session: Session; title: string; section: Section; shop?: Shop; body: HtmlEscapedString | Promise<HtmlEscapedString>; flash?: { text: string; error?: boolean } }) {
  const { d, session } = opts;
  const q = opts.shop ? `?shop=${encodeURIComponent(opts.shop.slug)}` : "";
  const link = (section: Section, href: string, label: string) => html`<a href="${href}${q}" class="${opts.section === section ? "on" : ""}">${label}</a>`;
  return html`<!doctype html>
<html lang="${session.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${opts.title} · ${d.title}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>${raw(styles)}</style></head>
<body><header>
<strong>Chợ Chat</strong>
<nav>${link("orders", "/dashboard", d.navOrders)}${link("catalog", "/dashboard/catalog", d.navCatalog)}${link("broadcasts", "/dashboard/broadcasts", d.navBroadcasts)}${link("payments", "/dashboard/payments", d.navPayments)}${link("sales", "/dashboard/sales", d.navSales)}
${session.user.role === "operator" ? link("shops", "/dashboard/shops", d.navShops) : ""}</nav>
<span class="sp"></span>
<a href="/dashboard/account" class="me ${opts.section === "account" ? "on" : ""}" title="${d.navAccount}">👤 ${session.user.display_name || session.user.username}</a>
<form method="post" action="/dashboard/lang" class="inline"><input type="hidden" name="_csrf" value="${session.csrf}"><input type="hidden" name="lang" value="${session.lang === "en" ? "vi" : "en"}"><button>${d.switchLang}</button></form>
<form method="post" action="/dashboard/logout" class="inline"><input type="hidden" name="_csrf" value="${session.csrf}"><button>${d.logout}</button></form>
</header><main>
${opts.flash ? html`<div class="flash ${opts.flash.error ? "err" : ""}" role="status">${opts.flash.text}</div>` : ""}
<h1>${opts.title}${opts.shop ? html` <span class="muted">· ${opts.shop.name}</span>` : ""}</h1>
${opts.body}
</main></body></html>`;
}

/** A hidden CSRF field for a form. */
export const csrfField = (session: Session) => html`<input type="hidden" name="_csrf" value="${session.csrf}">`;
