import { Hono, type Context } from "hono";
import { html, raw } from "hono/html";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { checkPassword, clearFailures, createSession, endSession, lockedFor, recordFailure, setSessionLang, useLoginLink } from "../../domain/auth/accounts";
import { dashboardMessages, type DashboardMessages } from "../../i18n/dashboard";
import { clientAddress } from "../rate-limit";
import { requireSession, SESSION_COOKIE, type DashboardDeps, type DashboardEnv } from "./context";

function loginPage(d: DashboardMessages, lang: string, error?: string) {
  return html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${d.loginTitle}</title><style>${raw("body{font:16px system-ui,sans-serif;background:#f3f1ec;display:grid;place-items:center;min-height:100vh;margin:0}form{background:#fff;padding:20px;border-radius:12px;width:min(360px,92vw);display:grid;gap:10px}input,button{font:inherit;padding:10px;border-radius:8px;border:1px solid #bbb}button{background:#1f6f43;color:#fff;border:0}.err{color:#b3261e}.muted{color:#666;font-size:13px}")}</style></head>
<body><form method="post" action="/dashboard/login"><h1 style="font-size:20px;margin:0">${d.loginTitle}</h1>
${error ? html`<p class="err" role="alert">${error}</p>` : ""}
<label>${d.username}<br><input name="username" autocomplete="username" required maxlength="64"></label>
<label>${d.password}<br><input name="password" type="password" autocomplete="current-password" required maxlength="256"></label>
<button type="submit">${d.loginButton}</button><p class="muted">${d.loginHint}</p></form></body></html>`;
}

/** Login by password (throttled per username and address) or by a one-time link, logout, language. */
export function loginRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  const secure = deps.publicUrl.startsWith("https://");
  const startSession = async (c: Context, userId: number) => {
    const token = await createSession(deps.store, userId, "vi", deps.clock.now());
    // HttpOnly: no script can read it; SameSite=Lax: other sites' forms do not carry it.
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Lax", secure, path: "/", maxAge: 7 * 86_400 });
  };

  app.get("/login", (c) => c.html(loginPage(dashboardMessages("vi"), "vi")));

  app.post("/login", async (c) => {
    const d = dashboardMessages("vi");
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const username = typeof form.username === "string" ? form.username.trim().slice(0, 64) : "";
    const password = typeof form.password === "string" ? form.password : "";
    const address = clientAddress(c);
    const keys = [`user:${username.toLowerCase()}`, `ip:${address}`];
    const now = deps.clock.now();
    const wait = await lockedFor(deps.store, keys, now);
    if (wait > 0) return c.html(loginPage(d, "vi", d.loginLocked({ seconds: wait })), 429);
    const user = username && password ? await checkPassword(deps.store, username, password) : undefined;
    if (!user) {
      await recordFailure(deps.store, keys, now);
      return c.html(loginPage(d, "vi", d.loginFailed), 401);
    }
    await clearFailures(deps.store, keys);
    await startSession(c, user.id);
    return c.redirect("/dashboard", 303);
  });

  app.get("/login/:token", async (c) => {
    const user = await useLoginLink(deps.store, c.req.param("token"), deps.clock.now());
    if (!user) return c.html(loginPage(dashboardMessages("vi"), "vi", dashboardMessages("vi").loginLinkInvalid), 401);
    await startSession(c, user.id);
    return c.redirect("/dashboard", 303);
  });

  app.post("/logout", requireSession(deps), async (c) => {
    await endSession(deps.store, c.get("token"));
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/dashboard/login", 303);
  });

  app.post("/lang", requireSession(deps), async (c) => {
    const form = await c.req.parseBody();
    await setSessionLang(deps.store, getCookie(c, SESSION_COOKIE) ?? "", form.lang === "en" ? "en" : "vi");
    return c.redirect(sameSitePath(c.req.header("referer"), new URL(c.req.url).origin) ?? "/dashboard", 303);
  });

  return app;
}

/**
 * The path of `referer` when it is a page of this very site (same origin, not merely a URL that
 * begins with it, like "https://shop.vn.evil.example"), else undefined: never a redirect elsewhere.
 */
export function sameSitePath(referer: string | undefined, origin: string): string | undefined {
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.origin === origin && url.pathname.startsWith("/dashboard") ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}
