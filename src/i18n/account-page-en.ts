import type { AccountPageMessages } from "./account-page";

/** English words of the account page. */
export const accountPageEn: AccountPageMessages = {
  accountTitle: "Account",
  accountWho: (p) => `Username: ${p.username}`,
  mustChangePassword: "This password was made up at random when the server first started. Choose a new one before using the dashboard.",
  changePasswordTitle: "Change password",
  currentPassword: "Current password",
  newPassword: (p) => `New password (at least ${p.min} characters)`,
  confirmPassword: "New password again",
  changePasswordButton: "Change password",
  passwordFromEnv: "This password is set by the ADMIN_PASSWORD variable: every time the server restarts it goes back to that value. To change it for good, change ADMIN_PASSWORD (or remove it and change it here).",
  noPasswordAccount: "Staff accounts log in by link: send /login to the shop's bot, no password needed.",
  passwordChanged: "Password changed. Every other session of this account was logged out.",
  passwordProblems: {
    too_short: (p) => `The new password needs at least ${p.min} characters.`,
    too_long: "The new password is too long (256 characters at most).",
    mismatch: "The two new passwords differ.",
    same_as_current: "The new password must differ from the current one.",
    wrong_current: "The current password is wrong.",
    no_password: "This account has no password.",
  },
  logoutEverywhereTitle: "Log out everywhere",
  logoutEverywhereHelp: "Ends every session of this account on every device, this one included. Use it after losing a phone or forgetting to log out on someone else's computer.",
  logoutEverywhereButton: "Log out everywhere",
};
