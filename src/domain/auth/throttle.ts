import { sql } from "kysely";
import type { Store } from "../../db/store";

// Login throttling after OWASP's guidance (Authentication Cheat Sheet, "Slow down online guessing
// attacks with device cookies"): failures are counted per (address, username) and per address, never
// per username alone, so guessing from many addresses cannot lock the real operator out. A browser
// that logged in before (its device cookie) is counted on its own. A username under attack only
// brings a short, small slowdown: an address must wait a few seconds between its tries for it.
// The one-time login link from the bot is not throttled at all (its token is unguessable).

/** How many failures a counter may have before it waits, and how long it then waits. */
export interface ThrottlePolicy {
  maxFailures: number;
  /** The first wait; each further failure doubles it, up to maxLockMs. */
  firstLockMs: number;
  maxLockMs: number;
  /** A counter quiet for this long starts again from nothing. */
  forgetMs: number;
}

const MINUTE = 60_000;

/** One address trying one username: five tries, then 1, 2, 4 … 60 minutes. */
export const PER_ADDRESS_AND_USERNAME: ThrottlePolicy = { maxFailures: 5, firstLockMs: MINUTE, maxLockMs: 60 * MINUTE, forgetMs: 24 * 60 * MINUTE };
/** One address trying many usernames (a shop's shared address stays well within it). */
export const PER_ADDRESS: ThrottlePolicy = { maxFailures: 20, firstLockMs: MINUTE, maxLockMs: 60 * MINUTE, forgetMs: 24 * 60 * MINUTE };
/** A remembered browser: its owner mistyping, or a stolen cookie. */
export const PER_DEVICE: ThrottlePolicy = { maxFailures: 5, firstLockMs: MINUTE, maxLockMs: 60 * MINUTE, forgetMs: 24 * 60 * MINUTE };

/** A username with this many failures from unremembered browsers, the last within the window, is under attack. */
export const UNDER_ATTACK = { failures: 10, windowMs: 15 * MINUTE, spacingMs: 5_000 };

/** A counter as stored: failures (the attempt in progress counted as one) and when the last attempt came. */
export interface Counter {
  failures: number;
  lastAt: number;
}

export type Admission = { ok: true; next: Counter } | { ok: false; waitMs: number; reason: "locked" | "slow_down"; next?: Counter };

/** When a counter's wait ends (0 when it need not wait). */
export function lockEnd(c: Counter, p: ThrottlePolicy): number {
  if (c.failures < p.maxFailures) return 0;
  return c.lastAt + Math.min(p.firstLockMs * 2 ** Math.min(c.failures - p.maxFailures, 30), p.maxLockMs);
}

/**
 * Pure: may one more attempt be made now? If so, the counter with this attempt already counted as
 * a failure (taken back if the password is right), so attempts sent at once cannot all slip in
 * before the first failure is written. With `spacingMs` (a username under attack) an attempt must
 * come that long after this counter's last one; a counter never seen is told to wait once.
 */
export function admit(current: Counter | undefined, now: number, p: ThrottlePolicy, spacingMs = 0): Admission {
  const c = current && now - current.lastAt < p.forgetMs ? current : undefined;
  const until = c ? lockEnd(c, p) : 0;
  if (until > now) return { ok: false, waitMs: until - now, reason: "locked" };
  if (spacingMs > 0) {
    if (!c) return { ok: false, waitMs: spacingMs, reason: "slow_down", next: { failures: 0, lastAt: now } };
    if (now - c.lastAt < spacingMs) return { ok: false, waitMs: c.lastAt + spacingMs - now, reason: "slow_down" };
  }
  return { ok: true, next: { failures: (c?.failures ?? 0) + 1, lastAt: now } };
}

/** Pure: whether a username's recent failures make it "under attack". */
export function underAttack(c: Counter | undefined, now: number): boolean {
  return !!c && c.failures >= UNDER_ATTACK.failures && now - c.lastAt <= UNDER_ATTACK.windowMs;
}

/** The counter keys of one attempt (the address already reduced by addressKey). */
export const throttleKeys = {
  address: (address: string) => `a:${address}`,
  pair: (address: string, username: string) => `ua:${address} ${username.toLowerCase()}`,
  username: (username: string) => `u:${username.toLowerCase()}`,
  device: (userId: number, deviceHash: string) => `d:${userId}:${deviceHash.slice(0, 40)}`,
};

async function readCounter(store: Store, key: string): Promise<{ stamp?: { failures: number; updated_at: string }; counter?: Counter }> {
  const row = await store.db.selectFrom("login_attempts").select(["failures", "updated_at"]).where("key", "=", key).executeTakeFirst();
  if (!row) return {};
  return { stamp: row, counter: { failures: row.failures, lastAt: Date.parse(row.updated_at) || 0 } };
}

/** Writes a counter only if nobody changed it since it was read (compare-and-set; D1 has no transactions). */
async function writeCounter(store: Store, key: string, stamp: { failures: number; updated_at: string } | undefined, next: Counter): Promise<boolean> {
  const values = { failures: next.failures, updated_at: new Date(next.lastAt).toISOString() };
  if (!stamp) {
    const done = await store.db
      .insertInto("login_attempts")
      .values({ key, ...values })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    return Number(done.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const done = await store.db
    .updateTable("login_attempts")
    .set(values)
    .where("key", "=", key)
    .where("failures", "=", stamp.failures)
    .where("updated_at", "=", stamp.updated_at)
    .executeTakeFirst();
  return done.numUpdatedRows === 1n;
}

/** Admits one attempt under a key (read, decide, compare-and-set; a lost race reads again). */
async function admitKey(store: Store, key: string, now: number, p: ThrottlePolicy, spacingMs = 0): Promise<Admission> {
  for (let round = 0; round < 3; round++) {
    const { stamp, counter } = await readCounter(store, key);
    const decision = admit(counter, now, p, spacingMs);
    if (!decision.next) return decision;
    if (await writeCounter(store, key, stamp, decision.next)) return decision;
  }
  return { ok: false, waitMs: 1_000, reason: "slow_down" };
}

/** Takes back an attempt counted in advance (the password was right, or a later check refused it). */
async function refund(store: Store, key: string): Promise<void> {
  await store.db
    .updateTable("login_attempts")
    .set({ failures: sql<number>`max(failures - 1, 0)` })
    .where("key", "=", key)
    .execute();
}

/** What a password attempt is: who it names, from where, and the remembered browser if it is one for that account. */
export interface LoginAttempt {
  username: string;
  /** The client's address reduced by addressKey. */
  address: string;
  /** Set when the browser's device cookie is remembered for the account the username names. */
  device?: { userId: number; tokenHash: string };
}

export type LoginGate =
  | { ok: true; trustedDevice: boolean; charged: { key: string; reset: boolean }[]; usernameKey: string }
  | { ok: false; waitSeconds: number; reason: "locked" | "slow_down" };

const refused = (a: Extract<Admission, { ok: false }>): LoginGate => ({ ok: false, waitSeconds: Math.max(1, Math.ceil(a.waitMs / 1000)), reason: a.reason });

/**
 * Lets one password check through, or says how long to wait. A remembered browser is counted on
 * its own; any other attempt per address and per (address, username), spaced out while the
 * username is under attack. Call settleLogin with the outcome.
 */
export async function admitLogin(store: Store, attempt: LoginAttempt, now: Date): Promise<LoginGate> {
  const at = now.getTime();
  const usernameKey = throttleKeys.username(attempt.username);
  if (attempt.device) {
    const key = throttleKeys.device(attempt.device.userId, attempt.device.tokenHash);
    const device = await admitKey(store, key, at, PER_DEVICE);
    if (!device.ok) return refused(device);
    return { ok: true, trustedDevice: true, charged: [{ key, reset: true }], usernameKey };
  }
  const addressKey = throttleKeys.address(attempt.address);
  const byAddress = await admitKey(store, addressKey, at, PER_ADDRESS);
  if (!byAddress.ok) return refused(byAddress);
  const attacked = underAttack((await readCounter(store, usernameKey)).counter, at);
  const pairKey = throttleKeys.pair(attempt.address, attempt.username);
  const byPair = await admitKey(store, pairKey, at, PER_ADDRESS_AND_USERNAME, attacked ? UNDER_ATTACK.spacingMs : 0);
  if (!byPair.ok) {
    await refund(store, addressKey);
    return refused(byPair);
  }
  return { ok: true, trustedDevice: false, charged: [{ key: addressKey, reset: false }, { key: pairKey, reset: true }], usernameKey };
}

/**
 * After the password check. Right: the (address, username) or device counter starts again, the
 * address gets its try back. Wrong: the failures stay counted, and one from an unremembered
 * browser also counts toward the username being under attack.
 */
export async function settleLogin(store: Store, gate: Extract<LoginGate, { ok: true }>, success: boolean, now: Date): Promise<void> {
  if (success) {
    for (const { key, reset } of gate.charged) {
      if (reset) await store.db.updateTable("login_attempts").set({ failures: 0 }).where("key", "=", key).execute();
      else await refund(store, key);
    }
    return;
  }
  if (gate.trustedDevice) return;
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - UNDER_ATTACK.windowMs).toISOString();
  await store.db
    .insertInto("login_attempts")
    .values({ key: gate.usernameKey, failures: 1, updated_at: at })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        failures: sql<number>`CASE WHEN login_attempts.updated_at < ${windowStart} THEN 1 ELSE login_attempts.failures + 1 END`,
        updated_at: at,
      }),
    )
    .execute();
}

/**
 * Forgets counters quiet for longer than any policy remembers them (a day): what an attack from
 * many addresses leaves behind. For the scheduled pruning; the decisions already ignore such rows.
 */
export async function pruneLoginAttempts(store: Store, now: Date): Promise<number> {
  const longest = Math.max(PER_ADDRESS_AND_USERNAME.forgetMs, PER_ADDRESS.forgetMs, PER_DEVICE.forgetMs, UNDER_ATTACK.windowMs);
  const done = await store.db
    .deleteFrom("login_attempts")
    .where("updated_at", "<", new Date(now.getTime() - longest).toISOString())
    .executeTakeFirst();
  return Number(done.numDeletedRows);
}
