import type { Update } from "grammy/types";
import { telegramClients, upsertTelegramBot } from "../../bots/telegram/registry";
import { telegramSender } from "../../bots/telegram/sender";
import { telegramBusinessSender } from "../../bots/telegram-business/sender";
import { webchatSender } from "../../bots/webchat/sender";
import { dispatchOutbox } from "../../src/domain/outbox/dispatch";
import { sentMessageId } from "../../src/domain/outbox/sent-message";
import type { Senders } from "../../src/domain/outbox/types";
import type { Limit } from "../../src/domain/outbox/rate-limiter";
import { startFakeTelegram, type FakeTelegram, type SentMessage } from "../fakes/telegram-api";
import { makeTestApp, type TestApp } from "./test-app";

export const BOT_TOKEN = "123456:AAHfakeTokenForTestsOnly_abcdefghij";
export const BOT_ID = "123456";
export const BOT_USERNAME = "bep_nha_may_bot";
export const SECRET = "test-webhook-secret";

export interface TelegramWorld {
  t: TestApp;
  fake: FakeTelegram;
  senders: Senders;
  /** POSTs an update to the real webhook route; returns the HTTP status. */
  post(update: Update, secret?: string): Promise<number>;
  /** Runs the outbox dispatcher until nothing more is due now (moving the clock `stepMs` between rounds). */
  flush(stepMs?: number, maxRounds?: number): Promise<void>;
  close(): Promise<void>;
}

/** The app with the demo shop's Telegram bot registered, its sender pointed at a local fake Bot API. */
export async function telegramWorld(opts: { limits?: Partial<{ perChat: Limit; perGroup: Limit; perBot: Limit }>; enforceLimits?: boolean; env?: Record<string, string> } = {}): Promise<TelegramWorld> {
  let clockNow = () => Date.now();
  const fake = await startFakeTelegram({ now: () => clockNow(), enforceLimits: opts.enforceLimits ?? false });
  const info = fake.addBot({ token: BOT_TOKEN, id: Number(BOT_ID), username: BOT_USERNAME, firstName: "Bếp Nhà Mây" });
  let appRef: TestApp | undefined;
  const deps = {
    answerTelegramCallback: async (botId: string, callbackId: string) => {
      const api = await clients.apiFor(botId);
      await api?.answerCallbackQuery(callbackId).catch(() => undefined);
    },
  };
  const t = await makeTestApp({ env: { ...opts.env }, deps });
  appRef = t;
  clockNow = () => t.clock.now().getTime();
  const clients = telegramClients(t.sqlite.store, { apiRoot: fake.url, timeoutSeconds: 2 });
  await upsertTelegramBot(t.sqlite.store, { shopId: 1, token: BOT_TOKEN, secret: SECRET, info }, t.clock.now());
  const generous: Limit = { max: 1000, windowMs: 1000 };
  const senders: Senders = {
    webchat: webchatSender(t.sqlite.store, t.clock),
    telegram: telegramSender({
      apiFor: clients.apiFor,
      fetchLocal: async (p) => (appRef as TestApp).app.request(p),
      now: () => t.clock.now().getTime(),
      messageIdOf: (key) => sentMessageId(t.sqlite.store, key),
      limits: opts.limits ?? { perChat: generous, perGroup: generous, perBot: generous },
    }),
    "telegram-business": telegramBusinessSender({
      store: t.sqlite.store,
      apiRoot: fake.url,
      timeoutSeconds: 2,
      fetchLocal: async (p) => (appRef as TestApp).app.request(p),
      now: () => t.clock.now().getTime(),
      messageIdOf: (key) => sentMessageId(t.sqlite.store, key),
      limits: opts.limits ?? { perChat: generous, perGroup: generous, perBot: generous },
    }),
  };
  return {
    t,
    fake,
    senders,
    post: async (update, secret = SECRET) =>
      (await t.app.request(`/webhooks/telegram/${BOT_ID}`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(update) })).status,
    async flush(stepMs = 0, maxRounds = 200) {
      for (let i = 0; i < maxRounds; i++) {
        await dispatchOutbox(t.sqlite.store, senders, t.logger, t.clock.now(), { batchSize: 100 });
        const due = await t.sqlite.store.db.selectFrom("outbox").select("id").where("status", "in", ["pending", "sending"]).execute();
        if (due.length === 0) return;
        if (stepMs) t.clock.advance(stepMs);
      }
    },
    close: async () => {
      await fake.close();
      await t.close();
    },
  };
}

/** The inline buttons of a sent message, flattened. */
export function inlineButtons(m: SentMessage | undefined): { text: string; callback_data?: string; url?: string }[] {
  const markup = m?.replyMarkup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

/** A Telegram user talking to the bot in private through the fake: types, taps, shares a contact. */
export class TelegramBuyer {
  constructor(
    private readonly w: TelegramWorld,
    readonly id: number,
  ) {}

  private async send(update: Update): Promise<SentMessage[]> {
    const before = this.w.fake.sent(this.id).length;
    const status = await this.w.post(update);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    // Let time pass while replies wait for a chat's rate limit (tests with Telegram's real limits).
    await this.w.flush(1_000);
    return this.w.fake.sent(this.id).slice(before);
  }

  say(text: string) {
    return this.send(this.w.fake.updates.privateText(this.id, text));
  }

  shareContact(phone: string, ownContact = true) {
    return this.send(this.w.fake.updates.contact(this.id, phone, { ownContact }));
  }

  /** Taps the newest button whose label contains `label`, on whatever message carries it. */
  async tap(label: string): Promise<SentMessage[]> {
    const messages = this.w.fake.sent(this.id).filter((m) => inlineButtons(m).some((b) => b.text.includes(label) && b.callback_data));
    const target = messages.at(-1);
    const data = inlineButtons(target).find((b) => b.text.includes(label))?.callback_data;
    if (!target || !data) throw new Error(`no button "${label}" in this chat`);
    return this.send(this.w.fake.updates.callback(this.id, target, data));
  }

  /** Every text (or caption) the bot sent this buyer, in order. */
  get texts(): string[] {
    return this.w.fake.sent(this.id).map((m) => m.text ?? m.caption ?? "");
  }

  get last(): string {
    return this.texts.at(-1) ?? "";
  }
}

