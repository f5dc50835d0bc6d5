// The Workers entry: the same createApp over D1, and the same jobs from cron triggers.
import type { D1Database, ExecutionContext, ScheduledController } from "@cloudflare/workers-types";
import type { Hono } from "hono";
import { telegramClients } from "../bots/telegram/registry";
import { telegramSender } from "../bots/telegram/sender";
import { webchatSender } from "../bots/webchat/sender";
import { zaloSender } from "../bots/zalo/sender";
import { zaloClients } from "../bots/zalo/startup";
import { createApp } from "./app";
import { configSecrets, loadConfig, type AppConfig } from "./config";
import { BUNDLED_MIGRATIONS } from "./db/bundled-migrations";
import { d1Store } from "./db/d1";
import { d1MigrationTarget } from "./db/d1-migrate";
import { migrateToLatest } from "./db/migrate";
import type { Store } from "./db/store";
import { ensureOperator } from "./domain/auth/accounts";
import { seedDemoShopIfEmpty } from "./domain/shops/demo-seed";
import { runBroadcastProgress, runScheduledPosts } from "./jobs/broadcast-jobs";
import { runDailySummaries } from "./jobs/daily-summary";
import { expireDrafts } from "./jobs/expire-drafts";
import { runLiveJobs } from "./jobs/live-jobs";
import { runPaymentDeadlines } from "./jobs/payment-deadlines";
import { drainOutbox } from "./outbox/dispatch";
import { sentMessageId } from "./outbox/sent-message";
import type { Senders } from "./outbox/types";
import { systemClock } from "./platform/clock";
import { createLogger, type Logger } from "./platform/logger";

export interface Env {
  DB: D1Database;
  [name: string]: unknown;
}

interface Runtime {
  app: Hono;
  store: Store;
  senders: Senders;
  logger: Logger;
  config: AppConfig;
}

// One runtime per isolate and binding: env is handed over per request, but it is the same object.
let cached: { env: Env; runtime: Promise<Runtime> } | undefined;

async function runtimeFor(env: Env): Promise<Runtime> {
  const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const loaded = loadConfig(vars);
  if (!loaded.ok) throw new Error(`wrong environment: ${loaded.reason}`);
  const config = loaded.value;
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: configSecrets(config) });
  const store = d1Store(env.DB);
  // `wrangler d1 migrations apply` runs the same files; a Worker started without it applies them itself.
  const report = await migrateToLatest(d1MigrationTarget(env.DB), BUNDLED_MIGRATIONS);
  if (report.error) throw new Error(`migration ${report.error.name} failed: ${report.error.message}`);
  await ensureOperator(store, config.ADMIN_PASSWORD, systemClock.now());
  if (config.DEMO) await seedDemoShopIfEmpty(store, systemClock.now(), config.TZ_SHOP);
  const telegram = telegramClients(store, { apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: 20 });
  const zalo = zaloClients(store, config.ZALO_API_ROOT, 20_000);
  let app: Hono | undefined;
  const senders: Senders = {
    webchat: webchatSender(store, systemClock),
    telegram: telegramSender({
      apiFor: telegram.apiFor,
      fetchLocal: async (path) => (app ? app.request(path) : new Response(null, { status: 503 })),
      now: () => Date.now(),
      messageIdOf: (key) => sentMessageId(store, key),
    }),
    zalo: zaloSender({ store, clientFor: zalo.clientFor, publicUrl: config.PUBLIC_URL ?? "", lang: "vi", now: () => Date.now() }),
  };
  app = createApp({
    store,
    config,
    clock: systemClock,
    logger,
    channels: senders,
    answerTelegramCallback: async (botId, callbackId) => {
      await (await telegram.apiFor(botId))?.answerCallbackQuery(callbackId).catch(() => undefined);
    },
  });
  return { app, store, senders, logger, config };
}

function runtime(env: Env): Promise<Runtime> {
  if (cached?.env !== env) cached = { env, runtime: runtimeFor(env) };
  return cached.runtime;
}

/** The same jobs node-cron runs on Node, once per cron trigger. */
async function runJobs(r: Runtime): Promise<void> {
  const now = () => new Date();
  await expireDrafts(r.store, now());
  await runPaymentDeadlines(r.store, now());
  await runDailySummaries(r.store, now());
  await runScheduledPosts(r.store, now());
  await runLiveJobs(r.store, now());
  await drainOutbox(r.store, r.senders, r.logger, now, { batchSize: 100 });
  await runBroadcastProgress(r.store, now());
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const r = await runtime(env);
    const response = await r.app.fetch(request, env);
    // Whatever the request queued goes out after the answer, as the outbox dispatcher does on Node.
    ctx.waitUntil(drainOutbox(r.store, r.senders, r.logger, () => new Date(), { batchSize: 50 }).catch((error: unknown) => r.logger.error("outbox failed", { error })));
    return response;
  },
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const r = await runtime(env);
    ctx.waitUntil(runJobs(r).catch((error: unknown) => r.logger.error("scheduled jobs failed", { error })));
  },
};
