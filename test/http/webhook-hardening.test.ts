import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { upsertBot } from "../../src/domain/shops/bots";
import { sortedJson } from "../../src/domain/payments/webhooks/casso";
import { payosSignedText } from "../../src/domain/payments/webhooks/payos";
import { DashboardClient } from "../helpers/dashboard";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 16, items 5–8: refused webhooks are logged; signed-but-unreadable payOS notices are kept;
// hostile nesting is a 400, not a stack overflow; Casso signatures in PHP and Go escaping verify.
const SEPAY_KEY = "test_sepay_api_key_123";
const CASSO_KEY = "test_casso_checksum_key";
const PAYOS_KEY = "test_payos_checksum_key";
const TG_TOKEN = "778899:AAHhardeningTokenForTestsOnly_abcdef";
const TG_SECRET = "telegram-hardening-secret";
const ZALO_TOKEN = "99887766:zaloHardeningTokenForTests-012345";
const ZALO_SECRET = "zalo-hardening-secret";
const ADDRESS = "203.0.113.9";

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ env: { SEPAY_API_KEY: SEPAY_KEY, CASSO_WEBHOOK_SECRET: CASSO_KEY, PAYOS_CHECKSUM_KEY: PAYOS_KEY } });
});
afterEach(async () => {
  await t.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }, { incoming: { socket: { remoteAddress: ADDRESS } } });
const db = () => t.sqlite.store.db;
const transactions = () => db().selectFrom("bank_transactions").selectAll().orderBy("id").execute();
const orderRow = (id: number) => db().selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const logEntries = () => t.logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const refusals = () => logEntries().filter((e) => e.msg === "webhook refused");

/** payOS's signed text, written out here rather than taken from src (PAYMENTS.md §4). */
const payosText = (data: Record<string, unknown>) =>
  Object.keys(data)
    .sort()
    .map((k) => `${k}=${data[k] === null || data[k] === undefined ? "" : String(data[k])}`)
    .join("&");
const payosBody = (data: Record<string, unknown>, extra: Record<string, unknown> = {}, key = PAYOS_KEY) =>
  JSON.stringify({ code: "00", desc: "success", success: true, ...extra, data, signature: createHmac("sha256", key).update(payosText(data)).digest("hex") });
// The documented payOS notice (PAYMENTS.md §4) for order CC7K2M9Q, 45.000 ₫.
const PAYOS_DATA = {
  orderCode: 260101001,
  amount: 45000,
  description: "CSDEMO1 CC7K2M9Q",
  accountNumber: "0011001932418",
  reference: "FT26001123456789",
  transactionDateTime: "2026-01-01 07:00:00",
  currency: "VND",
  paymentLinkId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
  code: "00",
  desc: "success",
};

describe("5. every refused webhook leaves one warning, without the secret, signature or body", () => {
  it("forged SePay, Casso, payOS, Telegram and Zalo webhooks: route, shop or bot, reason, address", async () => {
    await upsertBot(t.sqlite.store, { shopId: 1, channel: "telegram", token: TG_TOKEN, secret: TG_SECRET, username: "hardening_bot", info: null }, t.clock.now());
    await upsertBot(t.sqlite.store, { shopId: 1, channel: "zalo", token: ZALO_TOKEN, secret: ZALO_SECRET, username: "Hardening", info: null }, t.clock.now());
    const MARKER = "FORGED-BODY-MARKER-CC7K2M9Q";
    const forgedSignature = "ab".repeat(64);
    const cases: { path: string; headers: Record<string, string>; sent: string; body: string; want: Record<string, string> }[] = [
      { path: "/webhooks/sepay/demo", headers: { authorization: "Apikey forged_sepay_key_000" }, sent: "forged_sepay_key_000", body: JSON.stringify({ id: 1, content: MARKER, transferType: "in", transferAmount: 45000 }), want: { route: "sepay", shop: "demo", reason: "wrong API key" } },
      { path: "/webhooks/casso/demo", headers: { "x-casso-signature": `t=1767225600000,v1=${forgedSignature}` }, sent: forgedSignature, body: JSON.stringify({ error: 0, data: { id: 1, description: MARKER, amount: 45000 } }), want: { route: "casso", shop: "demo", reason: "wrong signature" } },
      { path: "/webhooks/payos/demo", headers: {}, sent: "cd".repeat(32), body: JSON.stringify({ code: "00", data: { ...PAYOS_DATA, description: MARKER }, signature: "cd".repeat(32) }), want: { route: "payos", shop: "demo", reason: "wrong signature" } },
      { path: "/webhooks/telegram/778899", headers: { "x-telegram-bot-api-secret-token": "forged-telegram-secret" }, sent: "forged-telegram-secret", body: JSON.stringify({ update_id: 1, message: { text: MARKER } }), want: { route: "telegram", bot: "778899", reason: "wrong secret" } },
      { path: "/webhooks/zalo/99887766", headers: { "x-bot-api-secret-token": "forged-zalo-secret" }, sent: "forged-zalo-secret", body: JSON.stringify({ ok: true, result: { event_name: "message.text.received", message: { text: MARKER } } }), want: { route: "zalo", bot: "99887766", reason: "wrong secret" } },
    ];
    for (const c of cases) {
      t.logger.lines.length = 0;
      const res = await post(c.path, c.body, c.headers);
      expect(res.status, c.path).toBe(401);
      expect(refusals(), c.path).toEqual([expect.objectContaining({ level: "warn", ...c.want, status: 401, address: ADDRESS })]);
      const logged = t.logger.lines.join("\n");
      for (const secret of [c.sent, MARKER, SEPAY_KEY, CASSO_KEY, PAYOS_KEY, TG_TOKEN, TG_SECRET, ZALO_TOKEN, ZALO_SECRET]) expect(logged, `${c.path} logged ${secret.slice(0, 8)}…`).not.toContain(secret);
    }
    expect(await transactions()).toEqual([]);
  });

  it("the other refusals are logged too: unknown shop, no key configured, malformed body, no signature at all", async () => {
    const bare = await makeTestApp();
    await bare.app.request("/webhooks/casso/demo", { method: "POST", body: "{}" });
    expect(bare.logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ msg: "webhook refused", route: "casso", shop: "demo", status: 401, reason: "casso webhook is not configured for this shop" })]);
    await bare.close();

    expect((await post("/webhooks/payos/nope", "{}")).status).toBe(404);
    expect((await post("/webhooks/sepay/demo", "{oops", { authorization: `Apikey ${SEPAY_KEY}` })).status).toBe(400);
    expect((await post("/webhooks/casso/demo", JSON.stringify({ error: 0, data: { id: 1, amount: 1 } }))).status).toBe(401);
    expect(refusals().map((e) => [e.route, e.shop, e.status, e.reason, e.detail])).toEqual([
      ["payos", "nope", 404, "unknown shop", undefined],
      ["sepay", "demo", 400, "malformed JSON", undefined],
      ["casso", "demo", 401, "wrong signature", "no X-Casso-Signature or Secure-Token header"],
    ]);
    expect(t.logger.lines.join("\n")).not.toContain(SEPAY_KEY);
  });
});

describe("6. a payOS notice correctly signed but not fitting the schema is kept as unreadable", () => {
  it("amount written \"45.000\": answered 200, kept once as unreadable with its fields as written, logged, the order untouched", async () => {
    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const body = payosBody({ ...PAYOS_DATA, amount: "45.000" });
    const res = await post("/webhooks/payos/demo", body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    const rows = await transactions();
    expect(rows).toEqual([
      expect.objectContaining({ provider: "payos", outcome: "unreadable", amount: 0, order_id: null, content: "CSDEMO1 CC7K2M9Q", reference: "FT26001123456789", account_number: "0011001932418", transaction_at: "2026-01-01 07:00:00" }),
    ]);
    expect(JSON.parse(rows[0]?.raw ?? "")).toEqual({ unreadable: ["amount"], written: { amount: "45.000", memo: "CSDEMO1 CC7K2M9Q", reference: "FT26001123456789", account: "0011001932418", time: "2026-01-01 07:00:00", orderCode: "260101001" } });
    expect(await orderRow(order.id)).toMatchObject({ paid_amount: 0, payment_status: "unpaid" });
    expect(logEntries()).toContainEqual(expect.objectContaining({ level: "warn", msg: "unreadable transfer kept", shop: "demo", provider: "payos", problems: ["amount"], duplicate: false }));

    // payOS resends it: 200 again, still one row.
    expect((await post("/webhooks/payos/demo", body)).status).toBe(200);
    expect(await transactions()).toHaveLength(1);
    expect(logEntries()).toContainEqual(expect.objectContaining({ msg: "unreadable transfer kept", duplicate: true }));
  });

  it("an over-long field inside the signed data is kept (capped); one in the unsigned envelope does not stop the payment", async () => {
    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const long = `CC7K2M9Q ${"x".repeat(2000)}`;
    expect((await post("/webhooks/payos/demo", payosBody({ ...PAYOS_DATA, reference: "FT-LONG-1", description: long }))).status).toBe(200);
    const [kept] = await transactions();
    expect(kept).toMatchObject({ outcome: "unreadable", amount: 0, reference: "FT-LONG-1" });
    expect(kept?.content.length).toBe(500);
    expect(kept?.raw.length).toBeLessThan(2000);
    expect((await orderRow(order.id)).paid_amount).toBe(0);

    // Only `data` is signed: a 600-character `desc` beside it was refused as a wrong signature before.
    expect((await post("/webhooks/payos/demo", payosBody(PAYOS_DATA, { desc: "d".repeat(600) }))).status).toBe(200);
    expect(await orderRow(order.id)).toMatchObject({ paid_amount: 45_000, payment_status: "paid" });
  });

  it("forged unreadable notices are still 401 and kept nowhere; a signed failure notice is not a payment", async () => {
    expect((await post("/webhooks/payos/demo", payosBody({ ...PAYOS_DATA, amount: "45.000" }, {}, "not_the_key"))).status).toBe(401);
    expect((await post("/webhooks/payos/demo", JSON.stringify({ code: "00", data: "amount=45000", signature: "ab".repeat(32) }))).status).toBe(401);
    expect((await post("/webhooks/payos/demo", payosBody({ ...PAYOS_DATA, amount: "oops", code: "01", desc: "failed" }))).status).toBe(200);
    expect(await transactions()).toEqual([]);
  });

  it("the payments page lists it among the unmatched transfers, labelled unreadable, in Vietnamese and English", async () => {
    await post("/webhooks/payos/demo", payosBody({ ...PAYOS_DATA, amount: "45.000" }));
    const dash = await DashboardClient.asOperator(t);
    const vi = (await dash.get("/dashboard/payments?shop=demo")).html;
    const section = /<section id="unmatched"[\s\S]*?<\/section>/.exec(vi)?.[0] ?? "";
    expect(section).toContain('data-outcome="unreadable"');
    expect(section).toContain("Chưa khớp đơn (1)");
    expect(section).toContain("Không đọc được");
    expect(section).toContain("Số tiền ghi trong thông báo: 45.000");
    expect(section).toContain("FT26001123456789");
    expect(section).not.toContain("0 ₫");
    // No assign form: its amount is unknown, so it cannot settle an order; a crafted post is refused.
    expect(section).not.toContain("/assign");
    const [kept] = await transactions();
    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const assign = await dash.post(`/dashboard/payments/transfers/${kept?.id}/assign`, { shop: "demo", code: order.code });
    expect(assign.headers.get("location")).toContain("err=unreadable");
    expect(await transactions()).toEqual([expect.objectContaining({ outcome: "unreadable", order_id: null })]);
    expect((await orderRow(order.id)).paid_amount).toBe(0);

    await dash.post("/dashboard/lang", { lang: "en" });
    const en = (await dash.get("/dashboard/payments?shop=demo")).html;
    expect(en).toContain("Unreadable");
    expect(en).toContain("Amount as written in the notice: 45.000");
  });
});

describe("7. deeply nested or oversized bodies are refused before any signature work", () => {
  const DEPTH = 100_000;
  const deepArray = "[".repeat(DEPTH) + "]".repeat(DEPTH);
  const deepObject = '{"a":'.repeat(DEPTH) + "1" + "}".repeat(DEPTH);

  it("100 000-deep [[[…]]] and {\"a\":{\"a\":…}} to SePay, Casso and payOS: 400 with a JSON error, no error-level log, no stack", async () => {
    const routes: { path: string; headers: Record<string, string> }[] = [
      { path: "/webhooks/sepay/demo", headers: { authorization: `Apikey ${SEPAY_KEY}` } },
      { path: "/webhooks/casso/demo", headers: { "x-casso-signature": `t=1767225600000,v1=${"ab".repeat(64)}` } },
      { path: "/webhooks/casso/demo", headers: { "secure-token": CASSO_KEY } },
      { path: "/webhooks/payos/demo", headers: {} },
    ];
    for (const r of routes) {
      for (const body of [deepArray, deepObject, `{"code":"00","signature":"${"ab".repeat(32)}","data":{"a":${deepArray}}}`]) {
        const res = await post(r.path, body, r.headers);
        expect(res.status, r.path).toBe(400);
        expect(await res.json()).toEqual({ error: "body nested too deeply (32 levels at most)" });
      }
    }
    expect(logEntries().filter((e) => e.level === "error")).toEqual([]);
    expect(t.logger.lines.join("\n")).not.toContain("stack");
    expect(refusals()).toHaveLength(12);
    expect(await transactions()).toEqual([]);
  });

  it("a body over 256 KiB is refused with 413; brackets inside strings are not nesting", async () => {
    const big = JSON.stringify({ error: 0, data: { id: 1, description: "x".repeat(300 * 1024), amount: 1 } });
    const res = await post("/webhooks/casso/demo", big, { "secure-token": CASSO_KEY });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "body too large (256 KiB at most for a webhook)" });

    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const bracketed = JSON.stringify({ error: 0, data: { id: 9, description: `CC7K2M9Q ${"[{".repeat(100)} \\" ]`, amount: 45000, accountNumber: "0011001932418" } });
    expect((await post("/webhooks/casso/demo", bracketed, { "secure-token": CASSO_KEY })).status).toBe(200);
    expect((await orderRow(order.id)).payment_status).toBe("paid");
  });

  it("the signature helpers give up on a 100 000-deep value instead of overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < DEPTH; i++) deep = i % 2 ? { a: deep } : [deep];
    expect(sortedJson(deep)).toBeNull();
    expect(payosSignedText({ a: deep })).toBeNull();
    expect(sortedJson({ b: [1, { d: 2, c: 3 }], a: "x" })).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
  });
});

describe("8. Casso v2 signatures over the escaped forms of the same sorted JSON", () => {
  const T = "1767225600000";
  // The sorted, compact JSON each signer would produce for a memo, written out by hand per form.
  const signedJson = (id: number, description: string) =>
    `{"data":{"accountNumber":"0011001932418","amount":45000,"description":"${description}","id":${id},"reference":"FT-ESC-${id}","transactionDateTime":"2026-01-01 07:00:00"},"error":0}`;
  const sign = (json: string, key = CASSO_KEY) => `t=${T},v1=${createHmac("sha512", key).update(`${T}.${json}`).digest("hex")}`;
  /** Sends the body exactly as the signer serialised it (as Casso's own server would), signed over that text. */
  const deliver = (json: string, key = CASSO_KEY) => post("/webhooks/casso/demo", json, { "x-casso-signature": sign(json, key) });

  const forms: [string, number, string][] = [
    ["plain (JS, Java, .NET): / & < > and diacritics as they are", 1, "CC7K2M9Q trả 1/2 A&B <3 >"],
    ["PHP json_encode: / as \\/", 2, "CC7K2M9Q tra 1\\/2"],
    ["PHP json_encode with diacritics: \\/ and \\uXXXX", 3, "CC7K2M9Q tr\\u1ea3 1\\/2"],
    ["Go encoding/json: & < > as \\u0026 \\u003c \\u003e", 4, "CC7K2M9Q A\\u0026B \\u003c3 \\u003e"],
    ["Python json.dumps: non-ASCII as \\uXXXX, / as it is", 5, "CC7K2M9Q tr\\u1ea3 1/2"],
  ];
  for (const [name, id, description] of forms) {
    it(`${name}: verified, the order is paid`, async () => {
      const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
      const res = await deliver(signedJson(id, description));
      expect(res.status).toBe(200);
      expect(await orderRow(order.id)).toMatchObject({ payment_status: "paid", paid_amount: 45_000 });
      expect(await transactions()).toEqual([expect.objectContaining({ provider: "casso", provider_tx_id: String(id), outcome: "paid" })]);
    });
  }

  it("any other escaping, or the right escaping under another key, is refused", async () => {
    await placeTransferOrder(t, { code: "CC7K2M9Q" });
    // Upper-case hex is no signer's form; a PHP-escaped text signed with a wrong key is forged.
    expect((await deliver(signedJson(6, "CC7K2M9Q A\\u0026B \\u003C3"))).status).toBe(401);
    expect((await deliver(signedJson(7, "CC7K2M9Q tra 1\\/2"), "another_casso_key")).status).toBe(401);
    // The body says one thing, the signature covers another serialisation of different data.
    const json = signedJson(8, "CC7K2M9Q tra 1\\/2");
    expect((await post("/webhooks/casso/demo", json.replace("45000", "4500000"), { "x-casso-signature": sign(json) })).status).toBe(401);
    expect(await transactions()).toEqual([]);
  });
});
