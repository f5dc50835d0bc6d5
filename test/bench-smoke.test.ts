import { describe, expect, it } from "vitest";
import { benchCommentBurst } from "../bench/comment-burst";

// The benchmark itself runs with `npm run bench`; this runs a tiny burst through the same code so
// it cannot rot. It checks correctness only: no timing claims in tests.
describe("benchmark smoke", () => {
  it("a small comment burst (wrk, 1 s): nothing oversold, no reply lost or duplicated, a resend changes nothing", async () => {
    const r = await benchCommentBurst({ seconds: 1, pool: 8_000 });
    expect(r.burst.requests).toBeGreaterThan(10);
    expect(r.burst.non2xx + r.burst.socketErrors).toBe(0);
    expect(r.oversold).toBe(0);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.resentChangedSomething).toBe(0);
    expect(r.statementsPerUpdate).toBeGreaterThan(1);
    expect(r.baseline.requests).toBeGreaterThan(10);
  }, 240_000);
});
