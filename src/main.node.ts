// The only Node entry: environment, SQLite file, migrations, demo seed, schedules, HTTP server.
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import cron from "node-cron";
import { createApp } from "./app";
import { assetCatalog } from "./web/asset-catalog";
import { readAssetFiles } from "./web/assets-from-disk";
import { configSecrets, loadConfig } from "./config";
import { migrateToLatest } from "./db/migrate";
import { lockDatabase, openSqlite, readMigrationFiles } from "./db/sqlite";
import { keyringFrom } from "./domain/secrets/keyring";
import { resealSecrets } from "./domain/secrets/reseal";
import { prunedTotal, runPrune } from "./jobs/prune";
import { seedDemoShopIfEmpty } from "./domain/shops/demo-seed";
import { ensureOperator } from "./domain/auth/accounts";
import { telegramClients } from "../bots/telegram/registry";
import { telegramSender } from "../bots/telegram/sender";
import { CLIENT_TIMEOUT_SECONDS, startDefaultTelegramBot } from "../bots/telegram/startup";
import { webchatSender } from "../bots/webchat/sender";
import { telegramReaders } from "../bots/telegram-readers";
import { telegramBusinessSender } from "../bots/telegram-business/sender";
import { zaloSender } from "../bots/zalo/sender";
import { startDefaultZaloBot, zaloClients } from "../bots/zalo/startup";
import { ZaloBotClient } from "../bots/zalo/client";
import { runZaloGroupChecks } from "./jobs/zalo-group-check";
import { zaloOaChannel } from "../bots/zalo-oa/startup";
import { expireDrafts } from "./jobs/expire-drafts";
import { runDailySummaries } from "./jobs/daily-summary";
import { runBookAlerts } from "./jobs/book-alerts";
import { runLiveJobs } from "./jobs/live-jobs";
import { runPaymentDeadlines } from "./jobs/payment-deadlines";
import { serialJob } from "./jobs/scheduler";
import { releaseUnfinishedInboundClaims } from "./domain/chat/inbound-events";
import { drainOutbox, recoverStaleClaims } from "./domain/outbox/dispatch";
import { sentMessageId } from "./domain/outbox/sent-message";
import { isKnownGroupChat } from "./domain/shops/known-groups";
import { runBroadcastProgress, runScheduledPosts } from "./jobs/broadcast-jobs";
import { runPendingInvoices } from "./jobs/einvoice-pending";
import { systemClock } from "./platform/clock";
import { createLogger } from "./platform/logger";
import { nodeServerOptions } from "./http/server-timeouts";

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(`Cannot start: wrong environment\n${loaded.reason}`);
    process.exit(1);
  }
  const config = loaded.value;
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: configSecrets(config) });
  const clock = systemClock;

  // One server per database, and no restore under it (the OS drops the lock when this process ends).
  const lock = config.DATABASE_PATH === ":memory:" ? undefined : lockDatabase(config.DATABASE_PATH, "server");
  if (lock && !lock.ok) {
    console.error(`Cannot start: ${lock.reason}`);
    process.exit(1);
  }
  const sqlite = openSqlite(config.DATABASE_PATH, { keyring: await keyringFrom(config.DATA_KEY, config.DATA_KEY_PREVIOUS) });
  const migrations = readMigrationFiles(fileURLToPath(new URL("../migrations", import.meta.url)));
  const report = await migrateToLatest(sqlite.migrationTarget, migrations);
  if (report.error) {
    logger.error("migration failed", { migration: report.error.name, message: report.error.message });
    process.exit(1);
  }
  if (report.applied.length) logger.info("migrations applied", { applied: report.applied });
  // Secrets written before DATA_KEY (or under DATA_KEY_PREVIOUS) are sealed with DATA_KEY now.
  const resealed = await resealSecrets(sqlite.store, { maxRows: Number.MAX_SAFE_INTEGER });
  if (resealed.unreadable.length) {
    console.error(`Cannot start: DATA_KEY: ${resealed.unreadable.length} stored secret(s) (${[...new Set(resealed.unreadable)].join(", ")}) cannot be opened; set DATA_KEY to the key they were sealed with, or give it in DATA_KEY_PREVIOUS`);
    process.exit(1);
  }
  if (resealed.resealed) logger.info("stored secrets re-sealed", { count: resealed.resealed, encrypted: config.DATA_KEY !== undefined });
  const operator = await ensureOperator(sqlite.store, config.ADMIN_PASSWORD, clock.now());
  if (operator.generated) {
    // Printed once, on the console only (never in the JSON logs): the operator's first password.
    console.log(`\nDashboard login: user "admin", password "${operator.generated}" (shown only now; you choose a new one at the first login, or set ADMIN_PASSWORD, or run npm run admin -- password)\n`);
  }
  if (operator.passwordChanged) logger.info("operator password changed from ADMIN_PASSWORD");
  if (config.DEMO && (await seedDemoShopIfEmpty(sqlite.store, clock.now(), config.TZ_SHOP))) {
    logger.info("demo shop created", { chat: "/chat/demo" });
  }

  const telegram = telegramClients(sqlite.store, { apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: CLIENT_TIMEOUT_SECONDS });
  // The Telegram sender uploads our own images (QR codes) by asking the app for them.
  let appRequest: (path: string) => Promise<Response> = async () => new Response(null, { status: 503 });
  const zalo = zaloClients(sqlite.store, config.ZALO_API_ROOT);
  const zaloOa = zaloOaChannel(sqlite.store, config, () => clock.now().getTime());
  const senders = {
    zalo: zaloSender({
      store: sqlite.store,
      clientFor: zalo.clientFor,
      publicUrl: config.PUBLIC_URL ?? "",
      lang: "vi",
      now: () => clock.now().getTime(),
      isGroupChat: (chatId) => isKnownGroupChat(sqlite.store, "zalo", chatId),
    }),
    "zalo-oa": zaloOa.sender,
    webchat: webchatSender(sqlite.store, clock),
    telegram: telegramSender({ apiFor: telegram.apiFor, fetchLocal: (p) => appRequest(p), now: () => clock.now().getTime(), messageIdOf: (key) => sentMessageId(sqlite.store, key) }),
    "telegram-business": telegramBusinessSender({ store: sqlite.store, apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: CLIENT_TIMEOUT_SECONDS, fetchLocal: (p) => appRequest(p), now: () => clock.now().getTime(), messageIdOf: (key) => sentMessageId(sqlite.store, key) }),
  };
  // Rows left "sending" belong to the process that ran before this one: settle them now (SIGKILL safety).
  const recovered = await recoverStaleClaims(sqlite.store, clock.now(), 0);
  if (recovered.uncertain + recovered.resent > 0) {
    logger.warn("messages in flight when the last run stopped", { ...recovered, note: "uncertain ones were said in a group and are not resent" });
  }
  // Likewise updates it had claimed but not finished: their senders will deliver them again.
  await releaseUnfinishedInboundClaims(sqlite.store);
  const outbox = serialJob(
    "outbox",
    async () => {
      const wait = await drainOutbox(sqlite.store, senders, logger, () => clock.now(), { batchSize: 100 });
      await runBroadcastProgress(sqlite.store, clock.now());
      await runLiveJobs(sqlite.store, clock.now());
      // Rows held back by a rate limit are due in under a second or two: wake exactly then.
      if (wait < 2_000) setTimeout(() => outbox.kick(), wait).unref();
    },
    logger,
  );
  const housekeeping = serialJob(
    "deadlines",
    async () => {
      await expireDrafts(sqlite.store, clock.now());
      await runPaymentDeadlines(sqlite.store, clock.now());
      await runDailySummaries(sqlite.store, clock.now());
      // Once a day per shop (from 08:00 local): the books' thresholds and the filings due within a week.
      await runBookAlerts(sqlite.store, clock.now(), { publicUrl: config.PUBLIC_URL ?? "", logger });
      await runScheduledPosts(sqlite.store, clock.now());
      // E-invoices SePay had not numbered within their request (issue 24).
      await runPendingInvoices({ store: sqlite.store, config, clock, call: { timeoutMs: 10_000 } });
      // Zalo OA tokens in their last hours are refreshed even when nothing is sent (the refresh token then lives on).
      await zaloOa.refreshDue();
      // Once a day per Zalo bot: can the bot still (or now) be in groups?
      await runZaloGroupChecks(sqlite.store, clock.now(), (token) => new ZaloBotClient(token, { apiRoot: config.ZALO_API_ROOT, timeoutMs: 10_000 }).getMe(), logger);
      outbox.kick();
    },
    logger,
  );

  const answerTelegramCallback = async (botId: string, callbackId: string) => {
    const api = await telegram.apiFor(botId);
    await api?.answerCallbackQuery(callbackId).catch((error: unknown) => logger.warn("telegram: answerCallbackQuery failed", { error }));
  };
  const app = createApp({ store: sqlite.store, config, clock, logger, assets: assetCatalog(readAssetFiles()), channels: senders, onOutboxWrite: outbox.kick, answerTelegramCallback });
  appRequest = async (path) => app.request(path);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions: nodeServerOptions() }, (info) => {
    logger.info("listening", { url: `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${info.port}`, chat: "/chat/demo" });
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(error.code === "EADDRINUSE" ? `Cannot start: port ${config.PORT} is already in use (set PORT to another one)` : `Cannot start: ${error.message}`);
    process.exit(1);
  });

  // Schedules keep no state of their own: what is due is read from the database each time,
  // so a restart misses nothing (the same jobs run from cron triggers on Workers).
  // Retention: at start, then every 10 minutes, each run bounded (src/jobs/prune.ts); freed pages go back to the disk.
  const prune = serialJob(
    "prune",
    async () => {
      const pruned = await runPrune(sqlite.store, clock.now(), { batchSize: 500, maxBatches: 100 });
      const pages = await sqlite.compact(10_000);
      if (prunedTotal(pruned) > 0) logger.info("pruned", { ...pruned.removed, more: pruned.more, pagesFreed: pages });
    },
    logger,
  );
  const tasks = [cron.schedule("*/2 * * * * *", outbox.run), cron.schedule("*/30 * * * * *", housekeeping.run), cron.schedule("*/10 * * * *", prune.run)];
  housekeeping.kick();
  prune.kick();
  const telegramBot = await startDefaultTelegramBot({
    store: sqlite.store,
    config,
    logger,
    now: () => clock.now(),
    handler: { store: sqlite.store, clock, logger, publicUrl: config.PUBLIC_URL ?? "", answerCallback: answerTelegramCallback, readers: telegramReaders(answerTelegramCallback), onOutboxWrite: outbox.kick, carrierConfig: config },
  });

  const zaloBot = await startDefaultZaloBot({
    store: sqlite.store,
    config,
    logger,
    now: () => clock.now(),
    handler: { store: sqlite.store, clock, logger, publicUrl: config.PUBLIC_URL ?? "", onOutboxWrite: outbox.kick, carrierConfig: config },
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    for (const task of tasks) void task.stop();
    void telegramBot?.stop();
    zaloBot?.stop();
    server.close(() => {
      void sqlite.close().then(() => {
        if (lock?.ok) lock.release();
        process.exit(0);
      });
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

void main();
