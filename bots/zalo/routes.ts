import { requestText } from "../../src/http/request-text";
import { Hono } from "hono";
import { findBot } from "../../src/domain/shops/bots";
import { jsonError, jsonRetryLater } from "../../src/http/errors";
import { constantTimeEqual } from "../../src/platform/crypto";
import { refuseWebhook } from "../../src/http/webhook-refusal";
import { zaloWebhookBody } from "./convert";
import { handleZaloUpdate, type ZaloHandlerDeps } from "./handle-update";

/**
 * POST /webhooks/zalo/:botId (CONTRACT.md): `X-Bot-Api-Secret-Token` is checked before the body
 * is read (ZALO.md §1.4); a repeated event is 200 with no effect.
 */
export function zaloWebhook(deps: ZaloHandlerDeps): Hono {
  const app = new Hono();
  app.post("/:botId", async (c) => {
    const botId = c.req.param("botId");
    const bot = /^\d{1,30}$/.test(botId) ? await findBot(deps.store, "zalo", botId) : undefined;
    if (!bot) return jsonError(c, 404, "unknown bot");
    const secret = c.req.header("x-bot-api-secret-token");
    if (!constantTimeEqual(secret ?? "", bot.webhook_secret)) {
      // Logged (never the header's value), so a secret that stopped matching after a redeploy shows up.
      return refuseWebhook(c, deps.logger, { route: "zalo", bot: botId, status: 401, reason: "wrong secret", detail: secret === undefined ? "no secret header" : "secret header does not match" });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await requestText(c));
    } catch {
      return jsonError(c, 400, "malformed JSON");
    }
    const body = zaloWebhookBody.safeParse(raw);
    if (!body.success) return jsonError(c, 400, "not a Zalo update");
    if ((await handleZaloUpdate(deps, bot, body.data)) === "busy") return jsonRetryLater(c, 503, 5, "this update is still being handled");
    return c.json({ ok: true });
  });
  return app;
}
