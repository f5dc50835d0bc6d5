// GHN's HTTP edge (CARRIERS.md §1.1): POST + JSON to `<apiRoot><path>`, headers `Token` (and `ShopId`
// for shop-scoped calls), the answer an envelope `{ code, message, data }`. A refusal (GHN answered
// and said no) is a CarrierRefusal with GHN's code and message; no usable answer (network, timeout,
// 5xx, 429, a body that is not GHN's JSON) is a CarrierUnavailable. The token is never in a message.
import { CarrierRefusal, CarrierUnavailable } from "../carrier";

export interface GhnAccount {
  apiRoot: string;
  token: string;
  shopId: number;
}

export interface GhnHttpOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface Envelope {
  code?: unknown;
  message?: unknown;
  data?: unknown;
  code_message?: unknown;
  code_message_value?: unknown;
}

export class GhnHttp {
  readonly root: string;
  private readonly doFetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(
    private readonly account: GhnAccount,
    opts: GhnHttpOptions = {},
  ) {
    this.root = account.apiRoot.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    // Called as a plain function: workerd refuses the global fetch called as another object's method.
    this.doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The origin of the API root (the A5 print page lives there, outside /shiip/public-api). */
  get origin(): string {
    try {
      return new URL(this.root).origin;
    } catch {
      return this.root;
    }
  }

  /** One call; `shop` adds the ShopId header. Returns `data`, or throws CarrierRefusal / CarrierUnavailable. */
  async call<T = unknown>(path: string, body: unknown, opts: { shop: boolean }): Promise<T> {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json", Token: this.account.token };
    if (opts.shop) headers.ShopId = String(this.account.shopId);
    let res: Response;
    try {
      res = await this.doFetch(`${this.root}${path}`, {
        method: "POST",
        headers,
        body: JSON.stringify(body ?? {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new CarrierUnavailable("ghn", `${path}: ${error instanceof Error ? error.name : "fetch failed"}`);
    }
    if (res.status === 429 || res.status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      throw new CarrierUnavailable("ghn", `${path}: HTTP ${res.status}`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new CarrierUnavailable("ghn", `${path}: ${error instanceof Error ? error.name : "body lost"}`);
    }
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      throw new CarrierUnavailable("ghn", `${path}: HTTP ${res.status} without a JSON body`);
    }
    if (typeof envelope !== "object" || envelope === null || typeof envelope.code !== "number") {
      throw new CarrierUnavailable("ghn", `${path}: HTTP ${res.status} without GHN's envelope`);
    }
    if (envelope.code === 200 && res.ok) return envelope.data as T;
    if (envelope.code >= 500) throw new CarrierUnavailable("ghn", `${path}: code ${envelope.code}`);
    const message = this.scrub(typeof envelope.message === "string" ? envelope.message : "");
    throw new CarrierRefusal("ghn", refusalCode(envelope, message, res.status), message);
  }

  private scrub(text: string): string {
    const token = this.account.token;
    return (token ? text.split(token).join("***") : text).slice(0, 500);
  }
}

// GHN's words for a refusal: an upper-case code inside the message (TO_ADDRESS_CONVERT_FAIL), else
// code_message (USER_ERR_COMMON), else the number.
function refusalCode(envelope: Envelope, message: string, status: number): string {
  const inMessage = /\b[A-Z]+(?:_[A-Z]+){2,}\b/.exec(message)?.[0];
  if (inMessage && inMessage !== "USER_ERR_COMMON" && inMessage !== "SERVER_ERR_COMMON") return inMessage;
  if (typeof envelope.code_message === "string" && envelope.code_message) return envelope.code_message;
  return String(typeof envelope.code === "number" ? envelope.code : status);
}
