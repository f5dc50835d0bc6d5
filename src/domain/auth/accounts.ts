import type { DashboardUser } from "../../db/schema";
import type { Store } from "../../db/store";
import { newSecretToken } from "../orders/codes";
import { hashPassword, sha256Hex, verifyPassword } from "./passwords";

/**
 * Makes the operator account `admin` on first start: with ADMIN_PASSWORD, or a random password the
 * caller prints once. Returns the password only when one was generated.
 */
export async function ensureOperator(store: Store, configured: string | undefined, now: Date): Promise<{ created: boolean; generated?: string }> {
  const existing = await store.db.selectFrom("dashboard_users").select("id").where("username", "=", "admin").executeTakeFirst();
  if (existing) return { created: false };
  const generated = configured ? undefined : newSecretToken(12);
  const password = configured ?? generated ?? "";
  await store.db
    .insertInto("dashboard_users")
    .values({ username: "admin", password_hash: await hashPassword(password), role: "operator", shop_id: null, display_name: "Operator", created_at: now.toISOString() })
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

/** The live session behind a cookie token, or undefined. */
export async function findSession(store: Store, token: string | undefined, now: Date): Promise<Session | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await store.db
    .selectFrom("dashboard_sessions as s")
    .innerJoin("dashboard_users as u", "u.id", "s.user_id")
    .selectAll("u")
    .select(["s.csrf_token", "s.lang", "s.expires_at"])
    .where("s.token_hash", "=", await sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  const { csrf_token, lang, expires_at: _expires, ...user } = row;
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

const MAX_FAILURES = 5;

/** Seconds a key (username or address) must still wait before trying again, 0 if none. */
export async function lockedFor(store: Store, keys: readonly string[], now: Date): Promise<number> {
  const rows = await store.db.selectFrom("login_attempts").select("locked_until").where("key", "in", keys).execute();
  const until = Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)));
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** Counts a failed login; after five in a row the key is locked, twice as long each time (from 1 minute). */
export async function recordFailure(store: Store, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys) {
    const row = await store.db
      .insertInto("login_attempts")
      .values({ key, failures: 1, updated_at: now.toISOString() })
      .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ failures: eb("login_attempts.failures", "+", 1), updated_at: now.toISOString() })))
      .returning("failures")
      .executeTakeFirstOrThrow();
    if (row.failures >= MAX_FAILURES) {
      const minutes = Math.min(2 ** (row.failures - MAX_FAILURES), 60);
      await store.db.updateTable("login_attempts").set({ locked_until: new Date(now.getTime() + minutes * 60_000).toISOString() }).where("key", "=", key).execute();
    }
  }
}

/** A successful login clears the count. */
export async function clearFailures(store: Store, keys: readonly string[]): Promise<void> {
  await store.db.deleteFrom("login_attempts").where("key", "in", keys).execute();
}

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
