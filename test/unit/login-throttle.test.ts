import { describe, expect, it } from "vitest";
import { admit, lockEnd, PER_ADDRESS_AND_USERNAME, underAttack, UNDER_ATTACK, type Counter } from "../../src/domain/auth/throttle";

// Issue 18, item 2: the throttle's decisions, as pure functions of a counter and the time.

const P = PER_ADDRESS_AND_USERNAME;
const T0 = Date.parse("2026-11-23T03:30:00.000Z");

/** Plays attempts at the given times (all wrong passwords): what each was told. */
function play(times: number[], spacingMs = 0): (true | number)[] {
  let c: Counter | undefined;
  return times.map((at) => {
    const a = admit(c, at, P, spacingMs);
    if (a.next) c = a.next;
    return a.ok ? true : a.waitMs;
  });
}

describe("admit", () => {
  it("five tries, then a minute's wait, doubling after each further failure up to an hour", () => {
    expect(play([0, 1, 2, 3, 4, 5].map((s) => T0 + s * 1000))).toEqual([true, true, true, true, true, 60_000 - 1000]);
    const c5: Counter = { failures: 5, lastAt: T0 };
    expect(lockEnd(c5, P) - T0).toBe(60_000);
    expect(lockEnd({ failures: 6, lastAt: T0 }, P) - T0).toBe(120_000);
    expect(lockEnd({ failures: 9, lastAt: T0 }, P) - T0).toBe(16 * 60_000);
    expect(lockEnd({ failures: 500, lastAt: T0 }, P) - T0).toBe(60 * 60_000);
    const after = admit(c5, T0 + 60_000, P);
    expect(after).toEqual({ ok: true, next: { failures: 6, lastAt: T0 + 60_000 } });
  });

  it("counts the attempt before the password is checked, so the next one sees it", () => {
    const a = admit({ failures: 4, lastAt: T0 }, T0 + 10, P);
    expect(a.ok && a.next.failures).toBe(5);
    if (a.ok) expect(admit(a.next, T0 + 11, P).ok).toBe(false);
  });

  it("forgets a counter quiet for a day", () => {
    const old: Counter = { failures: 7, lastAt: T0 };
    expect(admit(old, T0 + P.forgetMs + 1, P)).toEqual({ ok: true, next: { failures: 1, lastAt: T0 + P.forgetMs + 1 } });
  });

  it("under attack, a few seconds between tries, and a first try waits them once: a bounded delay", () => {
    const s = UNDER_ATTACK.spacingMs;
    const first = admit(undefined, T0, P, s);
    expect(first).toEqual({ ok: false, waitMs: s, reason: "slow_down", next: { failures: 0, lastAt: T0 } });
    if (first.ok || !first.next) throw new Error("expected a wait");
    expect(admit(first.next, T0 + s - 1, P, s)).toEqual({ ok: false, waitMs: 1, reason: "slow_down" });
    expect(admit(first.next, T0 + s, P, s).ok).toBe(true);
    // A try too early does not push the time back.
    expect(play([T0, T0 + 1000, T0 + 2000, T0 + s], s)).toEqual([s, s - 1000, s - 2000, true]);
  });

  it("a username is under attack after ten failures, the last within fifteen minutes", () => {
    expect(underAttack(undefined, T0)).toBe(false);
    expect(underAttack({ failures: 9, lastAt: T0 }, T0)).toBe(false);
    expect(underAttack({ failures: 10, lastAt: T0 }, T0 + UNDER_ATTACK.windowMs)).toBe(true);
    expect(underAttack({ failures: 10_000, lastAt: T0 }, T0 + UNDER_ATTACK.windowMs + 1)).toBe(false);
  });
});
