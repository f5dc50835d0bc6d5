import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWranglerDev, type WranglerDev } from "../helpers/wrangler-dev";

// Pruning on D1 in workerd (issue 18 item 5): the cron trigger at every tenth minute runs the same
// bounded batches as Node, as plain statements and D1 batches (D1 has no interactive transactions).
// DATA_KEY is set, so the keyring (WebCrypto) is derived in workerd too.

const DATA_KEY = "worker-data-key-for-tests-0123456789abcdef";
let dev: WranglerDev;
let url = "";
const d1 = <T>(command: string) => dev.d1<T>(command);

beforeAll(async () => {
  dev = await startWranglerDev({ prefix: "cho-chat-d1-prune-", vars: { DATA_KEY } });
  url = dev.url;
}, 180_000);

afterAll(() => dev?.stop());

describe("pruning on D1", () => {
  it("the cron tick at a tenth minute removes idle web chat sessions and old event ids; other ticks leave them", async () => {
    // Three junk visitors, then their rows made old (as if days had passed).
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/api/webchat/demo/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const { session } = (await res.json()) as { session: string };
      await fetch(`${url}/api/webchat/demo/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ session, text: "junk", id: "m1" }) });
    }
    const old = "2020-01-01T00:00:00.000Z";
    await d1(`UPDATE webchat_sessions SET last_seen_at = '${old}'; UPDATE inbound_events SET received_at = '${old}'; UPDATE conversations SET expires_at = '${old}', updated_at = '${old}'`);
    const count = async (table: string) => Number((await d1<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
    expect(await count("webchat_sessions")).toBe(3);
    expect(await count("inbound_events")).toBe(3);

    const tick = (at: string) => fetch(`${url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${Date.parse(at)}`);
    expect((await tick("2026-11-23T03:31:00.000Z")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await count("webchat_sessions")).toBe(3);
    expect((await tick("2026-11-23T03:40:00.000Z")).status).toBe(200);
    await expect.poll(() => count("webchat_sessions"), { timeout: 20_000, interval: 500 }).toBe(0);
    expect(await count("inbound_events")).toBe(0);
    expect(await count("buyers")).toBe(0);
    expect(await count("conversations")).toBe(0);
    expect(dev.output()).not.toMatch(/scheduled jobs failed|cannot be opened/);
  }, 120_000);
});
