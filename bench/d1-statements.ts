// Workers: the same comment updates against `wrangler dev` over a local D1, sent one at a time, each
// request's D1 statements and batches read off the Worker's debug log ("d1 use"). A figure, not a
// target: it shows what the isolate's kept catalog and the one-batch finish leave per comment.
import { execFile, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startFakeTelegram } from "../test/fakes/telegram-api";
import { freePort } from "../test/helpers/child-server";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const TOKEN = "777222:AAHd1StatementsBenchToken_0123456789";
const GROUP = -700_001;
const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_UPDATE_NOTIFIER: "1" };
const run = promisify(execFile);

export interface D1Figures {
  orderComment: { statements: number; batches: number };
  chatter: { statements: number; batches: number };
  comments: number;
}

export async function benchD1Statements(comments = 20): Promise<D1Figures> {
  const dir = mkdtempSync(join(tmpdir(), "cho-chat-d1-bench-"));
  const fake = await startFakeTelegram();
  fake.addBot({ token: TOKEN, id: 777222, username: "d1_bench_bot" });
  fake.addGroup({ id: GROUP, title: "Chợ quê", type: "supergroup", botIsAdmin: true });
  const port = await freePort();
  let output = "";
  const dev = spawn(WRANGLER, ["dev", "--local", "--persist-to", dir, "--port", String(port), "--ip", "127.0.0.1", "--var", "ADMIN_TOKEN:d1-bench-admin-token-0123456789", "--var", `TELEGRAM_API_ROOT:${fake.url}`, "--var", `TELEGRAM_BOT_TOKEN:${TOKEN}`, "--var", "LOG_LEVEL:debug"], {
    cwd: ROOT,
    env: ENV,
    stdio: ["ignore", "pipe", "pipe"],
  });
  dev.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  dev.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    for (const deadline = Date.now() + 120_000; ; ) {
      if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const { stdout } = await run(WRANGLER, ["d1", "execute", "DB", "--local", "--persist-to", dir, "--json", "--command", "SELECT value FROM settings WHERE key = 'server_secret'"], { cwd: ROOT, env: ENV });
    const serverSecret = (JSON.parse(stdout) as { results: { value: string }[] }[])[0]?.results[0]?.value ?? "";
    const secret = createHmac("sha256", serverSecret).update(`telegram-webhook:${TOKEN}`).digest("hex").slice(0, 48);
    const send = async (i: number, text: string) => {
      const update = { update_id: 50_000 + i, message: { message_id: 900 + i, date: Math.floor(Date.now() / 1000), chat: { id: GROUP, type: "supergroup", title: "Chợ quê" }, from: { id: 9_000 + i, is_bot: false, first_name: `Khách ${i}` }, text } };
      const res = await fetch(`${url}/webhooks/telegram/777222`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(update) });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      await res.arrayBuffer();
      // Let the outbox drain after the answer finish, so its statements are not counted with the next request.
      await new Promise((r) => setTimeout(r, 300));
    };
    // Warm: the isolate's first requests load its runtime and its kept catalog.
    await send(0, "chốt A8 x1");
    const marks: ("order" | "chatter")[] = [];
    const start = output.length;
    for (let i = 1; i <= comments; i++) {
      const order = i % 4 !== 0;
      marks.push(order ? "order" : "chatter");
      await send(i, order ? `chốt A8 x${1 + (i % 2)}` : "ok shop");
    }
    await new Promise((r) => setTimeout(r, 500));
    const uses = [...output.slice(start).matchAll(/\{[^\n]*"msg":"d1 use"[^\n]*\}/g)]
      .map((m) => JSON.parse(m[0]) as { path: string; statements: number; batches: number })
      .filter((u) => u.path.startsWith("/webhooks/telegram/"));
    if (uses.length !== comments) throw new Error(`expected ${comments} webhook log lines, read ${uses.length}:\n${output.slice(-2000)}`);
    const mean = (kind: "order" | "chatter", field: "statements" | "batches") => {
      const picked = uses.filter((_, i) => marks[i] === kind);
      return picked.reduce((s, u) => s + u[field], 0) / Math.max(1, picked.length);
    };
    return {
      comments,
      orderComment: { statements: mean("order", "statements"), batches: mean("order", "batches") },
      chatter: { statements: mean("chatter", "statements"), batches: mean("chatter", "batches") },
    };
  } finally {
    dev.kill("SIGTERM");
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
