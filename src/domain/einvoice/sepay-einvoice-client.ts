// A small typed client for SePay eInvoice (../shared/BOOKS.md §4; there is no SDK on the registry):
// POST /v1/token with Basic client_id:client_secret, then Bearer on every call. The token is kept
// (TokenCache) until a minute before it expires; a 401 gets one fresh token and one retry. Answers
// come as `{ success, data }` (or `{ data }` for lists and usage); errors as
// `{ success: false, error: { code, message } }` → EinvoiceRefusal, no usable answer → EinvoiceUnavailable.
import { EinvoiceRefusal, EinvoiceUnavailable } from "./errors";
import type {
  CreateInvoiceBody,
  DownloadedFile,
  InvoiceDetail,
  InvoiceSummary,
  JobReport,
  Page,
  ProviderAccount,
  ProviderAccountDetail,
  TrackingTicket,
} from "./sepay-einvoice-types";

/** Where a token is kept between calls (per shop: the store's memo; in tests, a plain object). */
export interface TokenCache {
  get(): { token: string; expiresAt: number } | undefined;
  set(value: { token: string; expiresAt: number }): void;
  clear(): void;
}

export interface SepayEinvoiceOptions {
  /** https://einvoice-api.sepay.vn (production) or the sandbox, or a local fake. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  tokenCache?: TokenCache;
  fetch?: typeof fetch;
  /** Per call (default 15 s). */
  timeoutMs?: number;
  now?: () => number;
}

/** A token is dropped this long before SePay says it expires. */
const EXPIRY_MARGIN_MS = 60_000;

/** A cache that lives as long as the client (the default). */
export function memoryTokenCache(): TokenCache {
  let kept: { token: string; expiresAt: number } | undefined;
  return { get: () => kept, set: (v) => void (kept = v), clear: () => void (kept = undefined) };
}

const basic = (id: string, secret: string) => {
  let bin = "";
  for (const b of new TextEncoder().encode(`${id}:${secret}`)) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

type Query = Record<string, string | number | undefined>;

export class SepayEinvoiceClient {
  private readonly root: string;
  private readonly doFetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly cache: TokenCache;

  constructor(private readonly opts: SepayEinvoiceOptions) {
    this.root = opts.baseUrl.replace(/\/+$/, "");
    // Called as a plain function: workerd refuses the global fetch called as another object's method.
    this.doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.now = opts.now ?? (() => Date.now());
    this.cache = opts.tokenCache ?? memoryTokenCache();
  }

  /** A Bearer token: the kept one while it is good, else a new one from POST /v1/token. */
  async token(fresh = false): Promise<string> {
    const kept = this.cache.get();
    if (!fresh && kept && kept.expiresAt > this.now()) return kept.token;
    const data = await this.send("POST", "/v1/token", { authorization: basic(this.opts.clientId, this.opts.clientSecret) });
    const token = isObject(data) ? data.access_token : undefined;
    const ttl = isObject(data) && typeof data.expires_in === "number" ? data.expires_in : 0;
    if (typeof token !== "string" || !token) throw new EinvoiceUnavailable("/v1/token: no access_token");
    this.cache.set({ token, expiresAt: this.now() + ttl * 1000 - EXPIRY_MARGIN_MS });
    return token;
  }

  async providerAccounts(page = 1, perPage = 20): Promise<Page<ProviderAccount>> {
    return this.page(await this.call("GET", "/v1/provider-accounts", undefined, { page, per_page: perPage }));
  }

  async providerAccount(id: string): Promise<ProviderAccountDetail> {
    const data = await this.call("GET", `/v1/provider-accounts/${encodeURIComponent(id)}`);
    if (!isObject(data) || typeof data.id !== "string") throw new EinvoiceUnavailable("provider account: unreadable answer");
    return { ...(data as unknown as ProviderAccountDetail), templates: Array.isArray(data.templates) ? (data.templates as ProviderAccountDetail["templates"]) : [] };
  }

  /** Sends the invoice; SePay answers with the job to follow (createStatus). */
  async createInvoice(body: CreateInvoiceBody): Promise<TrackingTicket> {
    return this.ticket(await this.call("POST", "/v1/invoices/create", body), "create");
  }

  async createStatus(trackingCode: string): Promise<JobReport> {
    return this.report(await this.call("GET", `/v1/invoices/create/check/${encodeURIComponent(trackingCode)}`));
  }

  /** Issues a draft (drafts only). */
  async issueInvoice(referenceCode: string): Promise<TrackingTicket> {
    return this.ticket(await this.call("POST", "/v1/invoices/issue", { reference_code: referenceCode }), "issue");
  }

  async issueStatus(trackingCode: string): Promise<JobReport> {
    return this.report(await this.call("GET", `/v1/invoices/issue/check/${encodeURIComponent(trackingCode)}`));
  }

  async invoice(referenceCode: string): Promise<InvoiceDetail> {
    const data = await this.call("GET", `/v1/invoices/${encodeURIComponent(referenceCode)}`);
    if (!isObject(data) || typeof data.reference_code !== "string") throw new EinvoiceUnavailable("invoice: unreadable answer");
    return { ...(data as unknown as InvoiceDetail), items: Array.isArray(data.items) ? (data.items as InvoiceDetail["items"]) : [] };
  }

  async invoices(opts: { page?: number; perPage?: number; source?: "api" | "manual" } = {}): Promise<Page<InvoiceSummary>> {
    return this.page(await this.call("GET", "/v1/invoices", undefined, { page: opts.page ?? 1, per_page: opts.perPage ?? 10, source: opts.source }));
  }

  async download(trackingCode: string, type: "pdf" | "xml"): Promise<DownloadedFile> {
    const data = await this.call("GET", `/v1/invoices/${encodeURIComponent(trackingCode)}/download`, undefined, { type });
    if (!isObject(data) || typeof data.content !== "string") throw new EinvoiceUnavailable("download: unreadable answer");
    return data as unknown as DownloadedFile;
  }

  /** Deletes a draft (an issued invoice: 400). */
  async deleteDraft(referenceCode: string): Promise<void> {
    await this.call("POST", `/v1/invoices/delete/${encodeURIComponent(referenceCode)}`);
  }

  /** Invoices left in the plan (SePay sends a string). */
  async quotaRemaining(): Promise<number> {
    const data = await this.call("GET", "/v1/usage");
    const n = isObject(data) ? Number(data.quota_remaining) : Number.NaN;
    if (!Number.isFinite(n)) throw new EinvoiceUnavailable("usage: unreadable answer");
    return n;
  }

  /** A Bearer call; a 401 gets one fresh token and one retry. */
  private async call(method: "GET" | "POST", path: string, body?: unknown, query?: Query): Promise<unknown> {
    const attempt = async (token: string) => this.send(method, path, { authorization: `Bearer ${token}`, body, query });
    try {
      return await attempt(await this.token());
    } catch (error) {
      if (!(error instanceof EinvoiceRefusal) || error.status !== 401) throw error;
      this.cache.clear();
      return attempt(await this.token(true));
    }
  }

  /** One HTTP exchange: `data` of SePay's envelope, or a refusal / unavailable. */
  private async send(method: "GET" | "POST", path: string, opts: { authorization: string; body?: unknown; query?: Query }): Promise<unknown> {
    const url = new URL(`${this.root}${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: "application/json", authorization: opts.authorization };
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await this.doFetch(url.toString(), {
        method,
        headers,
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new EinvoiceUnavailable(`${path}: ${error instanceof Error ? error.name : "fetch failed"}`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new EinvoiceUnavailable(`${path}: ${error instanceof Error ? error.name : "body lost"}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new EinvoiceUnavailable(`${path}: HTTP ${res.status} without a JSON body`);
    }
    // Too many requests is "not now", like a 5xx: nothing was done, a later try (the follow-up job) may pass.
    if (res.status >= 500 || res.status === 429) throw new EinvoiceUnavailable(`${path}: HTTP ${res.status}`);
    if (!isObject(parsed)) throw new EinvoiceUnavailable(`${path}: HTTP ${res.status} without SePay's envelope`);
    if (!res.ok || parsed.success === false) {
      const err = isObject(parsed.error) ? parsed.error : {};
      const code = typeof err.code === "string" ? err.code : String(res.status);
      const message = typeof err.message === "string" ? err.message.slice(0, 500) : typeof parsed.message === "string" ? parsed.message.slice(0, 500) : "";
      throw new EinvoiceRefusal(res.ok ? 400 : res.status, code, this.scrub(message));
    }
    return "data" in parsed ? parsed.data : parsed;
  }

  private scrub(text: string): string {
    let out = text;
    for (const secret of [this.opts.clientSecret, this.cache.get()?.token]) if (secret) out = out.split(secret).join("***");
    return out;
  }

  private page<T>(data: unknown): Page<T> {
    if (!isObject(data) || !Array.isArray(data.items)) throw new EinvoiceUnavailable("list: unreadable answer");
    const p = isObject(data.paging) ? data.paging : {};
    const num = (v: unknown, d: number) => (typeof v === "number" ? v : d);
    return {
      items: data.items as T[],
      paging: { per_page: num(p.per_page, data.items.length), total: num(p.total, data.items.length), has_more: p.has_more === true, current_page: num(p.current_page, 1), page_count: num(p.page_count, 1) },
    };
  }

  private ticket(data: unknown, what: string): TrackingTicket {
    if (!isObject(data) || typeof data.tracking_code !== "string" || !data.tracking_code) throw new EinvoiceUnavailable(`${what}: no tracking_code`);
    return { tracking_code: data.tracking_code, tracking_url: typeof data.tracking_url === "string" ? data.tracking_url : "", message: typeof data.message === "string" ? data.message : "" };
  }

  private report(data: unknown): JobReport {
    if (!isObject(data) || (data.status !== "Pending" && data.status !== "Success" && data.status !== "Failed")) throw new EinvoiceUnavailable("check: unreadable status");
    return {
      reference_code: typeof data.reference_code === "string" ? data.reference_code : "",
      status: data.status,
      message: typeof data.message === "string" ? data.message.slice(0, 500) : "",
      invoice: isObject(data.invoice) ? (data.invoice as unknown as InvoiceSummary) : null,
    };
  }
}
