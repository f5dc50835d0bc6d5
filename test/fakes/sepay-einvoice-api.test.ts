import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeSepayEinvoice, type FakeEinvoice } from "./sepay-einvoice-api";

// The fake itself, spoken to with plain fetch: what BOOKS.md's list asks of it, so a client test
// that passes against it passes for the documented reasons.
let now = Date.parse("2026-12-02T03:00:00Z");
let fake: FakeEinvoice;

beforeAll(async () => {
  fake = await startFakeSepayEinvoice({ now: () => now, pendingPolls: 2 });
});
afterAll(() => fake.close());
afterEach(() => fake.clearFaults());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function token(): Promise<string> {
  const res = await fetch(`${fake.url}/v1/token`, { method: "POST", headers: { authorization: basic(fake.clientId, fake.clientSecret) } });
  const body = (await res.json()) as { data: { access_token: string } };
  return body.data.access_token;
}

async function call(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(`${fake.url}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${init.token ?? (await token())}`, ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const invoice = (over: Record<string, unknown> = {}) => ({
  template_code: "2",
  invoice_series: "C26TMB",
  issued_date: "2026-12-02 09:59:00",
  currency: "VND",
  provider_account_id: fake.accountId,
  payment_method: "CK",
  is_draft: false,
  buyer: { type: "personal", name: "Bán cho người tiêu dùng", phone: "0912345678" },
  items: [
    { line_number: 1, line_type: 1, item_code: "A1", item_name: "Cơm gà", unit: "suất", quantity: 2, unit_price: 45_000 },
    { line_number: 2, line_type: 1, item_name: "Phí giao hàng", quantity: 1, unit_price: 15_000 },
  ],
  ...over,
});

async function settle(tracking: string, kind = "create") {
  for (let i = 0; i < 10; i++) {
    const r = await call(`/v1/invoices/${kind}/check/${tracking}`);
    if (r.body.data.status !== "Pending") return r.body.data;
  }
  throw new Error("still pending");
}

describe("fake SePay eInvoice", () => {
  it("gives a token for the right Basic credentials only, which expires after its TTL", async () => {
    const bad = await fetch(`${fake.url}/v1/token`, { method: "POST", headers: { authorization: basic(fake.clientId, "wrong") } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ success: false, error: { code: "UNAUTHORIZED" } });
    const res = await fetch(`${fake.url}/v1/token`, { method: "POST", headers: { authorization: basic(fake.clientId, fake.clientSecret) } });
    expect(await res.json()).toMatchObject({ success: true, data: { token_type: "Bearer", expires_in: 86400 } });
    const t = await token();
    expect((await call("/v1/usage", { token: t })).status).toBe(200);
    expect((await call("/v1/usage", { token: "made-up" })).status).toBe(401);
    now += 86_400_000;
    expect((await call("/v1/usage", { token: t })).status).toBe(401);
    now -= 86_400_000;
  });

  it("lists the seeded account with paging, and its two templates", async () => {
    const list = await call("/v1/provider-accounts?page=1&per_page=500");
    expect(list.body.data.paging).toMatchObject({ per_page: 100, total: 1, has_more: false, current_page: 1 });
    expect(list.body.data.items).toEqual([{ id: fake.accountId, provider: "matbao", active: true, tax_authority_approved_date: "2026-04-20" }]);
    const detail = await call(`/v1/provider-accounts/${fake.accountId}`);
    expect(detail.body.data.templates.map((t: { invoice_label: string }) => t.invoice_label)).toEqual(["1 - C26TAT - Hóa đơn giá trị gia tăng", "2 - C26TMB - Hóa đơn bán hàng"]);
    expect((await call("/v1/provider-accounts/nope")).status).toBe(404);
  });

  it("answers Pending for N checks, then numbers the invoice in its series and takes one from the quota", async () => {
    const before = fake.quota();
    const made = await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "R-1" }) });
    expect(made.status).toBe(200);
    const tracking = made.body.data.tracking_code as string;
    expect((await call(`/v1/invoices/create/check/${tracking}`)).body.data.status).toBe("Pending");
    expect((await call(`/v1/invoices/create/check/${tracking}`)).body.data.status).toBe("Pending");
    const done = await call(`/v1/invoices/create/check/${tracking}`);
    expect(done.body.data).toMatchObject({ reference_code: "R-1", status: "Success", invoice: { invoice_number: "0000001", status: "issued", total_before_tax: 105_000, tax_amount: 0, total_amount: 105_000 } });
    expect(fake.quota()).toBe(before - 1);
    const second = await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "R-2" }) });
    expect((await settle(second.body.data.tracking_code)).invoice.invoice_number).toBe("0000002");
    // The detail's figures are decimal strings.
    const detail = await call("/v1/invoices/R-1");
    expect(detail.body.data.items[0]).toMatchObject({ quantity: "2.00", unit_price: "45000.00", total_amount: "90000.00" });
    // The PDF link opens.
    const pdf = await fetch(detail.body.data.pdf_url);
    expect((await pdf.text()).startsWith("%PDF-")).toBe(true);
  });

  it("refuses bad bodies with SePay's error envelope", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ template_code: undefined }, 400, "template_code"],
      [{ currency: "EUR" }, 400, "currency"],
      [{ payment_method: "CASH" }, 400, "payment_method"],
      [{ total_amount: 100000.5 }, 400, "total_amount"],
      [{ invoice_series: "C26TZZ" }, 400, "ký hiệu"],
      [{ invoice_series: "X26TMB" }, 400, "định dạng"],
      [{ issued_date: "2026-12-02" }, 400, "issued_date"],
      [{ issued_date: "2026-12-02 10:30:00" }, 400, "sau thời điểm hiện tại"],
      [{ issued_date: "2026-04-19 08:00:00" }, 400, "CQT"],
      [{ items: [] }, 400, "items"],
      [{ items: [{ line_number: 1, line_type: 9, item_name: "x" }] }, 400, "line_type"],
      [{ items: [{ line_number: 1, line_type: 1, item_name: "x", quantity: 1.234, unit_price: 1 }] }, 400, "quantity"],
      [{ template_code: "1", invoice_series: "C26TAT" }, 400, "tax_rate"],
      [{ provider_account_id: "other" }, 404, "tài khoản"],
    ];
    for (const [over, status, words] of cases) {
      const r = await call("/v1/invoices/create", { method: "POST", body: invoice(over) });
      expect([r.status, r.body.success, r.body.error?.code.length > 0], JSON.stringify(over)).toEqual([status, false, true]);
      expect(r.body.error.message).toContain(words);
    }
    await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "DUP" }) });
    const dup = await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "DUP" }) });
    expect([dup.status, dup.body.error.code]).toEqual([409, "EINVOICE_DOCUMENT_EXISTED"]);
  });

  it("computes totals from the lines (discounts, a trade discount, VAT rates) and keeps a total_amount sent as it is", async () => {
    const vat = await call("/v1/invoices/create", {
      method: "POST",
      body: invoice({
        template_code: "1",
        invoice_series: "C26TAT",
        reference_code: "VAT-1",
        items: [
          { line_number: 1, line_type: 1, item_name: "A", quantity: 3, unit_price: 10_001, tax_rate: 10, discount_amount: 1 },
          { line_number: 2, line_type: 1, item_name: "B", quantity: 1, unit_price: 20_000, tax_rate: -2 },
          { line_number: 3, line_type: 2, item_name: "KM", quantity: 1, unit_price: 0, tax_rate: 10 },
          { line_number: 4, line_type: 3, item_name: "Chiết khấu", before_discount_and_tax_amount: 5_000 },
          { line_number: 5, line_type: 4, item_name: "Ghi chú" },
        ],
      }),
    });
    const done = await settle(vat.body.data.tracking_code);
    expect(done.invoice).toMatchObject({ total_before_tax: 30_002 + 20_000 - 5_000, tax_amount: 3_000, total_amount: 48_002 });
    const sent = await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "TOT-1", total_amount: 1 }) });
    expect((await settle(sent.body.data.tracking_code)).invoice.total_amount).toBe(1);
    // An unnamed anonymous buyer goes through, with a warning.
    await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "ANON", buyer: { type: "personal" } }) });
    expect(fake.warnings.some((w) => w.includes("Bán cho người tiêu dùng"))).toBe(true);
  });

  it("drafts: number 0, no quota, issued later (drafts only), deleted only while drafts", async () => {
    const quota = fake.quota();
    const made = await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "D-1", is_draft: true }) });
    const draft = await settle(made.body.data.tracking_code);
    expect(draft.invoice).toMatchObject({ status: "draft", invoice_number: "0" });
    expect(fake.quota()).toBe(quota);
    expect((await call("/v1/invoices/issue", { method: "POST", body: { reference_code: "nope" } })).status).toBe(404);
    const issued = await call("/v1/invoices/issue", { method: "POST", body: { reference_code: "D-1" } });
    const done = await settle(issued.body.data.tracking_code, "issue");
    expect(done.invoice.status).toBe("issued");
    expect(fake.quota()).toBe(quota - 1);
    expect((await call("/v1/invoices/issue", { method: "POST", body: { reference_code: "D-1" } })).status).toBe(400);
    expect((await call("/v1/invoices/delete/D-1", { method: "POST" })).status).toBe(400);
    const d2 = await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "D-2", is_draft: true }) });
    await settle(d2.body.data.tracking_code);
    expect((await call("/v1/invoices/delete/D-2", { method: "POST" })).status).toBe(200);
    expect((await call("/v1/invoices/D-2")).status).toBe(404);
    // Download by tracking code: a base64 stub.
    const file = await call(`/v1/invoices/${issued.body.data.tracking_code}/download?type=xml`);
    expect(Buffer.from(file.body.data.content, "base64").toString()).toContain("<SHDon>");
    expect((await call("/v1/invoices/no-such-tracking/download?type=pdf")).status).toBe(404);
    const byCreate = await call(`/v1/invoices/${made.body.data.tracking_code}/download?type=pdf`);
    expect(Buffer.from(byCreate.body.data.content, "base64").toString().startsWith("%PDF-")).toBe(true);
    expect((await call(`/v1/invoices/${made.body.data.tracking_code}/download?type=doc`)).status).toBe(400);
  });

  it("lists invoices with a source filter and paging; usage is a string", async () => {
    const list = await call("/v1/invoices?per_page=2&source=api");
    expect(list.body.data.items).toHaveLength(2);
    expect(list.body.data.paging.has_more).toBe(true);
    expect((await call("/v1/invoices?source=manual")).body.data.items).toEqual([]);
    expect(typeof (await call("/v1/usage")).body.data.quota_remaining).toBe("string");
  });

  it("fault switches: next call 401, create 500, slow Pending, a failed job, quota 0", async () => {
    const t = await token();
    fake.failNextCall401();
    expect((await call("/v1/usage", { token: t })).status).toBe(401);
    expect((await call("/v1/usage", { token: t })).status).toBe(200);
    fake.inject({ kind: "http-500", path: "/v1/invoices/create" });
    expect((await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "F-1" }) })).status).toBe(500);
    fake.slowPending(5);
    const slow = await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "F-2" }) });
    for (let i = 0; i < 5; i++) expect((await call(`/v1/invoices/create/check/${slow.body.data.tracking_code}`)).body.data.status).toBe("Pending");
    fake.clearFaults();
    fake.failNextJob("Sai thông tin người mua");
    const failing = await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "F-3" }) });
    expect(await settle(failing.body.data.tracking_code)).toMatchObject({ status: "Failed", message: "Sai thông tin người mua" });
    expect((await call("/v1/invoices/F-3")).status).toBe(404);
    fake.setQuota(0);
    const none = await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "F-4" }) });
    expect([none.status, none.body.error.code]).toEqual([403, "QUOTA_EXCEEDED"]);
    // Drafts still go through with no quota.
    expect((await call("/v1/invoices/create", { method: "POST", body: invoice({ reference_code: "F-5", is_draft: true }) })).status).toBe(200);
    fake.setQuota(100);
    expect(fake.callsTo("/v1/invoices/create", "POST").length).toBeGreaterThan(5);
  });
});
