// The load generator: Debian's `wrk` (C, event-driven), so the client is never what saturates. A
// Lua script sends pre-made bodies, each once (thread k sends bodies k, k+T, k+2T…), and prints
// the figures as one JSON line. Installed with apt-get when missing, like Chromium for the tests.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface WrkResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers other than 2xx, and socket errors (connect, read, write, timeout). */
  non2xx: number;
  socketErrors: number;
  /** How many of the bodies were sent (the rest were not reached in the time). */
  bodiesSent: number;
}

const SCRIPT = String.raw`
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  bodies = {}
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  step = tonumber(args[2])
  nextIndex = id
  sent = 0
  wrk.method = "POST"
end
function request()
  local i = nextIndex
  -- Out of fresh bodies: resend the first one (a redelivery, answered at once with no effect).
  if i > #bodies then i = id else nextIndex = nextIndex + step; sent = sent + 1 end
  return wrk.format(nil, nil, nil, bodies[i])
end
function done(summary, latency, requests)
  local sent = 0
  for _, t in ipairs(threads) do sent = sent + t:get("sent") end
  local e = summary.errors
  io.write(string.format('\nWRK_JSON {"requests":%d,"us":%d,"p50":%d,"p95":%d,"p99":%d,"non2xx":%d,"socket":%d,"sent":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout, sent))
end
`;

/** The path of `wrk`: found, or installed from Debian's packages when running as root; else one line saying how. */
export function ensureWrk(): string {
  const find = () => {
    try {
      return execFileSync("sh", ["-c", "command -v wrk"], { encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  let path = find();
  if (!path && process.getuid?.() === 0) {
    execFileSync("sh", ["-c", "(apt-get install -y wrk || (apt-get update && apt-get install -y wrk)) > /dev/null 2>&1"]);
    path = find();
  }
  if (!path) throw new Error("the benchmarks need wrk: sudo apt-get install -y wrk");
  return path;
}

/** POSTs the bodies to `url` with wrk for `seconds` (each body once while they last). */
export async function runWrk(opts: { url: string; bodies: string[]; headers?: Record<string, string>; threads?: number; connections?: number; seconds: number }): Promise<WrkResult> {
  const wrk = ensureWrk();
  const dir = mkdtempSync(join(tmpdir(), "cho-chat-wrk-"));
  const threads = opts.threads ?? 2;
  try {
    writeFileSync(join(dir, "bodies.txt"), opts.bodies.join("\n"));
    writeFileSync(join(dir, "send.lua"), SCRIPT);
    const headerArgs = Object.entries({ "content-type": "application/json", ...opts.headers }).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
    const args = ["-t", String(threads), "-c", String(opts.connections ?? 32), "-d", `${opts.seconds}s`, "--timeout", "10s", "-s", join(dir, "send.lua"), ...headerArgs, opts.url, "--", join(dir, "bodies.txt"), String(threads)];
    const stdout = await new Promise<string>((resolve, reject) => execFile(wrk, args, { maxBuffer: 16 * 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve(out))));
    const line = /WRK_JSON (\{.*\})/.exec(stdout)?.[1];
    if (!line) throw new Error(`wrk printed no figures:\n${stdout}`);
    const r = JSON.parse(line) as { requests: number; us: number; p50: number; p95: number; p99: number; non2xx: number; socket: number; sent: number };
    const seconds = r.us / 1e6;
    return { requests: r.requests, seconds, perSecond: r.requests / seconds, p50: r.p50 / 1000, p95: r.p95 / 1000, p99: r.p99 / 1000, non2xx: r.non2xx, socketErrors: r.socket, bodiesSent: r.sent };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
