// The small typed HTTP client for GHTK's API (CARRIERS.md §2): no maintained SDK on the registry.
// Headers `Token` (and `X-Client-Source` when the account has a partner code); POST bodies as JSON
// (GHTK takes JSON or a form), GET parameters in the query string. Every answer is an envelope
// `{ success, message, … }`, and a refusal can come with HTTP 200 and `success: false` (30610, the
// 5010x of cancel), so `success` decides, never the status alone.
//
// Two ways to fail, as for the Zalo client: CarrierRefusal (GHTK answered and said no, with its
// error code) and CarrierUnavailable (no usable answer: network, timeout, 5xx, 429, a body that is not
// GHTK's JSON). The token is never put in an error message (it is only in a header anyway).
import { CarrierRefusal, CarrierUnavailable } from "../carrier";

export interface GhtkAccount {
  apiRoot: string;
  token: string;
  clientSource?: string;
}

export interface GhtkHttpOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** What a JSON answer of GHTK looks like (loosely: each caller reads its own fields). */
export type GhtkBody = { success?: unknown; message?: unknown; error_code?: unknown; error?: unknown } & Record<string, unknown>;

export type Query = Record<string, string | number | readonly (string | number)[] | undefined | null>;

/** The refusal code GHTK gave: `error_code`, or `error.code` (ORDER_ID_EXIST), or the HTTP status. */
function refusalCode(body: GhtkBody, status: number): string {
  if (typeof body.error_code === "string" || typeof body.error_code === "number") return String(body.error_code);
  const err = body.error;
  if (err && typeof err === "object" && "code" in err && (typeof err.code === "string" || typeof err.code === "number")) return String(err.code);
  return `HTTP ${status}`;
}

/** A refusal that keeps GHTK's body (ORDER_ID_EXIST names the existing label in it). */
export class GhtkRefusal extends CarrierRefusal {
  constructor(
    code: string,
    description: string,
    readonly body: GhtkBody,
  ) {
    super("ghtk", code, description);
  }
}

export class GhtkHttp {
  private readonly root: string;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;

  constructor(
    private readonly account: GhtkAccount,
    opts: GhtkHttpOptions = {},
  ) {
    this.root = account.apiRoot.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    // Called as a plain function: workerd refuses the global fetch called as another object's method.
    this.doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { Token: this.account.token, accept: "application/json", ...extra };
    if (this.account.clientSource) h["X-Client-Source"] = this.account.clientSource;
    return h;
  }

  url(path: string, query?: Query): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) for (const one of v) qs.append(`${k}[]`, String(one));
      else qs.append(k, String(v));
    }
    const s = qs.toString();
    return `${this.root}${path}${s ? (path.includes("?") ? "&" : "?") + s : ""}`;
  }

  /** The raw answer, or CarrierUnavailable when there was none. */
  async send(what: string, method: "GET" | "POST", path: string, opts: { query?: Query; json?: unknown; accept?: string } = {}): Promise<Response> {
    try {
      return await this.doFetch(this.url(path, opts.query), {
        method,
        headers: this.headers({ ...(opts.json === undefined ? {} : { "content-type": "application/json" }), ...(opts.accept ? { accept: opts.accept } : {}) }),
        ...(opts.json === undefined ? {} : { body: JSON.stringify(opts.json) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      throw new CarrierUnavailable("ghtk", `${what}: ${name === "TimeoutError" || name === "AbortError" ? "timed out" : "no answer"}`);
    }
  }

  /** Reads an answer as GHTK's envelope: the body when `success` is true, else the right error. */
  async envelope(what: string, res: Response): Promise<GhtkBody> {
    if (res.status === 429 || res.status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      throw new CarrierUnavailable("ghtk", `${what}: HTTP ${res.status}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(await res.text());
    } catch {
      throw new CarrierUnavailable("ghtk", `${what}: HTTP ${res.status} without a JSON body`);
    }
    if (!body || typeof body !== "object" || Array.isArray(body) || !("success" in body)) {
      throw new CarrierUnavailable("ghtk", `${what}: HTTP ${res.status} without GHTK's envelope`);
    }
    const b = body as GhtkBody;
    if (b.success === true && res.ok) return b;
    if (b.success === true) throw new CarrierUnavailable("ghtk", `${what}: HTTP ${res.status} with success`);
    const message = typeof b.message === "string" ? b.message : "";
    throw new GhtkRefusal(refusalCode(b, res.status), message, b);
  }

  async call(what: string, method: "GET" | "POST", path: string, opts: { query?: Query; json?: unknown } = {}): Promise<GhtkBody> {
    return this.envelope(what, await this.send(what, method, path, opts));
  }
}
