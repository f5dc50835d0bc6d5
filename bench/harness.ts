// Shared pieces of the load benchmarks: a real server on loopback over a SQLite file (WAL), the
// outbox dispatcher running, a bounded pool of concurrent requests, and percentiles.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { sql } from "kysely";
import type { AddressInfo } from "node:net";
import { telegramClients, upsertTelegramBot } from "../bots/telegram/registry";
import { telegramSender } from "../bots/telegram/sender";
import { webchatSender } from "../bots/webchat/sender";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import type { SqliteHandle } from "../src/db/sqlite";
import { seedDemoShopIfEmpty } from "../src/domain/shops/demo-seed";
import { drainOutbox } from "../src/domain/outbox/dispatch";
import { sentMessageId } from "../src/domain/outbox/sent-message";
import { systemClock } from "../src/platform/clock";
import { createLogger } from "../src/platform/logger";
import type { UserFromGetMe } from "grammy/types";
import type { FakeTelegramJob } from "./fake-telegram-process";
import { migratedDb, testAssets } from "../test/helpers/test-app";

export const BOT_TOKEN = "424242:AAHbenchmarkTokenForLoadTests_01234";
export const BOT_ID = "424242";
export const SECRET = "bench-secret";

export interface BenchServer {
  url: string;
  db: SqliteHandle;
  /**
   * Each request's time in the server, from Hono receiving it to its answer being ready, while
   * recording: the client's figures add its own delays, which on this 2-core machine can be large.
   */
  serverTimes: { recording: boolean; ms: number[] };
  stop(): Promise<void>;
}

/** The fake Bot API started in its own process (bench/fake-telegram-process.ts). */
async function startFakeTelegramProcess(job: FakeTelegramJob): Promise<{ url: string; infos: UserFromGetMe[]; close(): Promise<void> }> {
  const file = join(tmpdir(), `cho-chat-fake-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(job));
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./fake-telegram-process.ts", import.meta.url).pathname, file], { stdio: ["pipe", "pipe", "inherit"] });
  const first = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
    });
    child.once("exit", (code) => reject(new Error(`the fake Bot API process ended (${code})`)));
  });
  rmSync(file, { force: true });
  const { url, infos } = JSON.parse(first) as { url: string; infos: UserFromGetMe[] };
  return {
    url,
    infos,
    close: () => new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.stdin.end();
    }),
  };
}

/**
 * The real app (plus a one-INSERT baseline route) on loopback, with the dispatcher sending to a fake
 * Bot API in another process that knows these groups and users.
 */
export async function startBenchServer(opts: { sepayKey?: string; groups?: number[]; users?: number[] } = {}): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), "cho-chat-load-"));
  const db = await migratedDb(join(dir, "bench.db"));
  await seedDemoShopIfEmpty(db.store, new Date(), "Asia/Ho_Chi_Minh");
  await sql`CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, at TEXT NOT NULL)`.execute(db.store.db);
  const fake = await startFakeTelegramProcess({ bots: [{ token: BOT_TOKEN, id: Number(BOT_ID), username: "bench_bot" }], groups: opts.groups ?? [], users: opts.users ?? [] });
  const info = fake.infos[0];
  if (!info) throw new Error("the fake Bot API made no bot");
  await upsertTelegramBot(db.store, { shopId: 1, token: BOT_TOKEN, secret: SECRET, info }, new Date());
  const config = loadConfig({ DATABASE_PATH: "x", ADMIN_TOKEN: "bench-admin-token-0123456789", ...(opts.sepayKey ? { SEPAY_API_KEY: opts.sepayKey } : {}) });
  if (!config.ok) throw new Error(config.reason);
  const logger = createLogger({ level: "error" });
  const clients = telegramClients(db.store, { apiRoot: fake.url, timeoutSeconds: 10 });
  const senders = {
    webchat: webchatSender(db.store, systemClock),
    telegram: telegramSender({ apiFor: clients.apiFor, fetchLocal: async () => new Response(null, { status: 404 }), now: () => Date.now(), messageIdOf: (k) => sentMessageId(db.store, k) }),
  };
  let draining = false;
  const pump = setInterval(() => {
    if (draining) return;
    draining = true;
    void drainOutbox(db.store, senders, logger, () => new Date(), { batchSize: 200 }).finally(() => (draining = false));
  }, 20);
  const app = new Hono();
  const serverTimes = { recording: false, ms: [] as number[] };
  app.use("*", async (_c, next) => {
    if (!serverTimes.recording) return next();
    const start = performance.now();
    await next();
    serverTimes.ms.push(performance.now() - start);
  });
  // The floor: the same server and database file, one INSERT per request, no flow.
  app.post("/bench/insert", async (c) => {
    const body = await c.req.text();
    await sql`INSERT INTO bench_baseline (body, at) VALUES (${body.slice(0, 2000)}, ${new Date().toISOString()})`.execute(db.store.db);
    return c.json({ ok: true });
  });
  app.route("/", createApp({ store: db.store, config: config.value, clock: systemClock, logger, assets: testAssets(), channels: senders, webchatRateLimit: false }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    serverTimes,
    stop: async () => {
      clearInterval(pump);
      while (draining) await new Promise((r) => setTimeout(r, 10));
      await new Promise<void>((r) => server.close(() => r()));
      await fake.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `tasks` with at most `concurrency` in flight; returns each task's duration in ms. */
export async function pool(tasks: (() => Promise<unknown>)[], concurrency: number): Promise<number[]> {
  const times: number[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      const start = performance.now();
      await (tasks[i] as () => Promise<unknown>)();
      times[i] = performance.now() - start;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return times;
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}


/** Runs a load client script (in this folder) in its own Node process with `job` as its input; gives what it prints, parsed. */
export async function runClientProcess<T>(script: string, job: unknown): Promise<T> {
  const { execFile } = await import("node:child_process");
  const { writeFileSync } = await import("node:fs");
  const file = join(tmpdir(), `cho-chat-load-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(job));
  const path = new URL(script, import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", path, file], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (stderr) process.stderr.write(stderr);
      rmSync(file, { force: true });
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as T);
    });
  });
}

/** POSTs `bodies` to `url` from a separate process (the load generator), `concurrency` at a time. */
export function loadFromChild(url: string, bodies: string[], headers: Record<string, string>, concurrency: number): Promise<{ seconds: number; times: number[] }> {
  return runClientProcess("./load-client.ts", { url, bodies, headers, concurrency });
}
