import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { accountPassword } from "../../domain/auth/account-password";
import { changeOwnPassword, endSessionsOfAccount, MIN_PASSWORD_LENGTH, type PasswordProblem } from "../../domain/auth/password-change";
import { accountPageMessages, type AccountPageMessages } from "../../i18n/account-page";
import { AccountPage } from "./account/account-page";
import { ACCOUNT_PATH, requireSession, SESSION_COOKIE, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";

type Flash = { text: string; error?: boolean };

const problemText = (a: AccountPageMessages, problem: PasswordProblem) => (problem === "too_short" ? a.passwordProblems.too_short({ min: MIN_PASSWORD_LENGTH }) : a.passwordProblems[problem]);

/** The account page: change one's password (forced while it is the random first-start one) and log out everywhere. */
export function accountRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/account", requireSession(deps));
  app.use("/account/*", requireSession(deps));
  const words = (c: DashboardContext) => accountPageMessages(c.get("session").lang);

  const render = async (c: DashboardContext, flash?: Flash, status: 200 | 400 = 200) => {
    const session = c.get("session");
    const account = await accountPassword(deps.store, session.user.id);
    return c.html(<AccountPage d={c.get("d")} a={words(c)} session={session} assets={c.get("assets")} account={account} flash={flash} />, status);
  };

  app.get("/account", (c) => render(c, c.req.query("ok") === "password" ? { text: words(c).passwordChanged } : undefined));

  app.post("/account/password", async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
    const changed = await changeOwnPassword(deps.store, { userId: c.get("session").user.id, current: field("current"), next: field("password"), confirm: field("confirm"), sessionToken: c.get("token") });
    if (!changed.ok) return render(c, { text: problemText(words(c), changed.reason), error: true }, 400);
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
