import { Api } from "grammy";
import type { Store } from "../../src/db/store";
import { findBot } from "../../src/domain/shops/bots";
import { businessConnectionById } from "../../src/domain/shops/business-connections";
import type { OutboundSender } from "../../src/domain/outbox/types";
import { telegramSender, type TelegramSenderDeps } from "../telegram/sender";

// The Bot API methods that act in a business chat when given the connection (Bot API 7.2+).
const ON_BEHALF = new Set(["sendMessage", "sendPhoto", "sendMediaGroup", "sendDocument", "sendChatAction", "editMessageText", "editMessageCaption", "editMessageReplyMarkup"]);

/**
 * The bot's grammY client for one connection: the same client, with `business_connection_id` added
 * to every call that sends or edits, so the Telegram sender works unchanged.
 */
export function businessClients(store: Store, opts: { apiRoot: string; timeoutSeconds: number }) {
  const clients = new Map<string, Api>();
  return {
    async apiFor(connectionId: string): Promise<Api | undefined> {
      const cached = clients.get(connectionId);
      if (cached) return cached;
      const connection = await businessConnectionById(store, connectionId);
      const bot = connection ? await findBot(store, "telegram", connection.bot_id) : undefined;
      if (!bot) return undefined;
      const api = new Api(bot.token, { apiRoot: opts.apiRoot, timeoutSeconds: opts.timeoutSeconds });
      api.config.use((prev, method, payload, signal) => prev(method, ON_BEHALF.has(method) ? { ...payload, business_connection_id: connectionId } : payload, signal));
      clients.set(connectionId, api);
      return api;
    },
  };
}

/** Sends the telegram-business channel's outbox rows (their "bot" is the connection) through the shop's bot, on the seller's behalf. */
export function telegramBusinessSender(deps: Omit<TelegramSenderDeps, "apiFor"> & { store: Store; apiRoot: string; timeoutSeconds: number }): OutboundSender {
  const clients = businessClients(deps.store, { apiRoot: deps.apiRoot, timeoutSeconds: deps.timeoutSeconds });
  return telegramSender({ ...deps, apiFor: clients.apiFor });
}
