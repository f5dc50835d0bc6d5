import { requestText } from "../../src/http/request-text";
import { Hono } from "hono";
import type { Update } from "grammy/types";
import { jsonError, jsonRetryLater } from "../../src/http/errors";
import { constantTimeEqual } from "../../src/platform/crypto";
import { refuseWebhook } from "../../src/http/webhook-refusal";
import { handleTelegramUpdate, type TelegramHandlerDeps } from "./handle-update";
import { findTelegramBot } from "./registry";

/**
 * POST /webhooks/telegram/:botId (CONTRACT.md): the secret header is checked before the body is
 * read; an unknown bot is 404; a repeated update_id is 200 with no effect. Only an unexpected
 * failure is a 5xx, so Telegram resends, and the update id keeps that resend harmless.
 */
export function telegramWebhook(deps: TelegramHandlerDeps): Hono {
  const app = new Hono();
  app.post("/:botId", async (c) => {
    const botId = c.req.param("botId");
    const bot = /^\d{1,20}$/.test(botId) ? await findTelegramBot(deps.store, botId) : undefined;
    if (!bot) return jsonError(c, 404, "unknown bot");
    const secret = c.req.header("x-telegram-bot-api-secret-token");
    if (!constantTimeEqual(secret ?? "", bot.webhook_secret)) {
      // Logged (never the header's value), so a secret that stopped matching after a redeploy shows up.
      return refuseWebhook(c, deps.logger, { route: "telegram", bot: botId, status: 401, reason: "wrong secret", detail: secret === undefined ? "no secret header" : "secret header does not match" });
    }
    let update: unknown;
    try {
      update = JSON.parse(await requestText(c));
    } catch {
      return jsonError(c, 400, "malformed JSON");
    }
    if (!update || typeof update !== "object" || !Number.isSafeInteger((update as { update_id?: unknown }).update_id)) return jsonError(c, 400, "not a Telegram update");
    if ((await handleTelegramUpdate(deps, bot, update as Update)) === "busy") return jsonRetryLater(c, 503, 5, "this update is still being handled");
    return c.json({ ok: true });
  });
  return app;
}
