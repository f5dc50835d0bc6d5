import { Hono } from "hono";
import { html } from "hono/html";
import { deleteCookie } from "hono/cookie";
import { changeOwnPassword, endSessionsOfAccount, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type PasswordProblem } from "../../domain/auth/password-change";
import type { DashboardMessages } from "../../i18n/dashboard";
import { ACCOUNT_PATH, requireSession, SESSION_COOKIE, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { csrfField, page } from "./layout";

type Flash = { text: string; error?: boolean };

const problemText = (d: DashboardMessages, problem: PasswordProblem) => (problem === "too_short" ? d.passwordProblems.too_short({ min: MIN_PASSWORD_LENGTH }) : d.passwordProblems[problem]);

/** The account page: change one's password (forced while it is the random first-start one) and log out everywhere. */
export function accountRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/account", requireSession(deps));
  app.use("/account/*", requireSession(deps));

  const render = async (c: DashboardContext, flash?: Flash, status: 200 | 400 = 200) => {
    const d = c.get("d");
    const session = c.get("session");
    const account = await deps.store.db.selectFrom("dashboard_users").select(["username", "password_hash", "password_from_env"]).where("id", "=", session.user.id).executeTakeFirst();
    const hasPassword = Boolean(account?.password_hash);
    const passwordCard = hasPassword
      ? html`<section class="card" id="password"><h2>${d.changePasswordTitle}</h2>
${session.user.must_change_password ? html`<p class="flash err" role="alert" data-must-change>${d.mustChangePassword}</p>` : ""}
${account?.password_from_env ? html`<p class="muted" data-from-env>${d.passwordFromEnv}</p>` : ""}
<form method="post" action="${ACCOUNT_PATH}/password">${csrfField(session)}
<input type="hidden" name="username" value="${account?.username ?? ""}" autocomplete="username">
<p><label>${d.currentPassword}<br><input type="password" name="current" required maxlength="${MAX_PASSWORD_LENGTH}" autocomplete="current-password"></label></p>
<p><label>${d.newPassword({ min: MIN_PASSWORD_LENGTH })}<br><input type="password" name="password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="${MAX_PASSWORD_LENGTH}" autocomplete="new-password"></label></p>
<p><label>${d.confirmPassword}<br><input type="password" name="confirm" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="${MAX_PASSWORD_LENGTH}" autocomplete="new-password"></label></p>
<button class="btn">${d.changePasswordButton}</button></form></section>`
      : html`<section class="card" id="password"><p class="muted">${d.noPasswordAccount}</p></section>`;
    const everywhere = html`<section class="card" id="everywhere"><h2>${d.logoutEverywhereTitle}</h2><p class="muted">${d.logoutEverywhereHelp}</p>
<form method="post" action="${ACCOUNT_PATH}/logout-all">${csrfField(session)}<button class="btn alt">${d.logoutEverywhereButton}</button></form></section>`;
    const body = html`<p class="muted">${d.accountWho({ username: account?.username ?? session.user.username })}</p><div class="cols">${passwordCard}${everywhere}</div>`;
    return c.html(page(c, { d, session, title: d.accountTitle, section: "account", body, ...(flash ? { flash } : {}) }), status);
  };

  app.get("/account", (c) => render(c, c.req.query("ok") === "password" ? { text: c.get("d").passwordChanged } : undefined));

  app.post("/account/password", async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
    const changed = await changeOwnPassword(deps.store, { userId: c.get("session").user.id, current: field("current"), next: field("password"), confirm: field("confirm"), sessionToken: c.get("token") });
    if (!changed.ok) return render(c, { text: problemText(c.get("d"), changed.reason), error: true }, 400);
    return c.redirect(`${ACCOUNT_PATH}?ok=password`, 303);
  });

  // Every session of this account, this one included: a lost phone or a shared computer stays logged out.
  app.post("/account/logout-all", async (c) => {
    await endSessionsOfAccount(deps.store, c.get("session").user.id);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/dashboard/login", 303);
  });

  return app;
}
