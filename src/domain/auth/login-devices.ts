import type { Store } from "../../db/store";
import { newSecretToken } from "../orders/codes";
import { sha256Hex } from "./passwords";

/** How long a browser stays remembered after its last password login (the cookie lasts as long). */
export const DEVICE_DAYS = 180;
const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

const since = (now: Date) => new Date(now.getTime() - DEVICE_DAYS * 86_400_000).toISOString();

/**
 * The remembered browser behind a device cookie, when it is remembered for the account `username`
 * names (a cookie another account earned on this browser does not count for this one).
 */
export async function rememberedDevice(store: Store, token: string | undefined, username: string, now: Date): Promise<{ userId: number; tokenHash: string } | undefined> {
  if (!token || !TOKEN.test(token) || !username) return undefined;
  const tokenHash = await sha256Hex(token);
  const row = await store.db
    .selectFrom("login_devices as d")
    .innerJoin("dashboard_users as u", "u.id", "d.user_id")
    .select("d.user_id")
    .where("d.token_hash", "=", tokenHash)
    .where("u.username", "=", username.slice(0, 64))
    .where("d.last_login_at", ">", since(now))
    .executeTakeFirst();
  return row ? { userId: row.user_id, tokenHash } : undefined;
}

/**
 * Remembers this browser for an account after a right password: the same token again when it was
 * already remembered for that account, else a new one (the cookie is then replaced). Devices of the
 * account not seen for DEVICE_DAYS are forgotten. Returns the token for the cookie.
 */
export async function rememberDevice(store: Store, current: string | undefined, userId: number, now: Date): Promise<string> {
  const at = now.toISOString();
  if (current && TOKEN.test(current)) {
    const kept = await store.db
      .updateTable("login_devices")
      .set({ last_login_at: at })
      .where("token_hash", "=", await sha256Hex(current))
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (kept.numUpdatedRows === 1n) return current;
  }
  const token = newSecretToken(32);
  await store.db.insertInto("login_devices").values({ token_hash: await sha256Hex(token), user_id: userId, created_at: at, last_login_at: at }).execute();
  await store.db.deleteFrom("login_devices").where("user_id", "=", userId).where("last_login_at", "<=", since(now)).execute();
  return token;
}

/** Forgets every browser not seen for DEVICE_DAYS (for the scheduled pruning). */
export async function pruneLoginDevices(store: Store, now: Date): Promise<number> {
  const done = await store.db.deleteFrom("login_devices").where("last_login_at", "<=", since(now)).executeTakeFirst();
  return Number(done.numDeletedRows);
}
