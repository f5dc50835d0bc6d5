import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EinvoiceRefusal, EinvoiceUnavailable } from "../../src/domain/einvoice/errors";
import { SepayEinvoiceClient, memoryTokenCache } from "../../src/domain/einvoice/sepay-einvoice-client";
import type { CreateInvoiceBody } from "../../src/domain/einvoice/sepay-einvoice-types";
import { startFakeSepayEinvoice, type FakeEinvoice } from "../fakes/sepay-einvoice-api";

// The typed client against the local fake: every endpoint it offers, the token kept and renewed,
// one retry after a 401, and each kind of failure told apart (a refusal in SePay's words, or no answer).
let now = Date.parse("2026-12-02T03:00:00Z");
let fake: FakeEinvoice;

beforeAll(async () => {
  fake = await startFakeSepayEinvoice({ now: () => now, pendingPolls: 1 });
});
afterAll(() => fake.close());
afterEach(() => fake.clearFaults());

const client = (over: Partial<ConstructorParameters<typeof SepayEinvoiceClient>[0]> = {}) =>
  new SepayEinvoiceClient({ baseUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, now: () => now, timeoutMs: 1000, ...over });

const body = (reference: string, over: Partial<CreateInvoiceBody> = {}): CreateInvoiceBody => ({
  template_code: "2",
  invoice_series: "C26TMB",
  issued_date: "2026-12-02 09:30:00",
  currency: "VND",
  provider_account_id: fake.accountId,
  reference_code: reference,
  payment_method: "TM",
  is_draft: false,
  buyer: { type: "personal", name: "Lò Thị Mai", phone: "0912345678" },
  items: [{ line_number: 1, line_type: 1, item_code: "A1", item_name: "Cơm gà", unit: "suất", quantity: 1, unit_price: 45_000 }],
  total_amount: 45_000,
  ...over,
});

const tokenCalls = () => fake.callsTo("/v1/token").length;

describe("SePay eInvoice client", () => {
  it("keeps its token until a minute before it expires, then asks for a new one", async () => {
    const c = client();
    const before = tokenCalls();
    await c.quotaRemaining();
    await c.providerAccounts();
    await c.quotaRemaining();
    expect(tokenCalls() - before).toBe(1);
    now += 86_400_000 - 30_000;
    await c.quotaRemaining();
    expect(tokenCalls() - before).toBe(2);
    now -= 86_400_000 - 30_000;
  });

  it("a token kept in a shared cache is used by the next client (one per request)", async () => {
    const cache = memoryTokenCache();
    const before = tokenCalls();
    await client({ tokenCache: cache }).quotaRemaining();
    await client({ tokenCache: cache }).quotaRemaining();
    expect(tokenCalls() - before).toBe(1);
  });

  it("after a 401 gets one fresh token and retries once; a second 401 is a refusal", async () => {
    const c = client();
    await c.quotaRemaining();
    const before = tokenCalls();
    fake.failNextCall401();
    expect(await c.quotaRemaining()).toBeGreaterThan(0);
    expect(tokenCalls() - before).toBe(1);
    const calls = fake.callsTo("/v1/usage").slice(-2).map((x) => x.status);
    expect(calls).toEqual([401, 200]);
    // Wrong credentials: the token call itself is refused, with SePay's words and never the secret.
    const wrong = client({ clientSecret: "not-the-secret-value" });
    const err = await wrong.quotaRemaining().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EinvoiceRefusal);
    expect(err).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(String((err as Error).message)).not.toContain("not-the-secret-value");
  });

  it("reads the provider accounts (paged) and one account's templates", async () => {
    const c = client();
    const page = await c.providerAccounts(1, 100);
    expect(page.paging).toMatchObject({ total: 1, has_more: false });
    expect(page.items[0]).toMatchObject({ id: fake.accountId, provider: "matbao", active: true });
    const account = await c.providerAccount(fake.accountId);
    expect(account.templates.find((t) => t.template_code === "2")).toEqual({ template_code: "2", invoice_series: "C26TMB", invoice_label: "2 - C26TMB - Hóa đơn bán hàng" });
    await expect(c.providerAccount("missing")).rejects.toMatchObject({ status: 404 });
  });

  it("creates an invoice, follows its job to Success, reads it back, downloads it, lists it", async () => {
    const c = client();
    const ticket = await c.createInvoice(body("CL-1"));
    expect(ticket.tracking_code).toMatch(/[0-9a-f-]{36}/);
    expect((await c.createStatus(ticket.tracking_code)).status).toBe("Pending");
    const done = await c.createStatus(ticket.tracking_code);
    expect(done).toMatchObject({ status: "Success", reference_code: "CL-1", invoice: { status: "issued", total_amount: 45_000 } });
    expect(done.invoice?.invoice_number).toMatch(/^\d{7}$/);
    expect(done.invoice?.pdf_url).toContain("/files/CL-1.pdf");
    const detail = await c.invoice("CL-1");
    expect(detail.items[0]).toMatchObject({ quantity: "1.00", unit_price: "45000.00" });
    const file = await c.download(ticket.tracking_code, "pdf");
    expect(atob(file.content).startsWith("%PDF-")).toBe(true);
    const list = await c.invoices({ perPage: 100, source: "api" });
    expect(list.items.map((i) => i.reference_code)).toContain("CL-1");
    await expect(c.invoice("nope")).rejects.toMatchObject({ status: 404 });
  });

  it("makes a draft, issues it, and deletes another draft", async () => {
    const c = client();
    const draft = await c.createInvoice(body("CL-D1", { is_draft: true }));
    await c.createStatus(draft.tracking_code);
    expect((await c.createStatus(draft.tracking_code)).invoice).toMatchObject({ status: "draft", invoice_number: "0" });
    const issue = await c.issueInvoice("CL-D1");
    await c.issueStatus(issue.tracking_code);
    expect((await c.issueStatus(issue.tracking_code)).invoice?.status).toBe("issued");
    await expect(c.issueInvoice("CL-D1")).rejects.toMatchObject({ status: 400 });
    const other = await c.createInvoice(body("CL-D2", { is_draft: true }));
    await c.createStatus(other.tracking_code);
    await c.createStatus(other.tracking_code);
    await c.deleteDraft("CL-D2");
    await expect(c.invoice("CL-D2")).rejects.toBeInstanceOf(EinvoiceRefusal);
    await expect(c.deleteDraft("CL-D1")).rejects.toMatchObject({ status: 400 });
  });

  it("tells a refusal (validation, a reference used, no quota) from no answer (500, 429, timeout)", async () => {
    const c = client();
    const bad = await c.createInvoice(body("CL-B1", { total_amount: 1.5 })).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    expect((bad as EinvoiceRefusal).description).toContain("total_amount");
    await c.createInvoice(body("CL-B2"));
    await expect(c.createInvoice(body("CL-B2"))).rejects.toMatchObject({ status: 409, code: "EINVOICE_DOCUMENT_EXISTED" });
    fake.setQuota(0);
    await expect(c.createInvoice(body("CL-B3"))).rejects.toMatchObject({ status: 403, code: "QUOTA_EXCEEDED" });
    expect(await c.quotaRemaining()).toBe(0);
    fake.setQuota(100);
    fake.inject({ kind: "http-500", path: "/v1/invoices/create" });
    await expect(c.createInvoice(body("CL-B4"))).rejects.toBeInstanceOf(EinvoiceUnavailable);
    fake.inject({ kind: "http-429", path: "/v1/invoices/create" });
    await expect(c.createInvoice(body("CL-B4"))).rejects.toBeInstanceOf(EinvoiceUnavailable);
    expect(fake.callsTo("/v1/invoices/create").at(-1)?.status).toBe(429);
    fake.inject({ kind: "timeout", path: "/v1/invoices/create" });
    const started = Date.now();
    await expect(c.createInvoice(body("CL-B5"))).rejects.toBeInstanceOf(EinvoiceUnavailable);
    expect(Date.now() - started).toBeLessThan(5000);
    // A Failed job is reported with SePay's reason.
    fake.failNextJob("Ký hiệu hóa đơn không hợp lệ");
    const t = await c.createInvoice(body("CL-B6"));
    await c.createStatus(t.tracking_code);
    expect(await c.createStatus(t.tracking_code)).toMatchObject({ status: "Failed", message: "Ký hiệu hóa đơn không hợp lệ" });
  });

  it("a server that is not SePay's (HTML, nothing listening) is unavailable, not a crash", async () => {
    const html = client({ fetch: async () => new Response("<html>502</html>", { status: 502 }) });
    await expect(html.quotaRemaining()).rejects.toBeInstanceOf(EinvoiceUnavailable);
    const none = client({ baseUrl: "http://127.0.0.1:9" });
    await expect(none.quotaRemaining()).rejects.toBeInstanceOf(EinvoiceUnavailable);
  });
});
