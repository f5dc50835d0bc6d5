import { html, raw } from "hono/html";
import type { DashboardUser } from "../../db/schema";
import type { LoginLinkTarget } from "../../domain/auth/login-links";
import type { DashboardLoginMessages } from "../../i18n/dashboard-login";

const styles =
  "body{font:16px system-ui,sans-serif;background:#f3f1ec;display:grid;place-items:center;min-height:100vh;margin:0}main{background:#fff;padding:20px;border-radius:12px;width:min(400px,92vw);display:grid;gap:10px}h1{font-size:20px;margin:0}p{margin:0}button{font:inherit;padding:10px;border-radius:8px;border:0;background:#1f6f43;color:#fff;width:100%}.who{background:#f3f1ec;border-radius:8px;padding:10px}.warn{color:#8a5300;font-size:14px}.now{border:1px solid #b3261e;border-radius:8px;padding:10px}.muted{color:#666;font-size:13px}a{color:#1f6f43}";

const nameOf = (u: DashboardUser) => u.display_name || u.username;

/**
 * The login link's page: whom the link logs in, whom this browser is logged in as now (and that
 * continuing ends that), and one button that posts the confirmation with its CSRF token.
 */
export function loginLinkPage(opts: { l: DashboardLoginMessages; token: string; csrf: string; target: LoginLinkTarget; current?: DashboardUser }) {
  const { l, target, current } = opts;
  const same = current?.id === target.user.id;
  return html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${l.linkTitle}</title><style>${raw(styles)}</style></head>
<body><main><h1>${l.linkTitle}</h1>
<p>${l.linkAccount}:</p>
<div class="who" data-testid="link-target"><strong>${nameOf(target.user)}</strong>
<br><span class="muted">${l.linkRole}: ${l.roles[target.user.role]}${target.shopName ? html` · ${l.linkShop}: ${target.shopName}` : ""}</span></div>
${
  current
    ? same
      ? html`<p class="muted" data-testid="link-current">${l.linkSameAccount} <a href="/dashboard">${l.linkBack}</a></p>`
      : html`<div class="now" data-testid="link-current"><p>${l.linkCurrent} <strong>${nameOf(current)}</strong>.</p><p>${l.linkReplaces}</p></div>`
    : ""
}
<p class="warn">${l.linkWarning}</p>
<form method="post" action="/dashboard/login/${encodeURIComponent(opts.token)}"><input type="hidden" name="_csrf" value="${opts.csrf}">
<button type="submit">${l.linkContinue({ name: nameOf(target.user) })}</button></form>
</main></body></html>`;
}
