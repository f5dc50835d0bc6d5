/** A limit: at most `max` sends per `windowMs` for one key. */
export interface Limit {
  max: number;
  windowMs: number;
}

/**
 * Sliding-window limits per key, in memory. `reserve` either records a send now (0) or says how
 * long to wait. It keeps one process within a platform's published limits; the platform's own
 * 429 (with retry_after) stays the backstop across processes.
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private longestWindowMs = 0;
  private reservesSinceSweep = 0;

  /** Milliseconds to wait before a send under every one of `limits` is allowed; 0 records it. */
  reserve(checks: readonly { key: string; limit: Limit }[], now: number): number {
    let wait = 0;
    for (const { key, limit } of checks) {
      const times = this.recent(key, limit.windowMs, now);
      if (times.length >= limit.max) wait = Math.max(wait, (times[times.length - limit.max] ?? now) + limit.windowMs - now);
    }
    this.sweepNowAndThen(checks, now);
    if (wait > 0) return wait;
    for (const { key, limit } of checks) this.recent(key, limit.windowMs, now).push(now);
    return 0;
  }

  /** Keys seen once (a web chat visitor's address) would otherwise stay forever: drop the idle ones. */
  private sweepNowAndThen(checks: readonly { limit: Limit }[], now: number): void {
    for (const { limit } of checks) this.longestWindowMs = Math.max(this.longestWindowMs, limit.windowMs);
    if (++this.reservesSinceSweep < 1000) return;
    this.reservesSinceSweep = 0;
    for (const [key, times] of this.sent) {
      if ((times[times.length - 1] ?? 0) <= now - this.longestWindowMs) this.sent.delete(key);
    }
  }

  /** How many keys are held (for the test that memory stays bounded). */
  get size(): number {
    return this.sent.size;
  }

  private recent(key: string, windowMs: number, now: number): number[] {
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - windowMs);
    this.sent.set(key, times);
    return times;
  }
}
