import { afterEach, describe, expect, it } from "vitest";
import { startDefaultTelegramBot } from "../../bots/telegram/startup";
import { loadConfig } from "../../src/config";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-api";
import { makeTestApp, type TestApp } from "../helpers/test-app";

const TOKEN = "555000:AAHstartupTokenForTests_0123456789";
let fake: FakeTelegram;
let t: TestApp;
afterEach(async () => {
  await fake?.close();
  await t?.close();
});

async function start(env: Record<string, string>) {
  fake = await startFakeTelegram();
  fake.addBot({ token: TOKEN, id: 555000, username: "startup_bot" });
  t = await makeTestApp();
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, ...env });
  if (!config.ok) throw new Error(config.reason);
  const handler = { store: t.sqlite.store, clock: t.clock, logger: t.logger, publicUrl: config.value.PUBLIC_URL ?? "", answerCallback: async () => undefined };
  return startDefaultTelegramBot({ store: t.sqlite.store, config: config.value, logger: t.logger, now: () => t.clock.now(), handler });
}

describe("Telegram start-up", () => {
  it("with PUBLIC_URL: registers the bot from getMe and sets the webhook with its secret", async () => {
    const running = await start({ PUBLIC_URL: "https://cho.example.vn" });
    expect(running).toBeDefined();
    const call = fake.callsTo("setWebhook").at(-1);
    expect(call?.params).toMatchObject({ url: "https://cho.example.vn/webhooks/telegram/555000", allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member", "business_connection", "business_message"] });
    const bot = await t.sqlite.store.db.selectFrom("bots").selectAll().executeTakeFirstOrThrow();
    expect(bot).toMatchObject({ platform_id: "555000", username: "startup_bot", shop_id: 1 });
    expect(call?.params.secret_token).toBe(bot.webhook_secret);
    expect(bot.webhook_secret).toMatch(/^[0-9a-f]{48}$/);
    // The same token and server give the same secret after a restart; the route accepts it.
    const res = await t.app.request("/webhooks/telegram/555000", {
      method: "POST",
      headers: { "x-telegram-bot-api-secret-token": bot.webhook_secret },
      body: JSON.stringify((fake.addUser({ id: 1, firstName: "A" }), fake.updates.privateText(1, "/start"))),
    });
    expect(res.status).toBe(200);
    expect(t.logger.lines.join("\n")).not.toContain(TOKEN.split(":")[1]);
  });

  it("without PUBLIC_URL: long polling takes updates and answers them through the outbox", async () => {
    const running = await start({});
    fake.addUser({ id: 42, firstName: "Hà" });
    fake.pushUpdate(TOKEN, fake.updates.privateText(42, "/start"));
    await expect.poll(async () => (await t.sqlite.store.db.selectFrom("outbox").select("chat_id").execute()).map((r) => r.chat_id), { timeout: 5_000 }).toContain("42");
    await running?.stop();
    expect(fake.callsTo("deleteWebhook").length + fake.callsTo("getUpdates").length).toBeGreaterThan(0);
  });

  it("an unreachable Telegram is logged and the server goes on without it", async () => {
    fake = await startFakeTelegram();
    t = await makeTestApp();
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url });
    if (!config.ok) throw new Error(config.reason);
    const handler = { store: t.sqlite.store, clock: t.clock, logger: t.logger, publicUrl: "", answerCallback: async () => undefined };
    expect(await startDefaultTelegramBot({ store: t.sqlite.store, config: config.value, logger: t.logger, now: () => t.clock.now(), handler })).toBeUndefined();
    expect(t.logger.lines.some((l) => l.includes("getMe failed"))).toBe(true);
  });
});
