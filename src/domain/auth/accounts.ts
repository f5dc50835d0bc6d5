import type { DashboardUser } from "../../db/schema";
import type { Store } from "../../db/store";
import { newSecretToken } from "../orders/codes";
import { setAccountPassword } from "./password-change";
import { hashPassword, sha256Hex, verifyPassword } from "./passwords";

/**
 * Makes the operator account `admin` on first start: with ADMIN_PASSWORD, or a random password the
 * caller prints once (returned only then), which must be changed at the first login. On a later
 * start, an ADMIN_PASSWORD that no longer matches the stored hash is applied: rehashed, stored, and
 * every session of the operator ended (`passwordChanged`; the caller logs that, never the value).
 */
export async function ensureOperator(
  store: Store,
  configured: string | undefined,
  now: Date,
): Promise<{ created: boolean; generated?: string; passwordChanged?: boolean }> {
  const existing = await store.db.selectFrom("dashboard_users").select(["id", "password_hash", "password_from_env"]).where("username", "=", "admin").executeTakeFirst();
  if (existing) {
    if (!configured) {
      // No longer managed by the environment: the account page stops saying so.
      if (existing.password_from_env) await store.db.updateTable("dashboard_users").set({ password_from_env: 0 }).where("id", "=", existing.id).execute();
      return { created: false };
    }
    if (existing.password_hash && (await verifyPassword(configured, existing.password_hash))) {
      if (!existing.password_from_env) await store.db.updateTable("dashboard_users").set({ password_from_env: 1, must_change_password: 0 }).where("id", "=", existing.id).execute();
      return { created: false };
    }
    await setAccountPassword(store, existing.id, configured, { fromEnv: true });
    return { created: false, passwordChanged: true };
  }
  const generated = configured ? undefined : newSecretToken(12);
  const password = configured ?? generated ?? "";
  await store.db
    .insertInto("dashboard_users")
    .values({
      username: "admin",
      password_hash: await hashPassword(password),
      role: "operator",
      shop_id: null,
      display_name: "Operator",
      created_at: now.toISOString(),
      must_change_password: generated ? 1 : 0,
      password_from_env: configured ? 1 : 0,
    })
    .onConflict((oc) => oc.column("username").doNothing())
    .execute();
  return generated ? { created: true, generated } : { created: true };
}

const SESSION_DAYS = 7;

export interface Session {
  user: DashboardUser;
  csrf: string;
  lang: string;
}

/** Opens a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(store: Store, userId: number, lang: string, now: Date): Promise<string> {
  const token = newSecretToken(32);
  await store.db
    .insertInto("dashboard_sessions")
    .values({ token_hash: await sha256Hex(token), user_id: userId, csrf_token: newSecretToken(16), lang, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString() })
    .execute();
  return token;
}

/**
 * The live session behind a cookie token, or undefined. A shop account's rights are read from its
 * staff row now, not from what was copied at login: a demoted owner is a shipper from the next
 * request on, and a removed staff member (no staff row) has no session at all.
 */
export async function findSession(store: Store, token: string | undefined, now: Date): Promise<Session | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await store.db
    .selectFrom("dashboard_sessions as s")
    .innerJoin("dashboard_users as u", "u.id", "s.user_id")
    .leftJoin("staff as st", "st.id", "u.staff_id")
    .selectAll("u")
    .select(["s.csrf_token", "s.lang", "s.expires_at", "st.id as current_staff_id", "st.role as current_role", "st.shop_id as current_shop_id", "st.name as current_name"])
    .where("s.token_hash", "=", await sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  const { csrf_token, lang, expires_at: _expires, current_staff_id, current_role, current_shop_id, current_name, ...account } = row;
  if (account.role === "operator") return { user: account, csrf: csrf_token, lang };
  // Every other account is a staff member's: without their staff row it opens nothing.
  if (current_staff_id === null || current_role === null || current_shop_id === null) return undefined;
  const user: DashboardUser = { ...account, role: current_role, shop_id: current_shop_id, display_name: current_name ?? account.display_name };
  return { user, csrf: csrf_token, lang };
}

/** Ends a session (logout). */
export async function endSession(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom("dashboard_sessions").where("token_hash", "=", await sha256Hex(token)).execute();
}

/** Changes a session's language. */
export async function setSessionLang(store: Store, token: string, lang: string): Promise<void> {
  await store.db.updateTable("dashboard_sessions").set({ lang }).where("token_hash", "=", await sha256Hex(token)).execute();
}

// Login throttling (per address, per address and username, per remembered browser) lives in
// ./throttle.ts; the old per-username lock here let anyone lock `admin` out (issue 18).

/** The account for a username and password, or undefined (same answer and similar time for a wrong name). */
export async function checkPassword(store: Store, username: string, password: string): Promise<DashboardUser | undefined> {
  const user = await store.db.selectFrom("dashboard_users").selectAll().where("username", "=", username.slice(0, 64)).executeTakeFirst();
  // Hash anyway when the user is unknown, so the answer time does not tell which usernames exist.
  const ok = await verifyPassword(password, user?.password_hash ?? "pbkdf2$sha256$210000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  return user && ok ? user : undefined;
}

/** The dashboard account of a shop's staff member, made on first use (they log in by link only). */
export async function accountForStaff(store: Store, staff: { id: number; shop_id: number; name: string; role: "owner" | "staff" | "shipper" }, now: Date): Promise<DashboardUser> {
  const username = `staff-${staff.id}`;
  await store.db
    .insertInto("dashboard_users")
    .values({ username, password_hash: null, role: staff.role, shop_id: staff.shop_id, staff_id: staff.id, display_name: staff.name, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("username").doUpdateSet({ role: staff.role, display_name: staff.name }))
    .execute();
  return store.db.selectFrom("dashboard_users").selectAll().where("username", "=", username).executeTakeFirstOrThrow();
}

/** A one-time login link token for an account, valid 10 minutes. */
export async function createLoginLink(store: Store, userId: number, now: Date): Promise<string> {
  const token = newSecretToken(24);
  await store.db.insertInto("login_links").values({ token_hash: await sha256Hex(token), user_id: userId, expires_at: new Date(now.getTime() + 10 * 60_000).toISOString() }).execute();
  return token;
}

/** Spends a login link (once, before it expires) and returns its account. */
export async function useLoginLink(store: Store, token: string, now: Date): Promise<DashboardUser | undefined> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
  const hash = await sha256Hex(token);
  const spent = await store.db
    .updateTable("login_links")
    .set({ used_at: now.toISOString() })
    .where("token_hash", "=", hash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  if (spent.numUpdatedRows !== 1n) return undefined;
  const link = await store.db.selectFrom("login_links").select("user_id").where("token_hash", "=", hash).executeTakeFirstOrThrow();
  return store.db.selectFrom("dashboard_users").selectAll().where("id", "=", link.user_id).executeTakeFirst();
}
