import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";
import { hashPassword, sha256Hex, verifyPassword } from "./passwords";

/** The shortest password a person may choose (the dashboard form and `npm run admin -- password`). */
export const MIN_PASSWORD_LENGTH = 10;
/** The login form's limit: a longer password could be set but never typed in. */
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = "too_short" | "too_long" | "mismatch" | "same_as_current" | "wrong_current" | "no_password";

/** Whether a new password may be chosen (length only: any characters, Vietnamese included). */
export function checkNewPassword(password: string, confirm: string = password): Result<string, PasswordProblem> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return fail("too_short");
  if (password.length > MAX_PASSWORD_LENGTH) return fail("too_long");
  if (password !== confirm) return fail("mismatch");
  return ok(password);
}

/**
 * Ends an account's sessions, all of them or all but the one whose cookie token is `keepToken`
 * (the session that made the change). Returns how many ended.
 */
export async function endSessionsOfAccount(store: Store, userId: number, keepToken?: string): Promise<number> {
  const done = await sessionsOf(store, userId, keepToken ? await sha256Hex(keepToken) : undefined).executeTakeFirst();
  return Number(done.numDeletedRows);
}

// The deletion of an account's sessions, but the one whose token hashes to `keepHash`.
function sessionsOf(store: Store, userId: number, keepHash: string | undefined) {
  const q = store.db.deleteFrom("dashboard_sessions").where("user_id", "=", userId);
  return keepHash ? q.where("token_hash", "!=", keepHash) : q;
}

/**
 * Stores a new password for an account (a fresh salted hash), clears "must change", and ends its
 * other sessions: whoever knew the old password is logged out everywhere. Unused login links of
 * the account go too. One batch, so a crash cannot leave the new password with the old sessions.
 * Returns how many sessions ended.
 */
export async function setAccountPassword(
  store: Store,
  userId: number,
  password: string,
  opts: { fromEnv?: boolean; keepToken?: string } = {},
): Promise<number> {
  const hash = await hashPassword(password);
  const keepHash = opts.keepToken ? await sha256Hex(opts.keepToken) : undefined;
  const [, , ended] = await store.batch([
    store.db
      .updateTable("dashboard_users")
      .set({ password_hash: hash, must_change_password: 0, password_from_env: opts.fromEnv ? 1 : 0 })
      .where("id", "=", userId)
      .compile(),
    store.db.deleteFrom("login_links").where("user_id", "=", userId).where("used_at", "is", null).compile(),
    sessionsOf(store, userId, keepHash).compile(),
  ]);
  return ended?.changes ?? 0;
}

/**
 * The dashboard's change: the current password must be right and the new one acceptable (and not
 * the same). The session that asked stays open; every other session of the account ends.
 */
export async function changeOwnPassword(
  store: Store,
  input: { userId: number; current: string; next: string; confirm: string; sessionToken: string },
): Promise<Result<{ endedSessions: number }, PasswordProblem>> {
  const user = await store.db.selectFrom("dashboard_users").select(["id", "password_hash"]).where("id", "=", input.userId).executeTakeFirst();
  if (!user?.password_hash) return fail("no_password");
  if (!(await verifyPassword(input.current, user.password_hash))) return fail("wrong_current");
  const checked = checkNewPassword(input.next, input.confirm);
  if (!checked.ok) return checked;
  if (input.next === input.current) return fail("same_as_current");
  const endedSessions = await setAccountPassword(store, user.id, checked.value, { keepToken: input.sessionToken });
  return ok({ endedSessions });
}
