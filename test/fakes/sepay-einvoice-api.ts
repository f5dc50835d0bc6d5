/**
 * A local fake of SePay eInvoice (../shared/BOOKS.md §4 and "What a local fake of SePay eInvoice
 * must do"), for tests: a Hono app on a loopback port; give the client `url` as its base URL.
 *
 * - Every endpoint on one base: POST /v1/token (Basic client_id:client_secret → an opaque token,
 *   TTL 86400 s by default; a bad or expired Bearer anywhere else → 401), GET /v1/provider-accounts
 *   (paged, default 20, max 100) and /{id}, POST /v1/invoices/create, GET /create/check/{tracking},
 *   POST /v1/invoices/issue, GET /issue/check/{tracking}, GET /v1/invoices (paged, default 10, max
 *   100, `source` filter), GET /v1/invoices/{reference} (lines with decimal strings), GET
 *   /v1/invoices/{tracking}/download?type=pdf|xml (base64 stub), POST /v1/invoices/delete/{reference}
 *   (drafts only), GET /v1/usage (`quota_remaining` a string). Errors `{ success: false, error: { code, message } }`.
 * - Seeded: one "matbao" account (approved 2026-04-20) with a VAT template 1/C26TAT and a sales
 *   invoice template 2/C26TMB.
 * - Create checks the required fields, the enums, an integer total_amount, the template and series
 *   (of the account, and the series' shape `^[CK]\d{2}[TDLMNBGHXF][A-Z0-9]{2}$`), a unique
 *   reference_code (409 EINVOICE_DOCUMENT_EXISTED, as SePay's docs say), issued_date not in the future
 *   (in Vietnam's time) nor before the approval date, and the quota for a non-draft (403
 *   QUOTA_EXCEEDED). Its job answers Pending for `pendingPolls` checks, then Success (numbered per
 *   series from 0000001, the quota −1, status issued; a draft: number "0", status draft) or Failed.
 * - Totals from the lines: quantity × unit price less the line's discount; line_type 2 counts only
 *   when priced, 3 subtracts, 4 is a note; tax only for a rate above 0 (−2/−1/0: none); rounded to
 *   whole đồng. A total_amount sent is used as it is (SePay does not check it).
 * - An anonymous personal buyer without a name is accepted, with a warning (ND 254 wants "Bán cho
 *   người tiêu dùng"); warnings are kept in `warnings`.
 * - Fault switches: `failNextCall401()` (the next Bearer call answers 401 whatever its token),
 *   `inject({ kind: "http-500", path })` (e.g. create or issue answers 500), `inject({ kind: "http-429", path })` (too many requests, Retry-After 30), `slowPending(n)` (jobs stay
 *   Pending n more checks), `setQuota(0)`, `failNextJob(message)`, `settleJobs()` (time passes: every
 *   open job ends), `inject({ kind: "timeout", path })`
 *   (no answer within the client's timeout), `inject({ kind: "lose-answer", path })` (the work is
 *   done, the connection dropped). Every call is recorded in `calls`.
 * State is in memory: one fake per test file.
 */
import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeEinvoiceOptions {
  /** Epoch ms (default Date.now): tokens' expiry, "not in the future". */
  now?: () => number;
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds?: number;
  /** How many checks a job answers Pending before its outcome (default 1). */
  pendingPolls?: number;
  quota?: number;
  approvedDate?: string | null;
}

export type FakeEinvoiceFault =
  | { kind: "http-500"; path: string }
  | { kind: "http-429"; path: string }
  | { kind: "timeout"; path: string }
  | { kind: "lose-answer"; path: string };

export interface EinvoiceCall {
  method: string;
  path: string;
  query: Record<string, string>;
  auth: "basic" | "bearer" | "none";
  body: unknown;
  status: number;
  at: number;
}

export interface FakeInvoice {
  reference_code: string;
  tracking_code: string;
  template_code: string;
  invoice_series: string;
  issued_date: string;
  status: "draft" | "issued";
  invoice_number: string;
  payment_method: string | null;
  buyer: Record<string, unknown>;
  items: Record<string, unknown>[];
  notes: string | null;
  total_before_tax: number;
  tax_amount: number;
  total_amount: number;
  source: "api" | "manual";
  pdf_url: string | null;
}

interface Job {
  kind: "create" | "issue";
  reference: string;
  pollsLeft: number;
  failure?: string;
  done?: "Success" | "Failed";
  message?: string;
  /** A create of a draft (no number, no quota). */
  draft: boolean;
}

export interface FakeEinvoice {
  url: string;
  clientId: string;
  clientSecret: string;
  accountId: string;
  calls: EinvoiceCall[];
  warnings: string[];
  invoices: Map<string, FakeInvoice>;
  quota(): number;
  setQuota(n: number): void;
  /** The next Bearer call (any path) answers 401. */
  failNextCall401(): void;
  /** Jobs already made, and the next ones, answer Pending for `polls` more checks. */
  slowPending(polls: number): void;
  /** The next job created ends Failed with this message. */
  failNextJob(message: string): void;
  /** Time passes at SePay: every open job reaches its outcome (as if checked until done). */
  settleJobs(): void;
  inject(fault: FakeEinvoiceFault, opts?: { times?: number }): void;
  clearFaults(): void;
  /** Calls to a path (and method), for counting. */
  callsTo(path: string | RegExp, method?: string): EinvoiceCall[];
  close(): Promise<void>;
}

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SERIES = /^[CK]\d{2}[TDLMNBGHXF][A-Z0-9]{2}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const TAX_RATES = new Set([-2, -1, 0, 5, 8, 10]);
const PAYMENT_METHODS = new Set(["TM", "CK", "TM/CK", "KHAC"]);
const CURRENCIES = new Set(["VND", "USD", "CAD"]);
const PDF_STUB = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/** Vietnam's wall clock (UTC+7, no DST) as SePay's "YYYY-MM-DD HH:mm:ss". */
const vietnamTime = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const decimals = (n: number) => (Number.isInteger(n) ? 0 : (String(n).split(".")[1]?.length ?? 99));

export async function startFakeSepayEinvoice(opts: FakeEinvoiceOptions = {}): Promise<FakeEinvoice> {
  const now = opts.now ?? Date.now;
  const clientId = opts.clientId ?? "cc-einvoice-client";
  const clientSecret = opts.clientSecret ?? "cc-einvoice-secret-0123456789";
  const ttl = opts.tokenTtlSeconds ?? 86_400;
  const accountId = "0aea3134-da40-11f0-aef4-52c7e9b4f41b";
  const approved = opts.approvedDate === undefined ? "2026-04-20" : opts.approvedDate;
  const account = {
    id: accountId,
    provider: "matbao",
    active: true,
    tax_authority_approved_date: approved,
    templates: [
      { template_code: "1", invoice_series: "C26TAT", invoice_label: "1 - C26TAT - Hóa đơn giá trị gia tăng" },
      { template_code: "2", invoice_series: "C26TMB", invoice_label: "2 - C26TMB - Hóa đơn bán hàng" },
    ],
  };
  const tokens = new Map<string, number>();
  const invoices = new Map<string, FakeInvoice>();
  const jobs = new Map<string, Job>();
  const numbers = new Map<string, number>();
  const calls: EinvoiceCall[] = [];
  const warnings: string[] = [];
  let quota = opts.quota ?? 100;
  let pendingPolls = opts.pendingPolls ?? 1;
  let next401 = false;
  let nextFailure: string | undefined;
  let faults: { fault: FakeEinvoiceFault; left: number }[] = [];
  const hanging = new Set<() => void>();
  let origin = "";

  const fail = (c: Context, status: number, code: string, message: string) => c.json({ success: false, error: { code, message } }, status as 400);
  const ok = (c: Context, data: unknown) => c.json({ success: true, data });

  function totals(items: Record<string, unknown>[]): { before: number; tax: number } {
    let before = 0;
    let tax = 0;
    for (const it of items) {
      const type = it.line_type;
      if (type === 4) continue;
      if (type === 3) {
        const off = typeof it.before_discount_and_tax_amount === "number" ? it.before_discount_and_tax_amount : 0;
        before -= off;
        if (typeof it.tax_rate === "number" && it.tax_rate > 0) tax -= (off * it.tax_rate) / 100;
        continue;
      }
      const qty = typeof it.quantity === "number" ? it.quantity : 1;
      const price = typeof it.unit_price === "number" ? it.unit_price : 0;
      if (type === 2 && price <= 0) continue;
      const gross = qty * price;
      const off = typeof it.discount_amount === "number" ? it.discount_amount : typeof it.discount_tax === "number" ? (gross * it.discount_tax) / 100 : 0;
      const net = gross - off;
      before += net;
      if (typeof it.tax_rate === "number" && it.tax_rate > 0) tax += (net * it.tax_rate) / 100;
    }
    return { before: Math.round(before), tax: Math.round(tax) };
  }

  function validateItems(raw: unknown, vat: boolean): Record<string, unknown>[] {
    if (!Array.isArray(raw) || raw.length === 0) throw new Refused(400, "BAD_REQUEST", "items là bắt buộc");
    return raw.map((it, i) => {
      const where = `items[${i}]`;
      if (!isObject(it)) throw new Refused(400, "BAD_REQUEST", `${where} không hợp lệ`);
      if (typeof it.line_number !== "number" || !Number.isInteger(it.line_number)) throw new Refused(400, "BAD_REQUEST", `${where}.line_number phải là số nguyên`);
      if (it.line_type !== 1 && it.line_type !== 2 && it.line_type !== 3 && it.line_type !== 4) throw new Refused(400, "BAD_REQUEST", `${where}.line_type không hợp lệ`);
      if (typeof it.item_name !== "string" || !it.item_name.trim()) throw new Refused(400, "BAD_REQUEST", `${where}.item_name là bắt buộc`);
      for (const k of ["quantity", "unit_price", "discount_tax", "discount_amount", "before_discount_and_tax_amount"]) {
        if (it[k] !== undefined && (typeof it[k] !== "number" || !Number.isFinite(it[k]) || it[k] < 0)) throw new Refused(400, "BAD_REQUEST", `${where}.${k} không hợp lệ`);
      }
      if (typeof it.quantity === "number" && decimals(it.quantity) > 2) throw new Refused(400, "BAD_REQUEST", `${where}.quantity tối đa 2 chữ số thập phân`);
      if (it.tax_rate !== undefined && (typeof it.tax_rate !== "number" || !TAX_RATES.has(it.tax_rate))) throw new Refused(400, "BAD_REQUEST", `${where}.tax_rate không hợp lệ`);
      if (vat && (it.line_type === 1 || it.line_type === 2) && it.tax_rate === undefined) throw new Refused(400, "BAD_REQUEST", `${where}.tax_rate là bắt buộc với hóa đơn GTGT`);
      if (!vat && it.tax_rate !== undefined) warnings.push(`${where}.tax_rate ignored on a sales invoice`);
      return it;
    });
  }

  function validateCreate(b: unknown): { invoice: FakeInvoice; draft: boolean } {
    if (!isObject(b)) throw new Refused(400, "BAD_REQUEST", "Body phải là JSON");
    for (const k of ["template_code", "invoice_series", "issued_date", "currency", "provider_account_id"]) {
      if (typeof b[k] !== "string" || !(b[k] as string).trim()) throw new Refused(400, "BAD_REQUEST", `${k} là bắt buộc`);
    }
    const series = b.invoice_series as string;
    const template = b.template_code as string;
    if (b.provider_account_id !== accountId) throw new Refused(404, "NOT_FOUND", "Không tìm thấy tài khoản nhà cung cấp");
    if (!SERIES.test(series)) throw new Refused(400, "BAD_REQUEST", "invoice_series không đúng định dạng");
    if (!account.templates.some((t) => t.template_code === template && t.invoice_series === series)) throw new Refused(400, "BAD_REQUEST", "Mẫu số và ký hiệu hóa đơn không thuộc tài khoản");
    if (!CURRENCIES.has(b.currency as string)) throw new Refused(400, "BAD_REQUEST", "currency không hợp lệ");
    const m = DATE_TIME.exec(b.issued_date as string);
    if (!m || Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`))) throw new Refused(400, "BAD_REQUEST", "issued_date phải có dạng YYYY-MM-DD HH:mm:ss");
    const issued = b.issued_date as string;
    if (issued > vietnamTime(now())) throw new Refused(400, "BAD_REQUEST", "Ngày lập hóa đơn không được sau thời điểm hiện tại");
    if (approved && issued.slice(0, 10) < approved) throw new Refused(400, "BAD_REQUEST", `Ngày lập hóa đơn trước ngày CQT chấp thuận (${approved})`);
    if (b.payment_method !== undefined && !PAYMENT_METHODS.has(b.payment_method as string)) throw new Refused(400, "BAD_REQUEST", "payment_method không hợp lệ");
    if (b.is_draft !== undefined && typeof b.is_draft !== "boolean") throw new Refused(400, "BAD_REQUEST", "is_draft phải là boolean");
    if (b.total_amount !== undefined && (typeof b.total_amount !== "number" || !Number.isInteger(b.total_amount))) throw new Refused(400, "BAD_REQUEST", "total_amount phải là số nguyên");
    if (!isObject(b.buyer)) throw new Refused(400, "BAD_REQUEST", "buyer là bắt buộc");
    const buyer = b.buyer;
    if (buyer.type !== undefined && buyer.type !== "personal" && buyer.type !== "company") throw new Refused(400, "BAD_REQUEST", "buyer.type không hợp lệ");
    if (buyer.type === "company" && (typeof buyer.tax_code !== "string" || !buyer.tax_code)) throw new Refused(400, "BAD_REQUEST", "buyer.tax_code là bắt buộc với công ty");
    if (typeof buyer.name !== "string" || !buyer.name.trim()) warnings.push("buyer.name empty: an anonymous buyer should read 'Bán cho người tiêu dùng'");
    const items = validateItems(b.items, template === "1");
    const reference = typeof b.reference_code === "string" && b.reference_code ? b.reference_code : crypto.randomUUID();
    if (invoices.has(reference)) throw new Refused(409, "EINVOICE_DOCUMENT_EXISTED", "Hệ thống đã ghi nhận hoá đơn cho mã tham chiếu này");
    const draft = b.is_draft === true;
    if (!draft && quota <= 0) throw new Refused(403, "QUOTA_EXCEEDED", "Hết hạn ngạch phát hành hóa đơn điện tử");
    const t = totals(items);
    const total = typeof b.total_amount === "number" ? b.total_amount : t.before + t.tax;
    return {
      draft,
      invoice: {
        reference_code: reference,
        tracking_code: "",
        template_code: template,
        invoice_series: series,
        issued_date: issued,
        status: "draft",
        invoice_number: "0",
        payment_method: typeof b.payment_method === "string" ? b.payment_method : null,
        buyer,
        items,
        notes: typeof b.notes === "string" ? b.notes : null,
        total_before_tax: t.before,
        tax_amount: t.tax,
        total_amount: total,
        source: "api",
        pdf_url: null,
      },
    };
  }

  function newJob(kind: Job["kind"], reference: string, draft: boolean): string {
    const tracking = crypto.randomUUID();
    const job: Job = { kind, reference, pollsLeft: pendingPolls, draft };
    if (nextFailure !== undefined) {
      job.failure = nextFailure;
      nextFailure = undefined;
    }
    jobs.set(tracking, job);
    return tracking;
  }

  function issueNumber(inv: FakeInvoice) {
    const n = (numbers.get(inv.invoice_series) ?? 0) + 1;
    numbers.set(inv.invoice_series, n);
    inv.invoice_number = String(n).padStart(7, "0");
    inv.status = "issued";
    inv.pdf_url = `${origin}/files/${encodeURIComponent(inv.reference_code)}.pdf`;
    quota -= 1;
  }

  /** Moves a job on by one check; its report. */
  function poll(job: Job) {
    if (!job.done) {
      if (job.pollsLeft > 0) {
        job.pollsLeft -= 1;
      } else {
        const inv = invoices.get(job.reference);
        if (job.failure !== undefined || !inv || (!job.draft && quota <= 0)) {
          job.done = "Failed";
          job.message = job.failure ?? "Hết hạn ngạch phát hành hóa đơn điện tử";
          // A failed create leaves nothing; a failed issue leaves the draft.
          if (job.kind === "create") invoices.delete(job.reference);
        } else {
          job.done = "Success";
          job.message = job.kind === "create" ? "Xuất hóa đơn điện tử thành công" : "Phát hành hóa đơn điện tử thành công";
          if (!job.draft) issueNumber(inv);
        }
      }
    }
    const inv = invoices.get(job.reference);
    return {
      reference_code: job.reference,
      status: job.done ?? "Pending",
      message: job.done ? (job.message ?? "") : "Đang xử lý",
      ...(job.done === "Success" && inv ? { invoice: summary(inv) } : {}),
    };
  }

  const summary = (inv: FakeInvoice) => ({
    reference_code: inv.reference_code,
    invoice_number: inv.invoice_number,
    invoice_series: inv.invoice_series,
    issued_date: inv.issued_date.slice(0, 10),
    pdf_url: inv.pdf_url,
    xml_url: null,
    status: inv.status,
    buyer: inv.buyer,
    total_before_tax: inv.total_before_tax,
    tax_amount: inv.tax_amount,
    total_amount: inv.total_amount,
    notes: inv.notes,
    source: inv.source,
  });

  const detail = (inv: FakeInvoice) => ({
    ...summary(inv),
    items: inv.items.map((it) => {
      const qty = typeof it.quantity === "number" ? it.quantity : 1;
      const price = typeof it.unit_price === "number" ? it.unit_price : 0;
      const rate = typeof it.tax_rate === "number" ? it.tax_rate : null;
      const amount = it.line_type === 3 ? -(Number(it.before_discount_and_tax_amount) || 0) : it.line_type === 4 ? 0 : qty * price - (Number(it.discount_amount) || 0);
      return {
        line_number: it.line_number,
        line_type: it.line_type,
        item_code: it.item_code ?? null,
        item_name: it.item_name,
        unit: it.unit ?? null,
        quantity: qty.toFixed(2),
        unit_price: price.toFixed(2),
        total_amount: amount.toFixed(2),
        tax_rate: rate === null ? null : rate.toFixed(2),
        tax_amount: (rate !== null && rate > 0 ? (amount * rate) / 100 : 0).toFixed(2),
      };
    }),
  });

  function paging(c: Context, total: number, def: number) {
    const page = Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1);
    const perPage = Math.min(100, Math.max(1, Number.parseInt(c.req.query("per_page") ?? String(def), 10) || def));
    const pageCount = Math.max(1, Math.ceil(total / perPage));
    return { page, perPage, paging: { per_page: perPage, total, has_more: page < pageCount, current_page: page, page_count: pageCount } };
  }

  const app = new Hono();
  const bodies = new WeakMap<Request, unknown>();

  // Records the call, applies the faults, checks the Bearer token (all but /v1/token and the PDFs).
  app.use("*", async (c, next) => {
    const path = c.req.path;
    const text = c.req.method === "POST" ? await c.req.text() : "";
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const authHeader = c.req.header("authorization") ?? "";
    const call: EinvoiceCall = { method: c.req.method, path, query: c.req.query(), auth: authHeader.startsWith("Basic ") ? "basic" : authHeader.startsWith("Bearer ") ? "bearer" : "none", body, status: 0, at: now() };
    calls.push(call);
    bodies.set(c.req.raw, body);
    const fault = faults.find((f) => f.left > 0 && path.startsWith(f.fault.path));
    if (fault) {
      fault.left -= 1;
      if (fault.fault.kind === "http-500") {
        call.status = 500;
        return fail(c, 500, "INTERNAL_SERVER_ERROR", "Lỗi hệ thống khi ký/gửi hóa đơn");
      }
      if (fault.fault.kind === "http-429") {
        call.status = 429;
        c.header("retry-after", "30");
        return fail(c, 429, "TOO_MANY_REQUESTS", "Quá nhiều yêu cầu, thử lại sau");
      }
      if (fault.fault.kind === "timeout") {
        call.status = 0;
        return new Promise<Response>((resolve) => {
          const release = () => resolve(new Response(null, { status: 504 }));
          hanging.add(release);
          setTimeout(() => {
            hanging.delete(release);
            release();
          }, 30_000).unref?.();
        });
      }
    }
    if (path !== "/v1/token" && !path.startsWith("/files/")) {
      const token = authHeader.startsWith("Bearer ") ? authHeader.slice(7) : "";
      const expires = tokens.get(token);
      if (next401 || expires === undefined || expires <= now()) {
        next401 = false;
        call.status = 401;
        return fail(c, 401, "UNAUTHORIZED", "Thiếu hoặc sai Bearer token");
      }
    }
    await next();
    call.status = c.res.status;
    if (fault?.fault.kind === "lose-answer") {
      // The work is done; the answer never arrives.
      (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.destroy();
      call.status = 0;
      c.res = new Response(null, { status: 500 });
    }
    return undefined;
  });
  app.onError((error, c) => {
    if (error instanceof Refused) return fail(c, error.status, error.code, error.message);
    return fail(c, 500, "INTERNAL_SERVER_ERROR", error instanceof Error ? error.message : "error");
  });

  const bodyOf = (c: Context): unknown => bodies.get(c.req.raw);

  app.post("/v1/token", (c) => {
    const auth = c.req.header("authorization") ?? "";
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64")}`;
    if (auth !== expected) return fail(c, 401, "UNAUTHORIZED", "client_id hoặc client_secret không đúng");
    const token = crypto.randomUUID().replace(/-/g, "");
    tokens.set(token, now() + ttl * 1000);
    return ok(c, { access_token: token, token_type: "Bearer", expires_in: ttl });
  });

  app.get("/v1/provider-accounts", (c) => {
    const { page, perPage, paging: p } = paging(c, 1, 20);
    const items = [{ id: account.id, provider: account.provider, active: account.active, tax_authority_approved_date: account.tax_authority_approved_date }];
    return c.json({ data: { paging: p, items: items.slice((page - 1) * perPage, page * perPage) } });
  });

  app.get("/v1/provider-accounts/:id", (c) => {
    if (c.req.param("id") !== account.id) throw new Refused(404, "NOT_FOUND", "Không tồn tại tài khoản với ID cung cấp");
    return ok(c, account);
  });

  app.post("/v1/invoices/create", (c) => {
    const { invoice, draft } = validateCreate(bodyOf(c));
    invoices.set(invoice.reference_code, invoice);
    const tracking = newJob("create", invoice.reference_code, draft);
    invoice.tracking_code = tracking;
    return ok(c, { tracking_code: tracking, tracking_url: `${origin}/v1/invoices/create/check/${tracking}`, message: "Đã tạo yêu cầu xuất bán hóa đơn điện tử" });
  });

  const check = (kind: Job["kind"]) => (c: Context) => {
    const job = jobs.get(c.req.param("tracking") ?? "");
    if (!job || job.kind !== kind) throw new Refused(404, "NOT_FOUND", "Không tìm thấy yêu cầu tương ứng với tracking_code");
    return ok(c, poll(job));
  };
  app.get("/v1/invoices/create/check/:tracking", check("create"));
  app.get("/v1/invoices/issue/check/:tracking", check("issue"));

  app.post("/v1/invoices/issue", (c) => {
    const b = bodyOf(c);
    const reference = isObject(b) && typeof b.reference_code === "string" ? b.reference_code : "";
    if (!reference) throw new Refused(400, "BAD_REQUEST", "reference_code là bắt buộc");
    const inv = invoices.get(reference);
    if (!inv) throw new Refused(404, "NOT_FOUND", "Không tìm thấy hóa đơn");
    if (inv.status !== "draft" || [...jobs.values()].some((j) => j.reference === reference && !j.done)) throw new Refused(400, "BAD_REQUEST", "Hóa đơn không ở trạng thái nháp");
    if (quota <= 0) throw new Refused(403, "QUOTA_EXCEEDED", "Hết hạn ngạch phát hành hóa đơn điện tử");
    const tracking = newJob("issue", reference, false);
    return ok(c, { tracking_code: tracking, tracking_url: `${origin}/v1/invoices/issue/check/${tracking}`, message: "Đã tạo yêu cầu phát hành hóa đơn điện tử" });
  });

  app.get("/v1/invoices", (c) => {
    const source = c.req.query("source");
    const all = [...invoices.values()].filter((i) => !source || i.source === source);
    const { page, perPage, paging: p } = paging(c, all.length, 10);
    return c.json({ data: { paging: p, items: all.slice((page - 1) * perPage, page * perPage).map(summary) } });
  });

  app.get("/v1/invoices/:tracking/download", (c) => {
    const type = c.req.query("type");
    if (type !== "pdf" && type !== "xml") throw new Refused(400, "BAD_REQUEST", "type phải là pdf hoặc xml");
    const job = jobs.get(c.req.param("tracking"));
    const inv = job ? invoices.get(job.reference) : undefined;
    if (!inv) throw new Refused(404, "NOT_FOUND", "Không tìm thấy hóa đơn");
    const content = type === "pdf" ? PDF_STUB : `<?xml version="1.0"?><HDon><SHDon>${inv.invoice_number}</SHDon></HDon>`;
    return ok(c, { file_type: type, file_name: `${inv.invoice_series}-${inv.invoice_number}.${type}`, content: Buffer.from(content, "utf8").toString("base64") });
  });

  app.get("/v1/invoices/:reference", (c) => {
    const inv = invoices.get(c.req.param("reference"));
    if (!inv) throw new Refused(404, "NOT_FOUND", "Không tìm thấy hóa đơn");
    return ok(c, detail(inv));
  });

  app.post("/v1/invoices/delete/:reference", (c) => {
    const reference = c.req.param("reference");
    const inv = invoices.get(reference);
    if (!inv) throw new Refused(404, "NOT_FOUND", "Không tìm thấy hóa đơn");
    if (inv.status !== "draft") throw new Refused(400, "BAD_REQUEST", "Chỉ xóa được hóa đơn nháp");
    invoices.delete(reference);
    return ok(c, { reference_code: reference, message: "Hóa đơn nháp đã được xóa thành công" });
  });

  app.get("/v1/usage", (c) => c.json({ data: { quota_remaining: String(quota) } }));

  app.get("/files/:name", (c) => c.body(PDF_STUB, 200, { "content-type": "application/pdf" }));

  app.notFound((c) => fail(c, 404, "NOT_FOUND", "Not found"));

  let server: Server | undefined;
  const fake: FakeEinvoice = {
    url: "",
    clientId,
    clientSecret,
    accountId,
    calls,
    warnings,
    invoices,
    quota: () => quota,
    setQuota: (n) => void (quota = n),
    failNextCall401: () => void (next401 = true),
    slowPending(polls) {
      pendingPolls = polls;
      for (const job of jobs.values()) if (!job.done) job.pollsLeft = Math.max(job.pollsLeft, polls);
    },
    failNextJob: (message) => void (nextFailure = message),
    settleJobs() {
      for (const job of jobs.values()) {
        job.pollsLeft = 0;
        poll(job);
      }
    },
    inject: (fault, o = {}) => void faults.push({ fault, left: o.times ?? 1 }),
    clearFaults() {
      faults = [];
      next401 = false;
      nextFailure = undefined;
      pendingPolls = opts.pendingPolls ?? 1;
    },
    callsTo: (path, method) => calls.filter((c) => (typeof path === "string" ? c.path === path : path.test(c.path)) && (!method || c.method === method)),
    close: async () => {
      for (const release of hanging) release();
      hanging.clear();
      if (!server) return;
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      origin = `http://127.0.0.1:${info.port}`;
      fake.url = origin;
      resolve();
    }) as Server;
  });
  return fake;
}
