import type { DashboardLoginMessages } from "./dashboard-login";

/** English words of the dashboard's login pages beyond the form. */
export const dashLoginEn: DashboardLoginMessages = {
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
