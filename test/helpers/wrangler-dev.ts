// The real Workers runtime for a test file: `wrangler dev --local` (workerd over a local D1 in a
// temporary folder, cron triggers reachable at /cdn-cgi/handler/scheduled), started with the given
// variables and waited for until it answers; and the D1 it serves, read and written with
// `wrangler d1 execute` as an operator would.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort } from "./child-server";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
export const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_UPDATE_NOTIFIER: "1" };
export const runWrangler = (args: readonly string[]) => promisify(execFile)(WRANGLER, [...args], { cwd: ROOT, env: WRANGLER_ENV, timeout: 120_000 });

export interface WranglerDev {
  url: string;
  /** The folder holding the local D1 (--persist-to). */
  dir: string;
  /** Everything wrangler and the Worker printed so far (logs, errors). */
  output(): string;
  /** One or more statements on the local D1; the first statement's rows. */
  d1<T>(command: string): Promise<T[]>;
  /** A file of statements on the local D1. */
  d1File(path: string): Promise<void>;
  stop(): void;
}

/**
 * Starts the Worker with `vars` (as `--var`), and waits until /healthz answers and `ready` (if given)
 * says yes, or 90 s. The database folder is new each time, and removed by stop().
 */
export async function startWranglerDev(opts: { prefix: string; vars?: Record<string, string>; ready?: (url: string) => Promise<boolean> }): Promise<WranglerDev> {
  const dir = mkdtempSync(join(tmpdir(), opts.prefix));
  const port = await freePort();
  const vars = Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const child = spawn(WRANGLER, ["dev", "--local", "--persist-to", dir, "--port", String(port), "--ip", "127.0.0.1", "--test-scheduled", ...vars], { cwd: ROOT, env: WRANGLER_ENV, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const dev: WranglerDev = {
    url,
    dir,
    output: () => output,
    d1: async <T>(command: string) => {
      const { stdout } = await runWrangler(["d1", "execute", "DB", "--local", "--persist-to", dir, "--json", "--command", command]);
      return (JSON.parse(stdout) as { results: T[] }[])[0]?.results ?? [];
    },
    d1File: async (path) => void (await runWrangler(["d1", "execute", "DB", "--local", "--persist-to", dir, "--file", path])),
    stop: () => {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok && (!opts.ready || (await opts.ready(url)))) return dev;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      dev.stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
