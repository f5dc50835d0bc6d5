import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import { checkPassword, createSession, endSession, findSession, setSessionLang, useLoginLink } from "../../domain/auth/accounts";
import { DEVICE_DAYS, rememberDevice, rememberedDevice } from "../../domain/auth/login-devices";
import { peekLoginLink } from "../../domain/auth/login-links";
import { admitLogin, settleLogin } from "../../domain/auth/throttle";
import { signInMessages } from "../../i18n/sign-in";
import { constantTimeEqual } from "../../platform/crypto";
import { addressKey } from "../ip-address";
import { clientAddress } from "../rate-limit";
import { requireSession, SESSION_COOKIE, type DashboardDeps, type DashboardEnv } from "./context";
import { linkConfirmToken, LINK_CONFIRM_COOKIE, LINK_CONFIRM_SECONDS, newLinkConfirmNonce } from "./login-link-confirm";
import { LinkPage } from "./login/link-page";
import { LoginPage } from "./login/login-page";
import { isSameSitePost } from "./same-site-post";

/** The remembered-browser cookie: sent only to the login form's post. */
export const DEVICE_COOKIE = "cc_device";

/**
 * Login by password (throttled per address and per address and username, see throttle.ts; a browser
 * that logged in before is counted on its own) or by a one-time link (a page that asks to confirm),
 * logout, language. Both logins refuse a post from another site.
 */
export function loginRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  const secure = deps.publicUrl.startsWith("https://");
  const startSession = async (c: Context, userId: number) => {
    const token = await createSession(deps.store, userId, "vi", deps.clock.now());
    // HttpOnly: no script can read it; SameSite=Lax: other sites' forms do not carry it.
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Lax", secure, path: "/", maxAge: 7 * 86_400 });
  };
  const crossSite = (c: Context) => c.json({ error: "cross-site request refused" }, 403);
  // The sign-in pages are in Vietnamese: there is no session yet to say otherwise.
  const l = signInMessages("vi");
  const loginPage = (c: Context, status: 200 | 401 | 403 | 429, error?: Child) => c.html(<LoginPage l={l} lang="vi" assets={deps.assets} error={error} />, status);

  app.get("/login", (c) => loginPage(c, 200));

  app.post("/login", async (c) => {
    if (!isSameSitePost(c, deps.publicUrl)) return crossSite(c);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const username = typeof form.username === "string" ? form.username.trim().slice(0, 64) : "";
    const password = typeof form.password === "string" ? form.password : "";
    const now = deps.clock.now();
    const deviceToken = getCookie(c, DEVICE_COOKIE);
    const device = await rememberedDevice(deps.store, deviceToken, username, now);
    const gate = await admitLogin(deps.store, { username, address: addressKey(clientAddress(c)), device }, now);
    if (!gate.ok) {
      c.header("Retry-After", String(gate.waitSeconds));
      return loginPage(c, 429, gate.reason === "locked" ? l.loginLocked({ seconds: gate.waitSeconds }) : l.loginSlowDown({ seconds: gate.waitSeconds }));
    }
    const user = username && password ? await checkPassword(deps.store, username, password) : undefined;
    await settleLogin(deps.store, gate, user !== undefined, now);
    if (!user) return loginPage(c, 401, l.loginFailed);
    // A session this browser had is replaced: it ends here rather than lingering for a week.
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await endSession(deps.store, previous);
    await startSession(c, user.id);
    // After the session cookie (a client reading only the first Set-Cookie gets the session).
    const remembered = await rememberDevice(deps.store, deviceToken, user.id, now);
    setCookie(c, DEVICE_COOKIE, remembered, { httpOnly: true, sameSite: "Strict", secure, path: "/dashboard/login", maxAge: DEVICE_DAYS * 86_400 });
    return c.redirect("/dashboard", 303);
  });

  // A GET never logs in: a page elsewhere can open this URL in a logged-in browser. It shows whom
  // the link is for (and who is logged in now) and posts the confirmation with a token that only
  // this page, in this browser, has (an HMAC of a short-lived cookie and the link).
  app.get("/login/:token", async (c) => {
    const token = c.req.param("token");
    const now = deps.clock.now();
    const target = await peekLoginLink(deps.store, token, now);
    if (!target) return loginPage(c, 401, l.loginLinkInvalid);
    const current = await findSession(deps.store, getCookie(c, SESSION_COOKIE), now);
    const nonce = newLinkConfirmNonce(getCookie(c, LINK_CONFIRM_COOKIE));
    setCookie(c, LINK_CONFIRM_COOKIE, nonce, { httpOnly: true, sameSite: "Strict", secure, path: "/dashboard/login", maxAge: LINK_CONFIRM_SECONDS });
    const csrf = await linkConfirmToken(deps.store, nonce, token);
    return c.html(<LinkPage l={l} assets={deps.assets} token={token} csrf={csrf} target={target} current={current?.user} />);
  });

  app.post("/login/:token", async (c) => {
    if (!isSameSitePost(c, deps.publicUrl)) return crossSite(c);
    const token = c.req.param("token");
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const nonce = getCookie(c, LINK_CONFIRM_COOKIE);
    const sent = typeof form._csrf === "string" ? form._csrf : "";
    if (!nonce || !constantTimeEqual(sent, await linkConfirmToken(deps.store, nonce, token))) {
      const again = (
        <>
          {l.linkConfirmExpired} <a href={`/dashboard/login/${encodeURIComponent(token)}`}>{l.linkOpenAgain}</a>
        </>
      );
      return loginPage(c, 403, again);
    }
    const user = await useLoginLink(deps.store, token, deps.clock.now());
    if (!user) return loginPage(c, 401, l.loginLinkInvalid);
    // The page said so: the session this browser had ends before the link's one starts.
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await endSession(deps.store, previous);
    await startSession(c, user.id);
    deleteCookie(c, LINK_CONFIRM_COOKIE, { path: "/dashboard/login", secure });
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
