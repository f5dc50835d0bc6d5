import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeVietQr } from "../../src/domain/payments/vietqr-decode";
import { expireDrafts } from "../../src/jobs/expire-drafts";
import { runPaymentDeadlines } from "../../src/jobs/payment-deadlines";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ env: { SEPAY_API_KEY: "test_sepay_api_key_123" } });
});
afterEach(async () => {
  await t.close();
});

const minutes = (n: number) => n * 60_000;
const order = (id: number) => t.sqlite.store.db.selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const stockA1 = async () => (await t.sqlite.store.db.selectFrom("products").select("stock").where("code", "=", "A1").executeTakeFirstOrThrow()).stock;
const outbox = () => t.sqlite.store.db.selectFrom("outbox").select(["dedupe_key", "payload"]).orderBy("id").execute();

describe("unpaid orders: reminder, then timeout", () => {
  it("reminds once after 30 minutes, cancels at 120 and gives the stock back", async () => {
    const { order: placed } = await placeTransferOrder(t);
    expect(await stockA1()).toBe(49);
    const start = t.clock.now().getTime();

    t.clock.set(new Date(start + minutes(29)));
    expect(await runPaymentDeadlines(t.sqlite.store, t.clock.now())).toEqual({ reminded: 0, cancelled: 0 });
    t.clock.set(new Date(start + minutes(31)));
    expect(await runPaymentDeadlines(t.sqlite.store, t.clock.now())).toEqual({ reminded: 1, cancelled: 0 });
    // A second runner (or a restart) at the same moment reminds nobody again.
    expect(await runPaymentDeadlines(t.sqlite.store, t.clock.now())).toEqual({ reminded: 0, cancelled: 0 });
    const reminders = await outbox();
    expect(reminders).toHaveLength(1);
    expect(JSON.parse(reminders[0]?.payload ?? "{}").text).toBe(`⏰ Đơn ${placed.code} đang giữ hàng cho bạn nhưng chưa nhận được tiền. Bạn chuyển 45.000 ₫ với nội dung ${placed.code} nhé.`);

    t.clock.set(new Date(start + minutes(121)));
    expect(await runPaymentDeadlines(t.sqlite.store, t.clock.now())).toEqual({ reminded: 0, cancelled: 1 });
    expect(await order(placed.id)).toMatchObject({ status: "cancelled", cancel_reason: "payment_timeout" });
    expect(await stockA1()).toBe(50);
    expect((await outbox()).map((o) => o.dedupe_key)).toEqual([`order:${placed.id}:payment-reminder`, `order:${placed.id}:payment-timeout`]);

    // The money arrives after all: kept and flagged, not lost.
    const late = await t.app.request("/webhooks/sepay/demo", {
      method: "POST",
      headers: { authorization: "Apikey test_sepay_api_key_123" },
      body: JSON.stringify({ id: 5, transferType: "in", transferAmount: 45_000, content: placed.code, accountNumber: "0011001932418" }),
    });
    expect(late.status).toBe(200);
    const tx = await t.sqlite.store.db.selectFrom("bank_transactions").select(["outcome", "order_id"]).executeTakeFirstOrThrow();
    expect(tx).toEqual({ outcome: "late", order_id: placed.id });
  });

  it("a paid order is neither reminded nor cancelled; a partly paid one is left for the seller", async () => {
    const { order: paid } = await placeTransferOrder(t);
    const { order: partly } = await placeTransferOrder(t);
    const pay = (id: number, code: string, amount: number) =>
      t.app.request("/webhooks/sepay/demo", {
        method: "POST",
        headers: { authorization: "Apikey test_sepay_api_key_123" },
        body: JSON.stringify({ id, transferType: "in", transferAmount: amount, content: code }),
      });
    await pay(1, paid.code, 45_000);
    await pay(2, partly.code, 10_000);
    t.clock.advance(minutes(500));
    expect(await runPaymentDeadlines(t.sqlite.store, t.clock.now())).toEqual({ reminded: 0, cancelled: 0 });
    expect((await order(paid.id)).status).toBe("confirmed");
    expect(await order(partly.id)).toMatchObject({ status: "pending_payment", payment_status: "partial" });
  });

  it("a COD order is never chased for a transfer", async () => {
    const { order: cod } = await placeTransferOrder(t, { method: "cod" });
    t.clock.advance(minutes(500));
    expect(await runPaymentDeadlines(t.sqlite.store, t.clock.now())).toEqual({ reminded: 0, cancelled: 0 });
    await expireDrafts(t.sqlite.store, t.clock.now());
    expect((await order(cod.id)).status).toBe("confirmed");
  });
});

describe("the QR the buyer scans", () => {
  it("qr.png decodes, with a real QR reader, to the order's exact VietQR payload", async () => {
    const { order: placed } = await placeTransferOrder(t);
    const res = await t.app.request(`/pay/${placed.pay_token}/qr.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect(png.width).toBeGreaterThanOrEqual(400);
    const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(scanned).not.toBeNull();
    const decoded = decodeVietQr(scanned?.data ?? "");
    expect(decoded).toEqual({ ok: true, value: expect.objectContaining({ bin: "970436", account: "0011001932418", amount: 45_000, memo: placed.code }) });
    expect((await t.app.request(`/pay/${"x".repeat(22)}/qr.png`)).status).toBe(404);
  });

  it("the payment page shows the amount, bank, account, memo and an inline QR; its status follows the payment", async () => {
    const { order: placed } = await placeTransferOrder(t);
    const html = await (await t.app.request(`/pay/${placed.pay_token}`)).text();
    for (const piece of ["45.000 ₫", "Vietcombank (VCB)", "0011001932418", "NGUYEN THI MAY", placed.code, "<svg", "chờ thanh toán"]) expect(html).toContain(piece);
    const before = await (await t.app.request(`/pay/${placed.pay_token}/status`)).json();
    expect(before).toMatchObject({ status: "pending_payment", paymentStatus: "unpaid", due: 45_000 });
    await t.app.request("/webhooks/sepay/demo", {
      method: "POST",
      headers: { authorization: "Apikey test_sepay_api_key_123" },
      body: JSON.stringify({ id: 9, transferType: "in", transferAmount: 45_000, content: placed.code }),
    });
    const after = await (await t.app.request(`/pay/${placed.pay_token}/status`)).json();
    expect(after).toEqual({ status: "confirmed", paymentStatus: "paid", paidAmount: 45_000, due: 0, label: "đã xác nhận · đã thanh toán" });
  });
});
