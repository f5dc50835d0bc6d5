import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webchatSender } from "../../bots/webchat/sender";
import { decodeVietQr } from "../../src/domain/payments/vietqr-decode";
import { dispatchOutbox } from "../../src/domain/outbox/dispatch";
import { placeTransferOrder } from "../helpers/orders";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";

// Bodies and signatures exactly as in PAYMENTS.md (§2–§4): CC7K2M9Q, 45.000 ₫, account 0011001932418.
const SEPAY_KEY = "test_sepay_api_key_123";
const CASSO_KEY = "test_casso_checksum_key";
const PAYOS_KEY = "test_payos_checksum_key";
const SEPAY_BODY = `{"id":92704001,"gateway":"Vietcombank","transactionDate":"2026-01-01 07:00:00","accountNumber":"0011001932418","code":"CC7K2M9Q","content":"CC7K2M9Q chuyen tien","transferType":"in","transferAmount":45000,"accumulated":1045000,"subAccount":null,"referenceCode":"FT26001123456789","description":"BankAPINotify CC7K2M9Q chuyen tien"}`;
const CASSO_BODY = `{"error":0,"data":{"id":123456,"reference":"FT26001123456789","description":"CC7K2M9Q chuyen tien","amount":45000,"runningBalance":1045000,"transactionDateTime":"2026-01-01 07:00:00","accountNumber":"0011001932418","bankName":"Vietcombank","bankAbbreviation":"VCB","virtualAccountNumber":"","virtualAccountName":"","counterAccountName":"NGUYEN VAN A","counterAccountNumber":"0123456789","counterAccountBankId":"970422","counterAccountBankName":"MBBank"}}`;
const CASSO_SIGNATURE =
  "t=1767225600000,v1=2c4cd355e176b4e61894ce4903a52efc0729156ddaf8c53ef8128076395a675e76720e11686941f50dd813bf5959bd3a22a800fe46cf712d69bd81b362e68a9b";
const PAYOS_BODY = `{"code":"00","desc":"success","success":true,"data":{"orderCode":260101001,"amount":45000,"description":"CSDEMO1 CC7K2M9Q","accountNumber":"0011001932418","reference":"FT26001123456789","transactionDateTime":"2026-01-01 07:00:00","currency":"VND","paymentLinkId":"0f1e2d3c4b5a69788796a5b4c3d2e1f0","code":"00","desc":"success","counterAccountBankId":"970422","counterAccountBankName":"MB Bank","counterAccountName":"NGUYEN VAN A","counterAccountNumber":"0123456789","virtualAccountName":null,"virtualAccountNumber":null},"signature":"73ada9e4232ac1ce6d9ab87db9dcae89c44536522c71068d36bb3ee2d49a03bb"}`;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ env: { SEPAY_API_KEY: SEPAY_KEY, CASSO_WEBHOOK_SECRET: CASSO_KEY, PAYOS_CHECKSUM_KEY: PAYOS_KEY } });
});
afterEach(async () => {
  await t.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
const sepay = (body: string, key = SEPAY_KEY) => post("/webhooks/sepay/demo", body, { authorization: `Apikey ${key}` });
const sepayTx = (id: number, amount: number, content = "CC7K2M9Q chuyen tien", account = "0011001932418") =>
  JSON.stringify({ id, gateway: "Vietcombank", transactionDate: "2026-01-01 07:00:00", accountNumber: account, content, transferType: "in", transferAmount: amount });

const db = () => t.sqlite.store.db;
const orderRow = (id: number) => db().selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const transactions = () => db().selectFrom("bank_transactions").selectAll().orderBy("id").execute();

/** Delivers the outbox to web chat and returns what the buyer's page would show. */
async function buyerInbox(session: string): Promise<string[]> {
  await dispatchOutbox(t.sqlite.store, { webchat: webchatSender(t.sqlite.store, t.clock) }, t.logger, t.clock.now());
  const res = await t.app.request(`/api/webchat/demo/messages?session=${session}&after=0`);
  return ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
}

describe("SePay", () => {
  it("the documented transaction pays the order, once, and the buyer's chat is told", async () => {
    const { user, order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    expect(order).toMatchObject({ total: 45_000, status: "pending_payment" });
    const res = await sepay(SEPAY_BODY);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect(await orderRow(order.id)).toMatchObject({ status: "confirmed", payment_status: "paid", paid_amount: 45_000, expires_at: null });
    expect(await transactions()).toEqual([expect.objectContaining({ provider: "sepay", provider_tx_id: "92704001", amount: 45_000, outcome: "paid", order_id: order.id, paid_total_after: 45_000 })]);
    expect(await buyerInbox(user.session ?? "")).toEqual(["✅ Đã nhận 45.000 ₫ cho đơn CC7K2M9Q. Cảm ơn bạn! Shop đang chuẩn bị đơn."]);

    // A redelivery answers 200 and changes nothing; the buyer is not told twice.
    expect((await sepay(SEPAY_BODY)).status).toBe(200);
    expect(await transactions()).toHaveLength(1);
    expect((await orderRow(order.id)).paid_amount).toBe(45_000);
    expect(await buyerInbox(user.session ?? "")).toHaveLength(1);
  });

  it("20 concurrent deliveries of one transaction record it once", async () => {
    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const answers = await Promise.all(Array.from({ length: 20 }, () => sepay(SEPAY_BODY)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await transactions()).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ paid_amount: 45_000, payment_status: "paid" });
    const queued = await db().selectFrom("outbox").select("dedupe_key").execute();
    expect(queued).toHaveLength(1);
  });

  it("a wrong or missing key is 401 and records nothing", async () => {
    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    expect((await sepay(SEPAY_BODY, "wrong_key")).status).toBe(401);
    expect((await post("/webhooks/sepay/demo", SEPAY_BODY)).status).toBe(401);
    expect((await post("/webhooks/sepay/demo", SEPAY_BODY, { authorization: `Bearer ${SEPAY_KEY}` })).status).toBe(401);
    expect(await transactions()).toEqual([]);
    expect((await orderRow(order.id)).payment_status).toBe("unpaid");
  });

  it("a partial payment says what remains; the rest completes it", async () => {
    const { user, order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    await sepay(sepayTx(1, 20_000));
    expect(await orderRow(order.id)).toMatchObject({ payment_status: "partial", paid_amount: 20_000, status: "pending_payment" });
    await sepay(sepayTx(2, 25_000, "MBVCB.3278907687.cc7k2m9q.CT tu NGUYEN VAN A"));
    expect(await orderRow(order.id)).toMatchObject({ payment_status: "paid", paid_amount: 45_000, status: "confirmed" });
    expect(await buyerInbox(user.session ?? "")).toEqual([
      "Đã nhận 20.000 ₫ cho đơn CC7K2M9Q, còn thiếu 25.000 ₫. Bạn chuyển thêm 25.000 ₫ với nội dung CC7K2M9Q nhé.",
      "✅ Đã nhận 25.000 ₫ cho đơn CC7K2M9Q. Cảm ơn bạn! Shop đang chuẩn bị đơn.",
    ]);
  });

  it("paying too much, or paying twice, is flagged as overpaid, never silently accepted", async () => {
    const { user, order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    await sepay(sepayTx(1, 45_000));
    await sepay(sepayTx(2, 45_000, "CC7K2M9Q"));
    expect(await orderRow(order.id)).toMatchObject({ payment_status: "overpaid", paid_amount: 90_000 });
    expect((await transactions()).map((x) => x.outcome)).toEqual(["paid", "overpaid"]);
    expect((await buyerInbox(user.session ?? ""))[1]).toBe("Đã nhận 45.000 ₫ cho đơn CC7K2M9Q, dư 45.000 ₫ so với số cần trả. Shop sẽ liên hệ để hoàn lại tiền dư.");
    const flagged = await t.app.request("/api/shops/demo/payments?outcome=overpaid", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(await flagged.json()).toEqual([expect.objectContaining({ amount: 45_000, outcome: "overpaid", orderCode: "CC7K2M9Q", paidTotalAfter: 90_000 })]);
  });

  it("a payment after cancellation is kept and flagged as late; the order stays cancelled", async () => {
    const { user, order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    await db().updateTable("orders").set({ status: "cancelled", cancel_reason: "payment_timeout" }).where("id", "=", order.id).execute();
    await sepay(SEPAY_BODY);
    expect(await orderRow(order.id)).toMatchObject({ status: "cancelled", paid_amount: 0 });
    expect(await transactions()).toEqual([expect.objectContaining({ outcome: "late", order_id: order.id, amount: 45_000 })]);
    expect(await buyerInbox(user.session ?? "")).toEqual([expect.stringContaining("đơn này đã bị huỷ trước đó")]);
  });

  it("transfers without a known code, or to another account, are kept as unmatched for the seller", async () => {
    await placeTransferOrder(t, { code: "CC7K2M9Q" });
    await sepay(sepayTx(1, 45_000, "chuyen tien com trua"));
    await sepay(sepayTx(2, 45_000, "CCAAAAAA"));
    await sepay(sepayTx(3, 45_000, "CC7K2M9Q", "9999999999"));
    expect((await transactions()).map((x) => [x.provider_tx_id, x.outcome, x.order_id])).toEqual([
      ["1", "unmatched", null],
      ["2", "unmatched", null],
      ["3", "other_account", null],
    ]);
    const res = await t.app.request("/api/shops/demo/payments?outcome=unmatched", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(((await res.json()) as unknown[]).length).toBe(2);
  });

  it("money going out is not a payment: 200 and nothing recorded", async () => {
    await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const res = await sepay(SEPAY_BODY.replace('"transferType":"in"', '"transferType":"out"'));
    expect(res.status).toBe(200);
    expect(await transactions()).toEqual([]);
  });

  it("malformed and misshapen bodies are 400; unknown shops 404", async () => {
    expect((await sepay("{oops")).status).toBe(400);
    expect((await sepay(JSON.stringify({ id: 1, transferType: "in", transferAmount: 45000.5 }))).status).toBe(400);
    expect((await post("/webhooks/sepay/nope", SEPAY_BODY, { authorization: `Apikey ${SEPAY_KEY}` })).status).toBe(404);
  });
});

describe("Casso", () => {
  it("the documented v2 signature pays the order", async () => {
    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const res = await post("/webhooks/casso/demo", CASSO_BODY, { "x-casso-signature": CASSO_SIGNATURE });
    expect(res.status).toBe(200);
    expect(await orderRow(order.id)).toMatchObject({ payment_status: "paid", status: "confirmed" });
    expect((await post("/webhooks/casso/demo", CASSO_BODY, { "x-casso-signature": CASSO_SIGNATURE })).status).toBe(200);
    expect(await transactions()).toEqual([expect.objectContaining({ provider: "casso", provider_tx_id: "123456", outcome: "paid" })]);
  });

  it("a forged body or signature is 401 and changes nothing", async () => {
    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const forged = CASSO_BODY.replace('"amount":45000', '"amount":4500000');
    expect((await post("/webhooks/casso/demo", forged, { "x-casso-signature": CASSO_SIGNATURE })).status).toBe(401);
    expect((await post("/webhooks/casso/demo", CASSO_BODY, { "x-casso-signature": CASSO_SIGNATURE.replace("v1=2c", "v1=3c") })).status).toBe(401);
    expect((await post("/webhooks/casso/demo", CASSO_BODY, { "x-casso-signature": "garbage" })).status).toBe(401);
    expect((await post("/webhooks/casso/demo", CASSO_BODY)).status).toBe(401);
    expect((await orderRow(order.id)).paid_amount).toBe(0);
  });

  it("the legacy v1 Secure-Token with an array of transactions still works", async () => {
    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const body = JSON.stringify({ error: 0, data: [{ id: 77, tid: "FT1", description: "CK CC7K2M9Q", amount: 45_000, when: "2026-01-01 07:00:00", bank_sub_acc_id: "0011001932418" }] });
    expect((await post("/webhooks/casso/demo", body, { "secure-token": CASSO_KEY })).status).toBe(200);
    expect((await orderRow(order.id)).payment_status).toBe("paid");
  });
});

describe("payOS", () => {
  it("the documented webhook pays the order by the code in its description", async () => {
    const { order } = await placeTransferOrder(t, { code: "CC7K2M9Q" });
    const res = await post("/webhooks/payos/demo", PAYOS_BODY);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect(await orderRow(order.id)).toMatchObject({ payment_status: "paid" });
    expect((await post("/webhooks/payos/demo", PAYOS_BODY)).status).toBe(200);
    expect(await transactions()).toEqual([expect.objectContaining({ provider: "payos", provider_tx_id: "FT26001123456789:260101001" })]);
  });

  it("a forged payOS body is 401", async () => {
    await placeTransferOrder(t, { code: "CC7K2M9Q" });
    expect((await post("/webhooks/payos/demo", PAYOS_BODY.replace('"amount":45000', '"amount":1000'))).status).toBe(401);
    expect((await post("/webhooks/payos/demo", PAYOS_BODY.replace(/"signature":"[0-9a-f]+"/, '"signature":"nothex"'))).status).toBe(401);
    expect(await transactions()).toEqual([]);
  });
});

describe("keys per shop", () => {
  it("a shop with no key configured refuses webhooks with 401", async () => {
    const bare = await makeTestApp();
    const res = await bare.app.request("/webhooks/sepay/demo", { method: "POST", headers: { authorization: `Apikey ${SEPAY_KEY}` }, body: SEPAY_BODY });
    expect(res.status).toBe(401);
    await bare.close();
  });

  it("a shop's own key is used instead of the environment's", async () => {
    await db().updateTable("shops").set({ sepay_api_key: "shop_own_key_456" }).where("slug", "=", "demo").execute();
    await placeTransferOrder(t, { code: "CC7K2M9Q" });
    expect((await sepay(SEPAY_BODY)).status).toBe(401);
    expect((await sepay(SEPAY_BODY, "shop_own_key_456")).status).toBe(200);
  });
});

describe("manual confirmation and the order's VietQR", () => {
  it("staff mark an order paid, recorded with who and when; resending the same reference records nothing new", async () => {
    const { user, order } = await placeTransferOrder(t);
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
    const res = await t.app.request(`/api/shops/demo/orders/${order.code}/payments`, { method: "POST", headers: auth, body: JSON.stringify({ by: "Chị Mây", reference: "cash-1" }) });
    expect(res.status).toBe(201);
    const answer = (await res.json()) as { outcome: string; order: { paymentStatus: string; status: string } };
    expect(answer).toMatchObject({ outcome: "paid", order: { paymentStatus: "paid", status: "confirmed" } });
    const again = await t.app.request(`/api/shops/demo/orders/${order.code}/payments`, { method: "POST", headers: auth, body: JSON.stringify({ by: "Chị Mây", reference: "cash-1" }) });
    expect(again.status).toBe(200);
    expect(await transactions()).toEqual([expect.objectContaining({ provider: "manual", recorded_by: "Chị Mây", amount: 45_000, created_at: "2026-11-23T03:30:00.000Z" })]);
    expect(await buyerInbox(user.session ?? "")).toEqual(["✅ Đã nhận 45.000 ₫ cho đơn " + order.code + ". Cảm ơn bạn! Shop đang chuẩn bị đơn."]);
    const none = await t.app.request(`/api/shops/demo/orders/${order.code}/payments`, { method: "POST", headers: auth, body: "{}" });
    expect(none.status).toBe(409);
    expect((await t.app.request(`/api/shops/demo/orders/${order.code}/payments`, { method: "POST", body: "{}" })).status).toBe(401);
  });

  it("the order API carries the VietQR payload for the amount due, and it decodes to the shop's bank", async () => {
    const { order } = await placeTransferOrder(t);
    const res = await t.app.request(`/api/shops/demo/orders/${order.code}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const view = (await res.json()) as { payment: { vietqr: string; memo: string } };
    expect(view.payment.memo).toBe(order.code);
    expect(decodeVietQr(view.payment.vietqr)).toEqual({
      ok: true,
      value: expect.objectContaining({ bin: "970436", account: "0011001932418", amount: 45_000, memo: order.code, service: "QRIBFTTA", dynamic: true }),
    });
  });
});
