import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/child-server";

// Pruning on D1 in workerd (issue 18 item 5): the cron trigger at every tenth minute runs the same
// bounded batches as Node, as plain statements and D1 batches (D1 has no interactive transactions).
// DATA_KEY is set, so the keyring (WebCrypto) is derived in workerd too.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_UPDATE_NOTIFIER: "1" };
const run = promisify(execFile);
const DATA_KEY = "worker-data-key-for-tests-0123456789abcdef";
let dir = "";
let dev: ChildProcess | undefined;
let url = "";
let output = "";

const d1 = async <T>(command: string): Promise<T[]> => {
  const { stdout } = await run(WRANGLER, ["d1", "execute", "DB", "--local", "--persist-to", dir, "--json", "--command", command], { cwd: ROOT, env: ENV, timeout: 60_000 });
  return (JSON.parse(stdout) as { results: T[] }[])[0]?.results ?? [];
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cho-chat-d1-prune-"));
  const port = await freePort();
  dev = spawn(WRANGLER, ["dev", "--local", "--persist-to", dir, "--port", String(port), "--ip", "127.0.0.1", "--test-scheduled", "--var", `DATA_KEY:${DATA_KEY}`], { cwd: ROOT, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
  dev.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  dev.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 180_000);

afterAll(async () => {
  dev?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

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
    expect(output).not.toMatch(/scheduled jobs failed|cannot be opened/);
  }, 120_000);
});
