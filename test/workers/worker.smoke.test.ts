import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetCatalog } from "../../src/web/asset-catalog";
import { readAssetFiles } from "../../src/web/assets-from-disk";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-api";
import { startFakeZalo, type FakeZalo } from "../fakes/zalo-api";
import { serverAt, WebChatUser } from "../helpers/test-app";
import { runWrangler, startWranglerDev, type WranglerDev } from "../helpers/wrangler-dev";

// The real runtime: the app bundled by wrangler, running in workerd over a local D1 with the same
// migrations, as `npx wrangler dev` serves it.
const ADMIN = "worker-admin-token-0123456789";
const TOKEN = "777111:AAHworkerSmokeTokenForTests_0123456";
const ZALO_TOKEN = "88990011:zaloWorkerSmokeToken-0123456789";
const ZALO_USER = "6ede9afa66b88fe6d6a9";
const PUBLIC_URL = "https://cho-chat.example.workers.dev";

let url = "";
let dev: WranglerDev | undefined;
let fake: FakeTelegram;
let zalo: FakeZalo;

const d1 = (command: string) => dev!.d1(command);
const d1Rows = <T>(command: string) => dev!.d1<T>(command);
/** The webhook secret the server derives for a token (bots.webhookSecretFor), computed here independently. */
async function derivedSecret(channel: "telegram" | "zalo", token: string): Promise<string> {
  const [row] = await d1Rows<{ value: string }>("SELECT value FROM settings WHERE key = 'server_secret'");
  if (!row) throw new Error("no server secret in D1");
  return createHmac("sha256", row.value).update(`${channel}-webhook:${token}`).digest("hex").slice(0, 48);
}

beforeAll(async () => {
  fake = await startFakeTelegram();
  fake.addBot({ token: TOKEN, id: 777111, username: "worker_bot" });
  fake.addUser({ id: 501, firstName: "Huệ" });
  zalo = await startFakeZalo();
  zalo.addBot({ token: ZALO_TOKEN, id: "88990011", name: "Bot Worker Smoke" });
  zalo.addUser({ id: ZALO_USER, name: "Lan" });
  // No migrations step: the Worker applies the bundled migrations itself, as plain `npx wrangler dev` needs.
  dev = await startWranglerDev({
    prefix: "cho-chat-d1-",
    vars: {
      ADMIN_TOKEN: ADMIN,
      SEPAY_API_KEY: "worker_sepay_key",
      TELEGRAM_API_ROOT: fake.url,
      // The bots as `wrangler secret put` gives them: no row is inserted by hand, the Worker registers them.
      TELEGRAM_BOT_TOKEN: TOKEN,
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_API_ROOT: zalo.url,
      PUBLIC_URL,
    },
  });
  url = dev.url;
}, 180_000);

afterAll(async () => {
  dev?.stop();
  await fake?.close();
  await zalo?.close();
});

const api = async (path: string, init: RequestInit = {}) => fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json", ...init.headers } });

describe("the same app in workerd with D1", () => {
  it("serves the demo shop and takes a web chat order end to end", async () => {
    const remote = serverAt(url);
    const user = new WebChatUser(remote);
    await user.open();
    expect(user.text).toContain("Bếp Nhà Mây");
    await user.say("A8");
    await user.say("2");
    await user.pickUpFromCart();
    await user.tap("Xác nhận đặt");
    await user.tap("Chuyển khoản");
    const code = /CC[A-Z2-9]{6}/.exec(user.text)?.[0] ?? "";
    expect(code).toMatch(/^CC/);
    const stock = (await (await api("/api/shops/demo/products")).json()) as { code: string; stock: number }[];
    expect(stock.find((p) => p.code === "A8")?.stock).toBe(58);

    // A SePay webhook pays it.
    const paid = await fetch(`${url}/webhooks/sepay/demo`, {
      method: "POST",
      headers: { authorization: "Apikey worker_sepay_key", "content-type": "application/json" },
      body: JSON.stringify({ id: 1, transferType: "in", transferAmount: 30_000, content: `${code} chuyen tien`, accountNumber: "0011001932418" }),
    });
    expect(paid.status).toBe(200);
    expect((await fetch(`${url}/webhooks/sepay/demo`, { method: "POST", headers: { authorization: "Apikey wrong" }, body: "{}" })).status).toBe(401);
    const order = (await (await api(`/api/shops/demo/orders/${code}`)).json()) as { paymentStatus: string; status: string };
    expect(order).toMatchObject({ paymentStatus: "paid", status: "confirmed" });
  }, 60_000);

  it("serves the pages' stylesheets and scripts bundled as text: the chat page's inline script, a dashboard script file", async () => {
    const page = await (await fetch(`${url}/chat/demo`)).text();
    const files = readAssetFiles();
    const chatJs = files.find((f) => f.name === "chat.js")?.text ?? "";
    expect(chatJs.length).toBeGreaterThan(100);
    expect(page).toContain(chatJs.trim().slice(0, 80));
    const href = assetCatalog(files).href("orders-live.js");
    const res = await fetch(`${url}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(await res.text()).toBe(files.find((f) => f.name === "orders-live.js")?.text);
  });

  it("registers TELEGRAM_BOT_TOKEN by itself (one getMe), checks the derived webhook secret and answers through grammY", async () => {
    expect(fake.callsTo("getMe")).toHaveLength(1);
    const secret = await derivedSecret("telegram", TOKEN);
    const rows = await d1Rows<{ shop_id: number; username: string; webhook_secret: string }>("SELECT shop_id, username, webhook_secret FROM bots WHERE channel = 'telegram' AND platform_id = '777111'");
    expect(rows).toEqual([{ shop_id: 1, username: "worker_bot", webhook_secret: secret }]);
    const update = fake.updates.privateText(501, "/start");
    const post = (s: string) => fetch(`${url}/webhooks/telegram/777111`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": s }, body: JSON.stringify(update) });
    expect((await post("forged")).status).toBe(401);
    expect((await post(secret)).status).toBe(200);
    expect((await post(secret)).status).toBe(200);
    await expect.poll(() => fake.sent(501).length, { timeout: 15_000 }).toBe(1);
    expect(fake.sent(501)[0]?.text).toContain("Chào bạn! Đây là Bếp Nhà Mây.");
    expect(dev!.output()).not.toContain(TOKEN.split(":")[1]);
  }, 60_000);

  it("registers ZALO_BOT_TOKEN the same way: a signed Zalo update is answered, a forged one is 401", async () => {
    expect(zalo.callsTo("getMe")).toHaveLength(1);
    const secret = await derivedSecret("zalo", ZALO_TOKEN);
    const body = JSON.stringify(zalo.updates.privateText(ZALO_USER, "/start"));
    const post = (s: string) => fetch(`${url}/webhooks/zalo/88990011`, { method: "POST", headers: { "content-type": "application/json", "x-bot-api-secret-token": s }, body });
    expect((await post("forged-secret")).status).toBe(401);
    expect((await post(secret)).status).toBe(200);
    await expect.poll(() => zalo.sent(ZALO_USER).length, { timeout: 15_000 }).toBeGreaterThan(0);
  }, 60_000);

  it("with PUBLIC_URL, the first cron tick sets each env bot's webhook with its derived secret, once", async () => {
    // Not at the first request: the webhook is a cron tick's job.
    expect(fake.callsTo("setWebhook")).toHaveLength(0);
    expect(zalo.callsTo("setWebhook")).toHaveLength(0);
    expect((await fetch(`${url}/__scheduled?cron=*+*+*+*+*`)).status).toBe(200);
    await expect.poll(() => fake.callsTo("setWebhook").length, { timeout: 15_000 }).toBe(1);
    expect(fake.callsTo("setWebhook")[0]?.params).toEqual({
      url: `${PUBLIC_URL}/webhooks/telegram/777111`,
      secret_token: await derivedSecret("telegram", TOKEN),
      allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member", "business_connection", "business_message"],
    });
    await expect.poll(() => zalo.callsTo("setWebhook").length, { timeout: 15_000 }).toBe(1);
    expect(zalo.webhook(ZALO_TOKEN)).toEqual({ url: `${PUBLIC_URL}/webhooks/zalo/88990011`, secret: await derivedSecret("zalo", ZALO_TOKEN) });
    // A second tick finds it done (the next test's tick proves it finished before counting again).
    expect((await fetch(`${url}/__scheduled?cron=*+*+*+*+*`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.callsTo("setWebhook")).toHaveLength(1);
    expect(zalo.callsTo("setWebhook")).toHaveLength(1);
  }, 60_000);

  it("runs the jobs from a scheduled event: an expired draft is cancelled and its stock returns", async () => {
    const remote = serverAt(url);
    const user = new WebChatUser(remote);
    await user.open();
    await user.say("A4");
    await user.say("1");
    await user.pickUpFromCart();
    await user.tap("Xác nhận đặt");
    const code = /CC[A-Z2-9]{6}/.exec(user.text)?.[0] ?? "";
    await d1(`UPDATE orders SET expires_at = '2000-01-01T00:00:00.000Z' WHERE code = '${code}'`);
    const res = await fetch(`${url}/__scheduled?cron=*+*+*+*+*`);
    expect(res.status).toBe(200);
    await expect
      .poll(async () => ((await (await api(`/api/shops/demo/orders/${code}`)).json()) as { status: string }).status, { timeout: 15_000 })
      .toBe("cancelled");
    const products = (await (await api("/api/shops/demo/products")).json()) as { code: string; stock: number }[];
    expect(products.find((p) => p.code === "A4")?.stock).toBe(3);
    // This tick ran its jobs, so its webhook step ran before them: still the one setWebhook of the first tick.
    expect(fake.callsTo("setWebhook")).toHaveLength(1);
    expect(zalo.callsTo("setWebhook")).toHaveLength(1);
  }, 60_000);

  it("two buyers racing for the last units on D1 never oversell (atomic batches, no locks)", async () => {
    const remote = serverAt(url);
    const buyers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const user = new WebChatUser(remote);
        await user.open();
        await user.say("A7");
        await user.tap("Ít mỡ");
        await user.say("2");
        await user.pickUpFromCart();
        return user;
      }),
    );
    await d1("UPDATE products SET stock = 5 WHERE code = 'A7'");
    await Promise.all(buyers.map((b) => b.tap("Xác nhận đặt")));
    const won = buyers.filter((b) => /đã giữ hàng cho bạn/.test(b.text)).length;
    expect(won).toBe(2);
    const products = (await (await api("/api/shops/demo/products")).json()) as { code: string; stock: number }[];
    expect(products.find((p) => p.code === "A7")?.stock).toBe(1);
  }, 90_000);

  it("the Worker's migrations land in wrangler's own ledger: wrangler finds nothing left to apply", async () => {
    const { stdout } = await runWrangler(["d1", "migrations", "list", "DB", "--local", "--persist-to", dev!.dir]);
    expect(stdout).toMatch(/No migrations to apply/i);
  }, 60_000);
});
