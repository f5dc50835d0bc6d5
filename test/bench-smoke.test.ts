import { describe, expect, it } from "vitest";
import { benchCommentBurst } from "../bench/comment-burst";

// The benchmark itself runs with `npm run bench`; this runs a tiny burst through the same code so
// it cannot rot. It checks correctness only: no timing claims in tests.
describe("benchmark smoke", () => {
  it("a small comment burst: nothing oversold, no reply lost or duplicated", async () => {
    const r = await benchCommentBurst(40);
    expect(r.updates).toBe(40);
    expect(r.oversold).toBe(0);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.perSecond).toBeGreaterThan(0);
    expect(r.baselinePerSecond).toBeGreaterThan(0);
  }, 60_000);
});
