import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Order } from "../../src/db/schema";
import { runPendingInvoices } from "../../src/jobs/einvoice-pending";
import { startFakeSepayEinvoice, type FakeEinvoice } from "../fakes/sepay-einvoice-api";
import { DashboardClient } from "../helpers/dashboard";
import { placeTransferOrder } from "../helpers/orders";
import type { TestApp } from "../helpers/test-app";
import { einvoiceApp, einvoiceDeps, setEinvoiceRequired, setUpEinvoice, staffSession } from "./helpers";

// Issue 24 part 7 over real HTTP: from a paid order's card to an invoice numbered at the fake, the
// number on the card and the PDF link in the buyer's chat; refused where the shop need not issue,
// has not set it up, or the order is unpaid; one invoice for a double tap; every SePay failure a
// short message with nothing left behind.
let fake: FakeEinvoice;
let t: TestApp;
let clockNow = () => Date.now();

beforeAll(async () => {
  fake = await startFakeSepayEinvoice({ now: () => clockNow(), pendingPolls: 1 });
});
afterAll(() => fake.close());
beforeEach(async () => {
  t = await einvoiceApp(fake);
  clockNow = () => t.clock.now().getTime();
});
afterEach(async () => {
  fake.clearFaults();
  fake.setQuota(100);
  await t.close();
});

const invoices = () => t.sqlite.store.db.selectFrom("invoices").selectAll().orderBy("id").execute();
const buyerMessages = (order: Order) =>
  t.sqlite.store.db.selectFrom("outbox").selectAll().where("chat_id", "=", order.chat_id).where("dedupe_key", "like", "invoice:%").execute();
const createsFor = (reference: string) => fake.callsTo("/v1/invoices/create", "POST").filter((c) => (c.body as { reference_code?: string }).reference_code === reference);

/** A transfer order marked paid from the board (as a seller does when the money is seen). */
async function paidOrder(client: DashboardClient): Promise<Order> {
  const { order } = await placeTransferOrder(t);
  await client.get("/dashboard?shop=demo");
  const paid = await client.post(`/dashboard/orders/${order.code}/act`, { shop: "demo", action: "paid" });
  expect(paid.status).toBe(303);
  return t.sqlite.store.db.selectFrom("orders").selectAll().where("id", "=", order.id).executeTakeFirstOrThrow();
}

async function ready(): Promise<DashboardClient> {
  const client = await DashboardClient.asOperator(t);
  await setEinvoiceRequired(t, true);
  expect((await setUpEinvoice(client, fake)).status).toBe(303);
  return client;
}

const issue = (client: DashboardClient, order: Order) => client.post(`/dashboard/orders/${order.code}/invoice`, { shop: "demo" });

describe("issuing from a paid order", () => {
  it("numbers the invoice at SePay, shows it on the card, and sends the buyer the PDF link once — one invoice for a double tap", async () => {
    const client = await ready();
    const order = await paidOrder(client);
    expect(order.payment_status).toBe("paid");
    const board = await client.get("/dashboard?shop=demo");
    expect(board.html).toContain("Xuất hóa đơn điện tử");

    const [a, b] = await Promise.all([issue(client, order), issue(client, order)]);
    expect([a.status, b.status].sort()).toEqual([303, 303]);
    let rows = await invoices();
    if (rows[0]?.status === "pending") {
      // The second tap found the first one mid-send; one more check ends it.
      await client.post(`/dashboard/orders/${order.code}/invoice/check`, { shop: "demo" });
      rows = await invoices();
    }
    expect(rows).toHaveLength(1);
    const [inv] = rows;
    expect(inv).toMatchObject({ order_id: order.id, reference_code: `S1-${order.code}`, status: "issued", invoice_number: "0000001" });
    expect(inv!.pdf_url).toContain(`${fake.url}/files/`);
    expect(createsFor(`S1-${order.code}`)).toHaveLength(1);
    expect(fake.invoices.get(`S1-${order.code}`)?.status).toBe("issued");

    // The body: the order's lines as a sales invoice, paid by transfer, to an anonymous buyer.
    const sent = createsFor(`S1-${order.code}`)[0]!.body as Record<string, any>;
    expect(sent).toMatchObject({ template_code: "2", invoice_series: "C26TMB", currency: "VND", provider_account_id: fake.accountId, payment_method: "CK", is_draft: false, issued_date: "2026-11-23 10:30:00", total_amount: order.total });
    expect(sent.buyer).toEqual({ type: "personal", name: "Bán cho người tiêu dùng", phone: "0912345678" });
    expect(sent.items).toEqual([{ line_number: 1, line_type: 1, item_code: "A1", item_name: expect.stringContaining("(Vừa, Không cay)"), unit: expect.any(String), quantity: 1, unit_price: 45_000 }]);
    expect(sent.items.some((i: Record<string, unknown>) => "tax_rate" in i)).toBe(false);

    const card = await client.get("/dashboard?shop=demo");
    expect(card.html).toContain("Hóa đơn số 0000001 (C26TMB)");
    expect(card.html).toContain(inv!.pdf_url!);
    expect(card.html).not.toContain(">Xuất hóa đơn điện tử<");

    const messages = await buyerMessages(order);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.payload).text).toBe(`Hóa đơn điện tử đơn ${order.code}: số 0000001, xem: ${inv!.pdf_url}`);
    expect(messages[0]).toMatchObject({ channel: "webchat", status: "pending" });

    // Tapped again later: the same invoice, nothing new at SePay, no second message.
    expect((await issue(client, order)).status).toBe(303);
    expect(createsFor(`S1-${order.code}`)).toHaveLength(1);
    expect(await buyerMessages(order)).toHaveLength(1);
  });

  it("a delivered cash-on-delivery order is paid in cash (TM), with its delivery fee as a line", async () => {
    const client = await ready();
    const { order } = await placeTransferOrder(t, { method: "cod" });
    await t.sqlite.store.db.updateTable("orders").set({ status: "delivered", delivered_at: t.clock.now().toISOString(), delivery_fee: 15_000, total: order.total + 15_000 }).where("id", "=", order.id).execute();
    const res = await client.post(`/dashboard/orders/${order.code}/invoice`, { shop: "demo" });
    expect(res.status).toBe(303);
    const sent = createsFor(`S1-${order.code}`)[0]!.body as Record<string, any>;
    expect(sent.payment_method).toBe("TM");
    expect(sent.items.at(-1)).toEqual({ line_number: 2, line_type: 1, item_name: "Phí giao hàng", unit: "lần", quantity: 1, unit_price: 15_000 });
    expect(sent.total_amount).toBe(order.total + 15_000);
    expect((await invoices())[0]).toMatchObject({ status: "issued" });
  });
});

describe("refusals", () => {
  it("not required by the tax profile, not set up, or an unpaid order: a clear answer, nothing asked of SePay", async () => {
    const client = await DashboardClient.asOperator(t);
    const { order } = await placeTransferOrder(t);
    const before = fake.calls.length;
    // Off by default: nothing on the card, and a post is refused.
    expect((await client.get("/dashboard?shop=demo")).html).not.toContain("Xuất hóa đơn điện tử");
    let res = await issue(client, order);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Cửa hàng chưa thuộc diện phải xuất hóa đơn — bật trong Hồ sơ thuế nếu cần");

    await setEinvoiceRequired(t, true);
    res = await issue(client, order);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Chưa bật hóa đơn điện tử");

    // Set up but turned off is not enabled either.
    expect((await setUpEinvoice(client, fake, { enabled: "" })).status).toBe(303);
    expect(await (await issue(client, order)).text()).toContain("Chưa bật hóa đơn điện tử");

    expect((await setUpEinvoice(client, fake)).status).toBe(303);
    res = await issue(client, order);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Đơn chưa thu tiền");
    expect((await client.get("/dashboard?shop=demo")).html).not.toContain(">Xuất hóa đơn điện tử<");

    // Required turned off again: the paid order is refused too.
    const paid = await paidOrder(client);
    await setEinvoiceRequired(t, false);
    expect(await (await issue(client, paid)).text()).toContain("chưa thuộc diện");
    expect(fake.calls.slice(before).filter((c) => c.path.startsWith("/v1/invoices"))).toEqual([]);
    expect(await invoices()).toEqual([]);
    // Unknown order: 409 with words, never a crash.
    const unknown = await client.post("/dashboard/orders/CCZZZZZZ/invoice", { shop: "demo" });
    expect(unknown.status).toBe(409);
    expect(await unknown.text()).toContain("Không tìm thấy đơn");
  });

  it("staff may not issue; a post without the CSRF token is refused", async () => {
    const client = await ready();
    const order = await paidOrder(client);
    const { cookie, csrf } = await staffSession(t);
    const html = await (await t.app.request("/dashboard?shop=demo", { headers: { cookie } })).text();
    expect(html).not.toContain("Xuất hóa đơn điện tử");
    const res = await t.app.request(`/dashboard/orders/${order.code}/invoice`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ shop: "demo", _csrf: csrf }) });
    expect(res.status).toBe(403);
    expect((await client.post(`/dashboard/orders/${order.code}/invoice`, { shop: "demo" }, { csrf: null })).status).toBe(403);
    expect(await invoices()).toEqual([]);
  });
});

describe("SePay failures", () => {
  it("a 401 on a kept token: one fresh token and the invoice goes through", async () => {
    const client = await ready();
    const first = await paidOrder(client);
    expect((await issue(client, first)).status).toBe(303);
    const tokens = fake.callsTo("/v1/token").length;
    const order = await paidOrder(client);
    fake.failNextCall401();
    expect((await issue(client, order)).status).toBe(303);
    expect(fake.callsTo("/v1/token").length).toBe(tokens + 1);
    expect((await invoices()).map((i) => i.status)).toEqual(["issued", "issued"]);
  });

  it("wrong credentials, no quota, a refused series, a 500 and no answer: a short message, nothing half-written; a retry then succeeds", async () => {
    const client = await ready();
    const order = await paidOrder(client);
    const expectNothing = async () => {
      expect(await invoices()).toEqual([]);
      expect(await buyerMessages(order)).toEqual([]);
    };

    fake.setQuota(0);
    let res = await issue(client, order);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Đã hết số hóa đơn trong gói");
    await expectNothing();
    fake.setQuota(100);

    fake.inject({ kind: "http-500", path: "/v1/invoices/create" });
    res = await issue(client, order);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain("SePay chưa trả lời");
    await expectNothing();

    fake.inject({ kind: "http-429", path: "/v1/invoices/create" });
    res = await issue(client, order);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain("SePay chưa trả lời");
    await expectNothing();

    fake.inject({ kind: "timeout", path: "/v1/invoices/create" });
    res = await issue(client, order);
    expect(res.status).toBe(502);
    await expectNothing();

    // A series SePay did not give this account (the right shape): SePay's own words.
    await setUpEinvoice(client, fake, { invoiceSeries: "C26TMC" });
    res = await issue(client, order);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("SePay từ chối hóa đơn: Mẫu số và ký hiệu hóa đơn không thuộc tài khoản");
    await expectNothing();

    // Credentials SePay does not know (the kept token went with the old settings).
    await setUpEinvoice(client, fake, { clientSecret: "not-the-right-secret" });
    res = await issue(client, order);
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(text).toContain("SePay từ chối client_id / client_secret");
    expect(text).not.toContain("not-the-right-secret");
    await expectNothing();

    // Fixed: the same reference as every earlier try, issued once.
    await setUpEinvoice(client, fake);
    expect((await issue(client, order)).status).toBe(303);
    expect(await invoices()).toMatchObject([{ reference_code: `S1-${order.code}`, status: "issued" }]);
    expect(await buyerMessages(order)).toHaveLength(1);
  });

  it("an answer lost after SePay made the invoice: the retry finds it by its reference (409), never a second one", async () => {
    const client = await ready();
    const order = await paidOrder(client);
    fake.inject({ kind: "lose-answer", path: "/v1/invoices/create" });
    expect((await issue(client, order)).status).toBe(502);
    expect(await invoices()).toEqual([]);
    expect(fake.invoices.has(`S1-${order.code}`)).toBe(true);
    // Still being processed at SePay: the retry is told to wait.
    expect((await issue(client, order)).status).toBe(303);
    expect((await invoices())[0]).toMatchObject({ status: "pending", tracking_code: null });
    const card = await client.get("/dashboard?shop=demo");
    expect(card.html).toContain("Hóa đơn đang chờ SePay");
    expect(card.html).toContain("Kiểm tra lại");
    // SePay numbers it; a minute later the follow-up job reads it back.
    fake.settleJobs();
    t.clock.advance(61_000);
    expect(await runPendingInvoices(einvoiceDeps(t, fake))).toEqual({ issued: 1, failed: 0, waiting: 0 });
    expect((await invoices())[0]).toMatchObject({ status: "issued", invoice_number: expect.stringMatching(/^\d{7}$/) });
    expect(createsFor(`S1-${order.code}`)).toHaveLength(2);
    expect([...fake.invoices.keys()].filter((k) => k.startsWith(`S1-${order.code}`))).toHaveLength(1);
    expect(await buyerMessages(order)).toHaveLength(1);
  });

  it("still Pending after the request's checks: left pending, then finished by the follow-up job (the buyer told once)", async () => {
    const client = await ready();
    const order = await paidOrder(client);
    fake.slowPending(5);
    const checks = fake.callsTo(/\/create\/check\//).length;
    expect((await issue(client, order)).status).toBe(303);
    const [pending] = await invoices();
    expect(pending).toMatchObject({ status: "pending" });
    expect(pending!.tracking_code).toBeTruthy();
    expect(fake.callsTo(/\/create\/check\//).length - checks).toBe(2);
    expect(await runPendingInvoices(einvoiceDeps(t, fake))).toEqual({ issued: 0, failed: 0, waiting: 1 });
    // "Kiểm tra lại" checks twice more.
    expect((await client.post(`/dashboard/orders/${order.code}/invoice/check`, { shop: "demo" })).status).toBe(303);
    expect((await invoices())[0]!.status).toBe("pending");
    const runs = [await runPendingInvoices(einvoiceDeps(t, fake)), await runPendingInvoices(einvoiceDeps(t, fake))];
    expect(runs.map((r) => r.issued)).toEqual([1, 0]);
    expect((await invoices())[0]).toMatchObject({ status: "issued" });
    expect(await buyerMessages(order)).toHaveLength(1);
  });

  it("a Failed job: SePay's reason to the seller and on the card; the retry is a new reference", async () => {
    const client = await ready();
    const order = await paidOrder(client);
    fake.failNextJob("Thông tin người mua không hợp lệ");
    const res = await issue(client, order);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("SePay không xuất được hóa đơn: Thông tin người mua không hợp lệ");
    expect(await invoices()).toMatchObject([{ status: "failed", error: "Thông tin người mua không hợp lệ" }]);
    const card = await client.get("/dashboard?shop=demo");
    expect(card.html).toContain("Chưa xuất được hóa đơn: Thông tin người mua không hợp lệ");
    expect(card.html).toContain("Xuất lại hóa đơn");
    expect(await buyerMessages(order)).toEqual([]);
    expect((await issue(client, order)).status).toBe(303);
    expect((await invoices()).map((i) => [i.reference_code, i.status])).toEqual([
      [`S1-${order.code}`, "failed"],
      [`S1-${order.code}-2`, "issued"],
    ]);
    expect(await buyerMessages(order)).toHaveLength(1);
  });
});
