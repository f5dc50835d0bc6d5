import { upsertBot } from "../../src/domain/shops/bots";
import { webchatSender } from "../../bots/webchat/sender";
import { zaloSender } from "../../bots/zalo/sender";
import { zaloClients } from "../../bots/zalo/startup";
import { dispatchOutbox } from "../../src/domain/outbox/dispatch";
import type { Senders } from "../../src/domain/outbox/types";
import { startFakeZalo, type FakeZalo, type ZaloWebhookBody } from "../fakes/zalo-api";
import { makeTestApp, type TestApp } from "./test-app";

export const ZALO_TOKEN = "55667788:zaloFakeTokenForTests-0123456789";
export const ZALO_BOT_ID = "55667788";
export const ZALO_BOT_NAME = "Bot Bếp Nhà Mây";
export const ZALO_SECRET = "zalo-webhook-secret";

export interface ZaloWorld {
  t: TestApp;
  fake: FakeZalo;
  senders: Senders;
  post(body: ZaloWebhookBody | object, secret?: string): Promise<number>;
  flush(stepMs?: number, maxRounds?: number): Promise<void>;
  close(): Promise<void>;
}

/** The app with the demo shop's Zalo bot registered, its sender pointed at a local fake Zalo Bot API. */
export async function zaloWorld(opts: { env?: Record<string, string> } = {}): Promise<ZaloWorld> {
  let clockNow = () => Date.now();
  const fake = await startFakeZalo({ now: () => clockNow() });
  const me = fake.addBot({ token: ZALO_TOKEN, id: ZALO_BOT_ID, name: ZALO_BOT_NAME });
  const t = await makeTestApp({ env: { PUBLIC_URL: "https://cho.example.vn", ...opts.env } });
  clockNow = () => t.clock.now().getTime();
  await upsertBot(t.sqlite.store, { shopId: 1, channel: "zalo", token: ZALO_TOKEN, secret: ZALO_SECRET, username: ZALO_BOT_NAME, info: me }, t.clock.now());
  const clients = zaloClients(t.sqlite.store, fake.url, 2_000);
  const generous = { max: 1000, windowMs: 1000 };
  const senders: Senders = {
    webchat: webchatSender(t.sqlite.store, t.clock),
    zalo: zaloSender({
      store: t.sqlite.store,
      clientFor: clients.clientFor,
      publicUrl: "https://cho.example.vn",
      lang: "vi",
      now: () => t.clock.now().getTime(),
      limits: { perChat: generous, perGroup: generous, perBot: generous },
      isGroupChat: async (chatId) => chatId.startsWith("g"),
    }),
  };
  return {
    t,
    fake,
    senders,
    post: async (body, secret = ZALO_SECRET) =>
      (await t.app.request(`/webhooks/zalo/${ZALO_BOT_ID}`, { method: "POST", headers: { "content-type": "application/json", "x-bot-api-secret-token": secret }, body: JSON.stringify(body) })).status,
    async flush(stepMs = 1_000, maxRounds = 100) {
      for (let i = 0; i < maxRounds; i++) {
        await dispatchOutbox(t.sqlite.store, senders, t.logger, () => t.clock.now(), { batchSize: 100 });
        const due = await t.sqlite.store.db.selectFrom("outbox").select("id").where("status", "in", ["pending", "sending"]).execute();
        if (due.length === 0) return;
        t.clock.advance(stepMs);
      }
    },
    close: async () => {
      await fake.close();
      await t.close();
    },
  };
}

/** A Zalo user in a private chat with the bot: types text and numbers (Zalo has no buttons). */
export class ZaloBuyer {
  constructor(
    private readonly w: ZaloWorld,
    readonly id: string,
  ) {}

  async say(text: string): Promise<string[]> {
    const before = this.w.fake.sent(this.id).length;
    const status = await this.w.post(this.w.fake.updates.privateText(this.id, text));
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    await this.w.flush();
    return this.w.fake.sent(this.id).slice(before).map((m) => m.text ?? m.caption ?? "");
  }

  /** Answers with the number of the choice whose label contains `label` in the bot's last message with choices. */
  async choose(label: string): Promise<string[]> {
    const withChoices = this.w.fake.sent(this.id).filter((m) => /\n1\. /.test(m.text ?? m.caption ?? "")).at(-1);
    const line = (withChoices?.text ?? withChoices?.caption ?? "").split("\n").find((l) => /^\d+\. /.test(l) && l.includes(label));
    const n = line ? /^(\d+)\./.exec(line)?.[1] : undefined;
    if (!n) throw new Error(`no choice "${label}" in: ${withChoices?.text ?? "(none)"}`);
    return this.say(n);
  }

  get texts(): string[] {
    return this.w.fake.sent(this.id).map((m) => m.text ?? m.caption ?? "");
  }

  get last(): string {
    return this.texts.at(-1) ?? "";
  }
}
