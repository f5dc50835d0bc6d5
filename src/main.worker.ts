// The Workers entry: the same createApp over D1, and the same jobs from cron triggers.
import type { D1Database, ExecutionContext, ScheduledController } from "@cloudflare/workers-types";
import type { Hono } from "hono";
import { ensureTelegramWebhook, registerDefaultTelegramBot, setDefaultCommands, type DefaultTelegramBot } from "../bots/telegram/default-bot";
import { telegramClients } from "../bots/telegram/registry";
import { telegramSender } from "../bots/telegram/sender";
import { telegramBusinessSender } from "../bots/telegram-business/sender";
import { webchatSender } from "../bots/webchat/sender";
import { ensureZaloWebhook, registerDefaultZaloBot, type DefaultZaloBot } from "../bots/zalo/default-bot";
import { zaloSender } from "../bots/zalo/sender";
import { ZaloBotClient } from "../bots/zalo/client";
import { runZaloGroupChecks } from "./jobs/zalo-group-check";
import { zaloClients } from "../bots/zalo/startup";
import { zaloOaChannel } from "../bots/zalo-oa/startup";
import { createApp } from "./app";
import { assetCatalog } from "./web/asset-catalog";
import { BUNDLED_ASSETS } from "./web/bundled-assets";
import { configSecrets, loadConfig, type AppConfig } from "./config";
import { BUNDLED_MIGRATIONS } from "./db/bundled-migrations";
import { d1Store, type D1Usage } from "./db/d1";
import { d1MigrationTarget } from "./db/d1-migrate";
import { migrateToLatest } from "./db/migrate";
import type { Store } from "./db/store";
import { ensureOperator } from "./domain/auth/accounts";
import { seedDemoShopIfEmpty } from "./domain/shops/demo-seed";
import { runBroadcastProgress, runScheduledPosts } from "./jobs/broadcast-jobs";
import { runPendingInvoices } from "./jobs/einvoice-pending";
import { runDailySummaries } from "./jobs/daily-summary";
import { runBookAlerts } from "./jobs/book-alerts";
import { expireDrafts } from "./jobs/expire-drafts";
import { runLiveJobs } from "./jobs/live-jobs";
import { runPaymentDeadlines } from "./jobs/payment-deadlines";
import { runPrune } from "./jobs/prune";
import { keyringFrom } from "./domain/secrets/keyring";
import { resealSecrets } from "./domain/secrets/reseal";
import { drainOutbox } from "./domain/outbox/dispatch";
import { sentMessageId } from "./domain/outbox/sent-message";
import type { Senders } from "./domain/outbox/types";
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
  /** The env bots (TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN) once registered in this isolate. */
  bots: EnvBots;
}

interface EnvBots {
  telegram?: DefaultTelegramBot;
  zalo?: DefaultZaloBot;
}

/** How long the isolate's first request may wait for a getMe. */
const GET_ME_TIMEOUT_SECONDS = 10;

// Counted for the debug log: how many D1 statements and batches each request took (npm run bench -- d1).
const d1Usage: D1Usage = { statements: 0, batches: 0 };

// One runtime per isolate and binding: env is handed over per request, but it is the same object.
let cached: { env: Env; runtime: Promise<Runtime> } | undefined;

async function runtimeFor(env: Env): Promise<Runtime> {
  const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const loaded = loadConfig(vars);
  if (!loaded.ok) throw new Error(`wrong environment: ${loaded.reason}`);
  const config = loaded.value;
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: configSecrets(config) });
  const store: Store = { ...d1Store(env.DB, d1Usage), keyring: await keyringFrom(config.DATA_KEY, config.DATA_KEY_PREVIOUS) };
  // `wrangler d1 migrations apply` runs the same files; a Worker started without it applies them itself.
  const report = await migrateToLatest(d1MigrationTarget(env.DB), BUNDLED_MIGRATIONS);
  if (report.error) throw new Error(`migration ${report.error.name} failed: ${report.error.message}`);
  const operator = await ensureOperator(store, config.ADMIN_PASSWORD, systemClock.now());
  if (operator.passwordChanged) logger.info("operator password changed from ADMIN_PASSWORD");
  if (config.DEMO) await seedDemoShopIfEmpty(store, systemClock.now(), config.TZ_SHOP);
  // A bot given as a secret (`wrangler secret put TELEGRAM_BOT_TOKEN`) is registered here, as the
  // Node start does, so its webhook is known from the first update on.
  const bots: EnvBots = {};
  await registerEnvBots(store, config, logger, bots);
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
    "telegram-business": telegramBusinessSender({
      store,
      apiRoot: config.TELEGRAM_API_ROOT,
      timeoutSeconds: 20,
      fetchLocal: async (path) => (app ? app.request(path) : new Response(null, { status: 503 })),
      now: () => Date.now(),
      messageIdOf: (key) => sentMessageId(store, key),
    }),
    zalo: zaloSender({ store, clientFor: zalo.clientFor, publicUrl: config.PUBLIC_URL ?? "", lang: "vi", now: () => Date.now() }),
    "zalo-oa": zaloOaChannel(store, config, () => Date.now(), 20_000).sender,
  };
  app = createApp({
    store,
    config,
    clock: systemClock,
    logger,
    assets: assetCatalog(BUNDLED_ASSETS),
    channels: senders,
    onWorkers: true,
    answerTelegramCallback: async (botId, callbackId) => {
      await (await telegram.apiFor(botId))?.answerCallbackQuery(callbackId).catch(() => undefined);
    },
  });
  return { app, store, senders, logger, config, bots };
}

/**
 * Registers the env bots not registered yet in this isolate: a getMe only when the bots row is
 * missing or holds another token. A failure is logged (the next cron tick tries again) and never
 * stops the Worker.
 */
async function registerEnvBots(store: Store, config: AppConfig, logger: Logger, bots: EnvBots): Promise<void> {
  const now = () => systemClock.now();
  if (config.TELEGRAM_BOT_TOKEN && !bots.telegram) {
    try {
      bots.telegram = await registerDefaultTelegramBot({ store, config, logger, now, reuse: true, timeoutSeconds: GET_ME_TIMEOUT_SECONDS });
    } catch (error) {
      logger.error("telegram: registering TELEGRAM_BOT_TOKEN failed", { error });
    }
  }
  if (config.ZALO_BOT_TOKEN && !bots.zalo) {
    try {
      bots.zalo = await registerDefaultZaloBot({ store, config, logger, now, reuse: true, timeoutMs: GET_ME_TIMEOUT_SECONDS * 1000 });
    } catch (error) {
      logger.error("zalo: registering ZALO_BOT_TOKEN failed", { error });
    }
  }
}

/**
 * With PUBLIC_URL set, points the env bots' webhooks at this Worker: called from every cron tick,
 * it calls setWebhook only when the url or secret differs from what the settings table remembers,
 * so the first tick after a deploy (or a new token) sets it and later ticks do nothing.
 */
async function ensureEnvWebhooks(r: Runtime): Promise<void> {
  await registerEnvBots(r.store, r.config, r.logger, r.bots);
  const publicUrl = r.config.PUBLIC_URL;
  if (!publicUrl) return;
  const telegram = r.bots.telegram;
  if (telegram && r.config.TELEGRAM_MODE !== "polling") {
    try {
      const { url, changed } = await ensureTelegramWebhook(r.store, telegram, publicUrl);
      if (changed) {
        r.logger.info("telegram: webhook set", { bot: telegram.info?.username, url });
        await setDefaultCommands(telegram.api, r.logger);
      }
    } catch (error) {
      r.logger.error("telegram: setWebhook failed; the next cron tick tries again", { error });
    }
  }
  const zalo = r.bots.zalo;
  if (zalo && publicUrl.startsWith("https://")) {
    try {
      const { url, changed } = await ensureZaloWebhook(r.store, zalo, publicUrl);
      if (changed) r.logger.info("zalo: webhook set", { bot: zalo.me?.account_name, url });
    } catch (error) {
      r.logger.error("zalo: setWebhook failed; the next cron tick tries again", { error });
    }
  }
}

function runtime(env: Env): Promise<Runtime> {
  if (cached?.env !== env) cached = { env, runtime: runtimeFor(env) };
  return cached.runtime;
}

/** The same jobs node-cron runs on Node, once per cron trigger (pruning every tenth minute, bounded). */
async function runJobs(r: Runtime, scheduledTime: number): Promise<void> {
  const now = () => new Date();
  // Secrets not yet sealed with DATA_KEY (a new key, or values from before it): found by their key id, so usually none.
  const resealed = await resealSecrets(r.store, { maxRows: 200 });
  if (resealed.unreadable.length) r.logger.error("stored secrets cannot be opened with DATA_KEY or DATA_KEY_PREVIOUS", { fields: [...new Set(resealed.unreadable)] });
  if (new Date(scheduledTime).getUTCMinutes() % 10 === 0) {
    const pruned = await runPrune(r.store, now(), { batchSize: 500, maxBatches: 20 });
    r.logger.info("pruned", { ...pruned.removed, more: pruned.more });
  }
  await expireDrafts(r.store, now());
  await runPaymentDeadlines(r.store, now());
  await runDailySummaries(r.store, now());
  await runBookAlerts(r.store, now(), { publicUrl: r.config.PUBLIC_URL ?? "", logger: r.logger });
  await runScheduledPosts(r.store, now());
  // E-invoices SePay had not numbered within their request (issue 24).
  await runPendingInvoices({ store: r.store, config: r.config, clock: systemClock, call: { timeoutMs: 10_000 } });
  // Zalo OA tokens in their last hours, refreshed even when nothing is sent (one refresh per OA: a lease in D1).
  await zaloOaChannel(r.store, r.config, () => Date.now(), 10_000).refreshDue();
  // Once a day per Zalo bot: can the bot still (or now) be in groups?
  await runZaloGroupChecks(r.store, now(), (token) => new ZaloBotClient(token, { apiRoot: r.config.ZALO_API_ROOT, timeoutMs: 10_000 }).getMe(), r.logger);
  await runLiveJobs(r.store, now());
  await drainOutbox(r.store, r.senders, r.logger, now, { batchSize: 100 });
  await runBroadcastProgress(r.store, now());
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const r = await runtime(env);
    const before = { ...d1Usage };
    const response = await r.app.fetch(request, env);
    // Exact when requests come one at a time (the bench); overlapping ones share the counts.
    r.logger.debug("d1 use", { path: new URL(request.url).pathname, statements: d1Usage.statements - before.statements, batches: d1Usage.batches - before.batches });
    // Whatever the request queued goes out after the answer, as the outbox dispatcher does on Node.
    ctx.waitUntil(drainOutbox(r.store, r.senders, r.logger, () => new Date(), { batchSize: 50 }).catch((error: unknown) => r.logger.error("outbox failed", { error })));
    return response;
  },
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const r = await runtime(env);
    ctx.waitUntil(
      (async () => {
        await ensureEnvWebhooks(r).catch((error: unknown) => r.logger.error("webhook set-up failed", { error }));
        await runJobs(r, controller.scheduledTime);
      })().catch((error: unknown) => r.logger.error("scheduled jobs failed", { error })),
    );
  },
};
