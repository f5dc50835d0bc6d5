import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { configSecrets, loadConfig } from "../../src/config";
import { openSqlite } from "../../src/db/sqlite";
import { keyringFrom, UnreadableSecretError } from "../../src/domain/secrets/keyring";
import { resealSecrets } from "../../src/domain/secrets/reseal";
import { openSecret, sealSecret, setShopPaymentKey, shopPaymentKey } from "../../src/domain/secrets/sealed";
import { findBot, upsertBot, webhookSecretFor } from "../../src/domain/shops/bots";
import { serverSecret } from "../../src/domain/shops/settings";
import { createLogger } from "../../src/platform/logger";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-api";
import { startChildServer, type ChildServer } from "../helpers/child-server";
import { DashboardClient } from "../helpers/dashboard";
import { makeTestApp, migratedDb, type TestApp } from "../helpers/test-app";

// Issue 18 item 9: bot tokens, webhook secrets and payment keys were stored in clear in the database
// (and so in every backup), and the files were created readable by everyone (0644).

const KEY_A = "first-data-key-for-tests-0123456789abcdef";
const KEY_B = "second-data-key-for-tests-9876543210fedcba";
const TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const TOKEN_SECRET = TOKEN.split(":")[1] as string;
const KEYS = { sepay: "sepay_key_at_rest_4471", casso: "casso_secret_at_rest_8812", payos: "payos_checksum_at_rest_3390" } as const;

let t: TestApp | undefined;
let dir = "";
let server: ChildServer | undefined;
let fake: FakeTelegram | undefined;
afterEach(async () => {
  await server?.stop().catch(() => undefined);
  server = undefined;
  await fake?.close();
  fake = undefined;
  await t?.close();
  t = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = "";
});

/** Every text value in every table, as one string. */
function everythingStored(raw: BetterSqlite3.Database): string {
  const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
  return tables.map((name) => JSON.stringify(raw.prepare(`SELECT * FROM "${name}"`).all())).join("\n");
}

const storedSecrets = (raw: BetterSqlite3.Database) => [
  ...(raw.prepare("SELECT token, webhook_secret FROM bots").all() as { token: string; webhook_secret: string }[]).flatMap((b) => [b.token, b.webhook_secret]),
  ...(raw.prepare("SELECT sepay_api_key, casso_webhook_secret, payos_checksum_key FROM shops WHERE slug = 'demo'").all() as Record<string, string>[]).flatMap((s) => Object.values(s)),
  ...(raw.prepare("SELECT value FROM settings WHERE key = 'server_secret'").all() as { value: string }[]).map((r) => r.value),
];

describe("secrets at rest with DATA_KEY", () => {
  it("bot tokens, webhook secrets, payment keys and the server secret are stored sealed; webhooks and pages work as before", async () => {
    t = await makeTestApp();
    t.sqlite.store.keyring = await keyringFrom(KEY_A);
    const client = await DashboardClient.asOperator(t);
    await client.get("/dashboard/shops?shop=demo");
    expect((await client.post("/dashboard/shops/bots", { shop: "demo", channel: "telegram", token: TOKEN })).status).toBe(303);
    await client.get("/dashboard/payments?shop=demo");
    for (const [provider, key] of Object.entries(KEYS)) expect((await client.post("/dashboard/payments/keys", { shop: "demo", provider, key })).status).toBe(303);

    const stored = storedSecrets(t.sqlite.raw);
    expect(stored).toHaveLength(6);
    for (const value of stored) expect(value).toMatch(/^enc:v1:[0-9a-f]{16}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22,}$/);
    const webhookSecret = await webhookSecretFor(t.sqlite.store, TOKEN);
    const all = everythingStored(t.sqlite.raw);
    for (const secret of [TOKEN_SECRET, webhookSecret, await serverSecret(t.sqlite.store), ...Object.values(KEYS)]) expect(all).not.toContain(secret);

    // The app reads them through the one module: the webhook takes the right secret only, SePay its key only.
    const update = { update_id: 1, message: { message_id: 1, date: 1, chat: { id: 5, type: "private", first_name: "A" }, from: { id: 5, is_bot: false, first_name: "A" }, text: "/start" } };
    const tg = (secret: string) => t!.app.request("/webhooks/telegram/7012345678", { method: "POST", headers: { "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(update) });
    expect((await tg("wrong-secret")).status).toBe(401);
    expect((await tg(webhookSecret)).status).toBe(200);
    const sepay = (key: string) => t!.app.request("/webhooks/sepay/demo", { method: "POST", headers: { authorization: `Apikey ${key}` }, body: JSON.stringify({ id: 1, gateway: "VCB", transactionDate: "2026-11-23 10:00:00", accountNumber: "1", content: "x", transferType: "in", transferAmount: 1000 }) });
    expect((await sepay(`${KEYS.sepay}x`)).status).toBe(401);
    expect((await sepay(KEYS.sepay)).status).toBe(200);
    expect((await findBot(t.sqlite.store, "telegram", "7012345678"))?.token).toBe(TOKEN);
    // Pages show the opened values masked, as before.
    const page = await client.get("/dashboard/payments?shop=demo");
    expect(page.html).toContain(`••••${KEYS.sepay.slice(-4)}`);
    expect(page.html).not.toContain("enc:v1:");
    expect((await client.get("/dashboard/shops?shop=demo")).html).toContain(`7012345678:…${TOKEN.slice(-4)}`);
  });

  it("values stored in clear before DATA_KEY still read, and the start-up step seals them", async () => {
    t = await makeTestApp();
    const store = t.sqlite.store;
    await upsertBot(store, { shopId: 1, channel: "telegram", token: TOKEN, secret: "clear-webhook-secret", username: null, info: null }, t.clock.now());
    await setShopPaymentKey(store, 1, "sepay", KEYS.sepay);
    const secretBefore = await serverSecret(store);
    expect(storedSecrets(t.sqlite.raw)).toEqual(expect.arrayContaining([TOKEN, "clear-webhook-secret", KEYS.sepay, secretBefore]));

    store.keyring = await keyringFrom(KEY_A);
    // Read as they are until re-sealed...
    expect((await findBot(store, "telegram", "7012345678"))?.webhook_secret).toBe("clear-webhook-secret");
    const report = await resealSecrets(store);
    expect(report).toEqual({ resealed: 4, unreadable: [], more: false });
    for (const value of storedSecrets(t.sqlite.raw).filter(Boolean)) expect(value).toMatch(/^enc:v1:/);
    // ...and the same after.
    expect(await findBot(store, "telegram", "7012345678")).toMatchObject({ token: TOKEN, webhook_secret: "clear-webhook-secret" });
    expect(await shopPaymentKey(store, (await store.db.selectFrom("shops").selectAll().where("id", "=", 1).executeTakeFirstOrThrow()), "sepay")).toBe(KEYS.sepay);
    expect(await serverSecret(store)).toBe(secretBefore);
    // A second run finds nothing to do.
    expect(await resealSecrets(store)).toEqual({ resealed: 0, unreadable: [], more: false });
  });

  it("rotation: DATA_KEY_PREVIOUS still reads, the re-seal moves every value to the new key; a wrong key is refused, never misread", async () => {
    t = await makeTestApp();
    const store = t.sqlite.store;
    store.keyring = await keyringFrom(KEY_A);
    await upsertBot(store, { shopId: 1, channel: "telegram", token: TOKEN, secret: "rotating-webhook-secret", username: null, info: null }, t.clock.now());
    await setShopPaymentKey(store, 1, "payos", KEYS.payos);
    const sealedWithA = storedSecrets(t.sqlite.raw).filter(Boolean);
    const idOf = (v: string) => v.split(":")[2];
    const idA = (await keyringFrom(KEY_A)).current?.id;
    const idB = (await keyringFrom(KEY_B)).current?.id;
    expect(sealedWithA.map(idOf)).toEqual(sealedWithA.map(() => idA));

    // The new key alone cannot open the old values: an error naming the column, not a wrong secret.
    store.keyring = await keyringFrom(KEY_B);
    await expect(findBot(store, "telegram", "7012345678")).rejects.toThrow(UnreadableSecretError);
    await expect(findBot(store, "telegram", "7012345678")).rejects.toThrow(/bots\.token: sealed with a key that is neither DATA_KEY nor one of DATA_KEY_PREVIOUS/);
    const refused = await resealSecrets(store);
    expect(refused.resealed).toBe(0);
    expect(refused.unreadable).toEqual(expect.arrayContaining(["bots.token", "bots.webhook_secret", "shops.payos_checksum_key"]));
    expect(storedSecrets(t.sqlite.raw).filter(Boolean)).toEqual(sealedWithA);

    // DATA_KEY=B with DATA_KEY_PREVIOUS=A: reads, then re-seals everything with B.
    store.keyring = await keyringFrom(KEY_B, [KEY_A]);
    expect((await findBot(store, "telegram", "7012345678"))?.token).toBe(TOKEN);
    expect((await resealSecrets(store)).resealed).toBe(sealedWithA.length);
    expect(storedSecrets(t.sqlite.raw).filter(Boolean).map(idOf)).toEqual(sealedWithA.map(() => idB));
    // From now on B alone is enough.
    store.keyring = await keyringFrom(KEY_B);
    expect(await findBot(store, "telegram", "7012345678")).toMatchObject({ token: TOKEN, webhook_secret: "rotating-webhook-secret" });

    // Turning encryption off: no DATA_KEY, the last key as DATA_KEY_PREVIOUS, and the values go back to clear.
    store.keyring = await keyringFrom(undefined, [KEY_B]);
    await resealSecrets(store);
    expect(storedSecrets(t.sqlite.raw)).toEqual(expect.arrayContaining([TOKEN, "rotating-webhook-secret", KEYS.payos]));
  });

  it("a sealed value copied into another column, or tampered with, does not open", async () => {
    t = await makeTestApp();
    t.sqlite.store.keyring = await keyringFrom(KEY_A);
    const sealed = await sealSecret(t.sqlite.store, "shops.sepay_api_key", KEYS.sepay);
    expect(await openSecret(t.sqlite.store, "shops.sepay_api_key", sealed)).toBe(KEYS.sepay);
    await expect(openSecret(t.sqlite.store, "shops.payos_checksum_key", sealed)).rejects.toThrow(/moved from another column/);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("A") ? "B" : "A") + sealed.slice(-1);
    await expect(openSecret(t.sqlite.store, "shops.sepay_api_key", flipped)).rejects.toThrow(UnreadableSecretError);
    // Two seals of one value differ (a fresh IV each time).
    expect(await sealSecret(t.sqlite.store, "shops.sepay_api_key", KEYS.sepay)).not.toBe(sealed);
  });

  it("DATA_KEY is never logged, and a short one stops the start naming the variable", () => {
    const config = loadConfig({ DATA_KEY: KEY_B, DATA_KEY_PREVIOUS: `${KEY_A}, ${"c".repeat(40)}` });
    if (!config.ok) throw new Error(config.reason);
    expect(config.value.DATA_KEY_PREVIOUS).toEqual([KEY_A, "c".repeat(40)]);
    const lines: string[] = [];
    createLogger({ secrets: configSecrets(config.value), write: (l) => lines.push(l) }).error("oops", { env: { KEY_A, KEY_B } });
    expect(lines.join("\n")).not.toContain(KEY_A);
    expect(lines.join("\n")).not.toContain(KEY_B);
    const short = loadConfig({ DATA_KEY: "too-short" });
    expect(short.ok).toBe(false);
    expect(short.ok ? "" : short.reason).toMatch(/^DATA_KEY: must be at least 32 characters/);
    expect(loadConfig({ DATA_KEY_PREVIOUS: "short" }).ok).toBe(false);
  });

  it("end to end: a server with DATA_KEY keeps the bot token out of its files; restarted with the key rotated it serves on; with a wrong key it does not start", async () => {
    dir = mkdtempSync(join(tmpdir(), "cho-chat-secrets-"));
    const dbPath = join(dir, "cho-chat.db");
    fake = await startFakeTelegram();
    fake.addBot({ token: TOKEN, id: 7012345678, username: "at_rest_bot" });
    const env = { DATABASE_PATH: dbPath, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_MODE: "webhook", PUBLIC_URL: "https://cho.example", TELEGRAM_WEBHOOK_SECRET: "end-to-end-webhook-secret" };
    const webhook = (url: string) =>
      fetch(`${url}/webhooks/telegram/7012345678`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": env.TELEGRAM_WEBHOOK_SECRET }, body: JSON.stringify({ update_id: Date.now() % 1_000_000 }) });
    server = await startChildServer({ ...env, DATA_KEY: KEY_A });
    expect((await webhook(server.url)).status).toBe(200);
    const bytes = () => ["", "-wal"].map((side) => { try { return readFileSync(dbPath + side).toString("latin1"); } catch { return ""; } }).join("");
    expect(bytes()).not.toContain(TOKEN_SECRET);
    expect(bytes()).not.toContain(env.TELEGRAM_WEBHOOK_SECRET);
    await server.stop();

    // Rotated: the new key, the old one for reading. The start re-seals; the webhook still checks out.
    server = await startChildServer({ ...env, DATA_KEY: KEY_B, DATA_KEY_PREVIOUS: KEY_A });
    expect((await webhook(server.url)).status).toBe(200);
    await server.stop();
    server = undefined;
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const idB = (await keyringFrom(KEY_B)).current?.id;
    const row = db.prepare("SELECT token, webhook_secret FROM bots").get() as { token: string; webhook_secret: string };
    db.close();
    expect(row.token.startsWith(`enc:v1:${idB}:`)).toBe(true);
    expect(row.webhook_secret.startsWith(`enc:v1:${idB}:`)).toBe(true);

    // The old key alone (the new one forgotten): a clear refusal at start, nothing misread.
    await expect(startChildServer({ ...env, DATA_KEY: KEY_A })).rejects.toThrow(/Cannot start: DATA_KEY: \d+ stored secret\(s\) \(bots\.token/);
  }, 60_000);
});

describe("file modes", () => {
  const mode = (file: string) => statSync(file).mode & 0o777;

  it("the database and its -wal and -shm are created 0600, and older 0644 files are tightened", async () => {
    dir = mkdtempSync(join(tmpdir(), "cho-chat-modes-"));
    const path = join(dir, "data", "cho-chat.db");
    const sqlite = await migratedDb(path);
    await sqlite.store.db.insertInto("settings").values({ key: "k", value: "v" }).execute();
    expect([mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    expect(mode(join(dir, "data"))).toBe(0o700);
    await sqlite.close();

    // A database made by an earlier version, readable by all.
    const old = join(dir, "old.db");
    closeSync(openSync(old, "w", 0o644));
    chmodSync(old, 0o644);
    const reopened = openSqlite(old);
    reopened.raw.exec("CREATE TABLE x (y)");
    expect([mode(old), mode(`${old}-wal`)]).toEqual([0o600, 0o600]);
    reopened.raw.close();
  });
});
