import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureOperator } from "../../src/domain/auth/accounts";
import { createLogger } from "../../src/platform/logger";
import { configSecrets, loadConfig } from "../../src/config";
import { DashboardClient } from "../helpers/dashboard";
import { BOT_ID, telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";
import { ADMIN_TOKEN } from "../helpers/test-app";

const SECRETS = {
  SEPAY_API_KEY: "sepay_secret_value_7781",
  CASSO_WEBHOOK_SECRET: "casso_secret_value_5521",
  PAYOS_CHECKSUM_KEY: "payos_secret_value_9904",
  ADMIN_PASSWORD: "operator-secret-password-1",
};
const TOKEN_SECRET = "AAHfakeTokenForTestsOnly_abcdefghij";

let w: TelegramWorld;
beforeEach(async () => {
  w = await telegramWorld({ env: { ...SECRETS } });
  w.fake.addUser({ id: 5001, firstName: "An" });
});
afterEach(async () => {
  await w.close();
});

describe("secrets never leak", () => {
  it("not in logs, error bodies, pages, the operator API or stored errors — even when things fail", async () => {
    const seen: string[] = [];
    const record = async (res: Response) => {
      seen.push(await res.clone().text());
      return res;
    };
    // Forged webhooks of every kind, and malformed ones.
    for (const path of ["/webhooks/sepay/demo", "/webhooks/casso/demo", "/webhooks/payos/demo", `/webhooks/telegram/${BOT_ID}`, "/webhooks/zalo/1"]) {
      await record(await w.t.app.request(path, { method: "POST", headers: { authorization: "Apikey nope", "x-telegram-bot-api-secret-token": "nope" }, body: "{bad json" }));
      await record(await w.t.app.request(path, { method: "POST", headers: { authorization: `Apikey ${SECRETS.SEPAY_API_KEY}x` }, body: "{}" }));
    }
    // Telegram failing in every way while the bot answers (the URL of each call holds the token).
    w.fake.inject({ method: "sendMessage", times: 1, fault: { kind: "5xx-html" } });
    w.fake.inject({ method: "sendMessage", times: 1, fault: { kind: "drop" } });
    w.fake.inject({ method: "sendMessage", times: 1, fault: { kind: "400", description: "Bad Request: chat not found" } });
    const an = new TelegramBuyer(w, 5001);
    await an.say("/start");
    await an.say("/menu");
    await w.flush(60_000, 20);
    // Pages and APIs an operator sees.
    await ensureOperator(w.t.sqlite.store, SECRETS.ADMIN_PASSWORD, w.t.clock.now());
    const dash = await DashboardClient.asOperator(w.t).catch(async () => {
      const c = new DashboardClient(w.t);
      await c.login("admin", SECRETS.ADMIN_PASSWORD);
      return c;
    });
    for (const page of ["/dashboard", "/dashboard/payments", "/dashboard/shops", "/dashboard/catalog"]) seen.push((await dash.get(page)).html);
    for (const api of ["/api/shops/demo/orders", "/api/shops/demo/payments", "/api/shops/demo/products"]) {
      await record(await w.t.app.request(api, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }));
    }
    const stored = await w.t.sqlite.store.db.selectFrom("outbox").select(["last_error", "result"]).execute();
    const haystack = [...w.t.logger.lines, ...seen, ...stored.map((s) => `${s.last_error ?? ""} ${s.result ?? ""}`)].join("\n");
    expect(haystack.length).toBeGreaterThan(1000);
    for (const secret of [...Object.values(SECRETS), TOKEN_SECRET, ADMIN_TOKEN]) expect(haystack, `leaked: ${secret.slice(0, 6)}…`).not.toContain(secret);
    // The failures really happened (so their error paths were exercised).
    expect(w.fake.calls.filter((c) => c.fault).map((c) => c.fault)).toEqual(expect.arrayContaining(["5xx-html", "drop"]));
  }, 60_000);

  it("the production logger masks every configured secret and any bot token, wherever it appears", () => {
    const config = loadConfig({ ...SECRETS, TELEGRAM_BOT_TOKEN: `123456:${TOKEN_SECRET}`, ADMIN_TOKEN });
    if (!config.ok) throw new Error(config.reason);
    const lines: string[] = [];
    const logger = createLogger({ secrets: configSecrets(config.value), write: (l) => lines.push(l) });
    logger.error("boom", { url: `https://api.telegram.org/bot123456:${TOKEN_SECRET}/sendMessage`, key: SECRETS.SEPAY_API_KEY, error: new Error(`failed with ${SECRETS.PAYOS_CHECKSUM_KEY}`), other: "999999:ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ" });
    const line = lines.join("\n");
    for (const secret of [...Object.values(SECRETS), TOKEN_SECRET, "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"]) expect(line).not.toContain(secret);
    expect(line).toContain("[token]");
    expect(line).toContain("[secret]");
  });
});
