import { describe, expect, it } from "vitest";
import { FairLock } from "../../src/db/sqlite-driver";

describe("the database connection's lock", () => {
  it("hands the connection to waiters in the order they came, one at a time", async () => {
    const lock = new FairLock(1_000);
    const order: number[] = [];
    let holders = 0;
    let most = 0;
    await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) => {
        await lock.acquire();
        holders++;
        most = Math.max(most, holders);
        order.push(n);
        await Promise.resolve();
        holders--;
        lock.release();
      }),
    );
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(1);
  });

  it("lets the event loop turn once a slice is used up, so timers and sockets are not starved", async () => {
    const lock = new FairLock(0);
    const events: string[] = [];
    await lock.acquire();
    const second = lock.acquire().then(() => events.push("second holder"));
    setImmediate(() => events.push("a turn of the event loop"));
    lock.release();
    await second;
    expect(events).toEqual(["a turn of the event loop", "second holder"]);
    lock.release();
  });
});
