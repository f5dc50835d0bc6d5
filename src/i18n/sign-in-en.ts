import type { SignInMessages } from "./sign-in";

/** English words of signing in to the dashboard. */
export const signInEn: SignInMessages = {
  loginTitle: "Dashboard login",
  username: "Username",
  password: "Password",
  loginButton: "Log in",
  loginFailed: "Wrong username or password.",
  loginLocked: (p) => `Too many failed logins. Try again in ${p.seconds} seconds.`,
  loginLinkInvalid: "That login link is wrong or has expired. Send /login to the bot for a new one.",
  loginHint: "Staff: send /login to the shop's bot for a login link, no password needed.",
  loginSlowDown: (p) => `Someone elsewhere is trying many passwords on this account. Wait ${p.seconds} seconds, then press Log in again.`,
  crossSite: "This login request came from another site and was refused.",
  linkTitle: "Log in with a link",
  linkAccount: "This link logs in to the account",
  linkShop: "Shop",
  linkRole: "Role",
  linkCurrent: "This browser is logged in now as",
  linkReplaces: "Continuing logs that account out of this browser.",
  linkSameAccount: "You are already logged in to this account.",
  linkWarning: "Continue only if you just sent /login to the shop's bot yourself. If the link came from someone else or from a web page, close this page.",
  linkContinue: (p) => `Log in as ${p.name}`,
  linkBack: "Back to the dashboard",
  linkConfirmExpired: "This confirmation page has expired or was not opened in this browser. Open the login link again.",
  linkOpenAgain: "Open the link again",
  roles: { operator: "Operator", owner: "Owner", staff: "Staff", shipper: "Shipper" },
};
