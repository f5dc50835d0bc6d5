// Fan one post out to N groups through the real outbox, the real Telegram sender and grammY,
// against the local fake Bot API enforcing Telegram's limits (30 messages/s per bot, 20/min per
// group). The floor is what those limits allow: N / 30 seconds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { telegramClients, upsertTelegramBot } from "../bots/telegram/registry";
import { telegramSender } from "../bots/telegram/sender";
import { findShopById } from "../src/domain/shops/shops";
import { seedDemoShopIfEmpty } from "../src/domain/shops/demo-seed";
import { drainOutbox } from "../src/domain/outbox/dispatch";
import { sentMessageId } from "../src/domain/outbox/sent-message";
import { createLogger } from "../src/platform/logger";
import { postBroadcast } from "../flows/broadcast/post";
import { startFakeTelegram } from "../test/fakes/telegram-api";
import { migratedDb } from "../test/helpers/test-app";

export interface FanoutResult {
  groups: number;
  seconds: number;
  floorSeconds: number;
  ratio: number;
  delivered: number;
  duplicates: number;
  limitHits: number;
}

const TOKEN = "999000:AAHbenchTokenForBenchmarksOnly_0123";

export async function benchBroadcastFanout(groups: number): Promise<FanoutResult> {
  const dir = mkdtempSync(join(tmpdir(), "cho-chat-bench-"));
  const db = await migratedDb(join(dir, "bench.db"));
  const fake = await startFakeTelegram({ enforceLimits: true });
  try {
    const info = fake.addBot({ token: TOKEN, id: 999000, username: "bench_bot" });
    await seedDemoShopIfEmpty(db.store, new Date(), "Asia/Ho_Chi_Minh");
    await upsertTelegramBot(db.store, { shopId: 1, token: TOKEN, secret: "bench-secret", info }, new Date());
    const now = new Date().toISOString();
    const ids = Array.from({ length: groups }, (_, i) => -400_000 - i);
    for (const id of ids) {
      fake.addGroup({ id, title: `G${id}`, type: "supergroup", botIsAdmin: true });
      await db.store.db.insertInto("shop_groups").values({ shop_id: 1, channel: "telegram", bot_id: "999000", chat_id: String(id), title: `G${id}`, linked: 1, created_at: now, updated_at: now }).execute();
    }
    const clients = telegramClients(db.store, { apiRoot: fake.url, timeoutSeconds: 10 });
    const senders = { telegram: telegramSender({ apiFor: clients.apiFor, fetchLocal: async () => new Response(null, { status: 404 }), now: () => Date.now(), messageIdOf: (k) => sentMessageId(db.store, k) }) };
    const logger = createLogger({ level: "error" });
    const shop = await findShopById(db.store, 1);
    if (!shop) throw new Error("no shop");

    const started = performance.now();
    const posted = await postBroadcast(db.store, shop, { kind: "item", productCode: "A5", sourceKey: "bench" }, new Date());
    if (!posted.ok) throw new Error(posted.reason);
    for (;;) {
      const wait = await drainOutbox(db.store, senders, logger, () => new Date(), { batchSize: 200 });
      if (wait === Infinity) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    const seconds = (performance.now() - started) / 1000;
    const perGroup = ids.map((id) => fake.sent(id).length);
    const floorSeconds = groups / 30;
    return {
      groups,
      seconds,
      floorSeconds,
      ratio: seconds / floorSeconds,
      delivered: perGroup.filter((n) => n >= 1).length,
      duplicates: perGroup.filter((n) => n > 1).length,
      limitHits: fake.limitHits.total,
    };
  } finally {
    await fake.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
