// A small typed client for the Zalo Bot Platform (ZALO.md §1): no maintained SDK exists on the
// registry. Calls go to `<root>/bot<token>/<method>` as POST + JSON; the answer is always an
// envelope `{ ok, result | error_code, description }`, usually with HTTP 200, so `ok` decides.

/** Zalo answered, and said no (`ok: false`). */
export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`${method}: ${errorCode} ${description}`);
    this.name = "ZaloApiError";
  }
}

/** No usable answer: the network failed, the call timed out, or the body was not Zalo's JSON. */
export class ZaloNetworkError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(`${method}: ${message}`);
    this.name = "ZaloNetworkError";
  }
}

export interface ZaloMe {
  id: string;
  account_name: string;
  account_type: string;
  can_join_groups: boolean;
}

export interface ZaloSent {
  message_id: string;
  date: number;
}

export interface ZaloClientOptions {
  apiRoot: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The Zalo Bot API methods the flows use, typed. */
export class ZaloBotClient {
  private readonly root: string;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;

  constructor(
    private readonly token: string,
    opts: ZaloClientOptions,
  ) {
    this.root = opts.apiRoot.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    // Called as a plain function: workerd refuses the global fetch called as another object's method.
    this.doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  /** One call; throws ZaloApiError for a refusal and ZaloNetworkError when there was no answer. */
  async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await this.doFetch(`${this.root}/bot${this.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // Never put the URL in the message: it holds the token.
      throw new ZaloNetworkError(method, error instanceof Error ? error.name : "fetch failed");
    }
    let body: { ok?: boolean; result?: T; error_code?: number; description?: string };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new ZaloNetworkError(method, `HTTP ${res.status} without a JSON body`);
    }
    if (body.ok) return body.result as T;
    throw new ZaloApiError(method, body.error_code ?? res.status, body.description ?? "");
  }

  getMe() {
    return this.call<ZaloMe>("getMe");
  }
  sendMessage(chatId: string, text: string) {
    return this.call<ZaloSent>("sendMessage", { chat_id: chatId, text });
  }
  sendPhoto(chatId: string, photo: string, caption?: string) {
    return this.call<ZaloSent>("sendPhoto", { chat_id: chatId, photo, ...(caption ? { caption } : {}) });
  }
  setWebhook(url: string, secretToken: string) {
    return this.call<{ url: string; updated_at: number }>("setWebhook", { url, secret_token: secretToken });
  }
  deleteWebhook() {
    return this.call<{ url: string }>("deleteWebhook");
  }
  getUpdates(timeoutSeconds: number) {
    return this.call<unknown>("getUpdates", { timeout: timeoutSeconds });
  }
}
