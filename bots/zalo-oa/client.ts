// A small typed client for the Zalo Official Account API v3 and its OAuth v4 token endpoint
// (ZALO.md §2). Messaging calls carry the header `access_token` (not a Bearer header); the token
// endpoint takes a form body and the app secret in the `secret_key` header. Zalo answers app
// errors with HTTP 200 and `{ error: <negative>, message }`: those are refusals (OaApiError);
// no answer, a 5xx or a body that is not Zalo's JSON is a network failure (OaNetworkError).

/** Zalo answered and said no: `code` is its negative error number (-216 stale token, -32 rate limited, …). */
export class OaApiError extends Error {
  constructor(
    readonly endpoint: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`${endpoint}: ${code} ${description}`);
    this.name = "OaApiError";
  }
}

/** No usable answer: the network failed, the call timed out, a 5xx, or a body that was not Zalo's JSON. */
export class OaNetworkError extends Error {
  constructor(
    readonly endpoint: string,
    message: string,
  ) {
    super(`${endpoint}: ${message}`);
    this.name = "OaNetworkError";
  }
}

/** Stale or removed access token: refresh once and try again. */
export const OA_STALE_TOKEN = [-216, -220];
/** The refresh token is dead (or the app's consent withdrawn): the OA admin must consent again. */
export const OA_RECONNECT = [-118, -14014];
/** Over the app's quota (4,000 calls a minute): later, like a 429. */
export const OA_RATE_LIMITED = -32;

export interface OaSent {
  message_id: string;
  user_id?: string;
  group_id?: string;
}

/** A token pair as Zalo gives it, `expires_in` (a string on the wire) read as seconds. */
export interface OaTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export interface ZaloOaClientOptions {
  /** https://openapi.zalo.me (ZALO_OA_API_ROOT). */
  apiRoot: string;
  /** https://oauth.zaloapp.com (ZALO_OAUTH_ROOT). */
  oauthRoot: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The OA API calls the channel uses, typed. Holds no token: each call is given the one to use. */
export class ZaloOaClient {
  private readonly apiRoot: string;
  readonly oauthRoot: string;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;

  constructor(opts: ZaloOaClientOptions) {
    this.apiRoot = opts.apiRoot.replace(/\/+$/, "");
    this.oauthRoot = opts.oauthRoot.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? 20_000;
    // Called as a plain function: workerd refuses the global fetch called as another object's method.
    this.doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  private async request(endpoint: string, url: string, init: RequestInit): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await this.doFetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      // Never the headers or body in the message: they hold tokens.
      throw new OaNetworkError(endpoint, error instanceof Error ? error.name : "fetch failed");
    }
    if (res.status >= 500) throw new OaNetworkError(endpoint, `HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new OaNetworkError(endpoint, `HTTP ${res.status} without a JSON body`);
    }
    if (!body || typeof body !== "object") throw new OaNetworkError(endpoint, `HTTP ${res.status} without a JSON object`);
    const b = body as Record<string, unknown>;
    const code = Number(b.error ?? 0);
    if (Number.isFinite(code) && code !== 0) {
      const text = [b.message, b.error_description, b.error_name].find((v) => typeof v === "string");
      throw new OaApiError(endpoint, code, String(text ?? ""));
    }
    if (!res.ok) throw new OaApiError(endpoint, res.status, `HTTP ${res.status}`);
    return b;
  }

  private async message(endpoint: string, accessToken: string, body: unknown): Promise<OaSent> {
    const b = await this.request(endpoint, `${this.apiRoot}${endpoint}`, {
      method: "POST",
      headers: { "content-type": "application/json", access_token: accessToken },
      body: JSON.stringify(body),
    });
    const data = (b.data ?? {}) as Record<string, unknown>;
    return { ...data, message_id: String(data.message_id ?? "") } as OaSent;
  }

  /** A text into an OA group (GMF): `POST /v3.0/oa/group/message`. */
  sendGroupText(accessToken: string, groupId: string, text: string): Promise<OaSent> {
    return this.message("/v3.0/oa/group/message", accessToken, { recipient: { group_id: groupId }, message: { text } });
  }

  /** A consultation message to one person: `POST /v3.0/oa/message/cs` (within 7 days of their last interaction, else -230). */
  sendCsText(accessToken: string, userId: string, text: string): Promise<OaSent> {
    return this.message("/v3.0/oa/message/cs", accessToken, { recipient: { user_id: userId }, message: { text } });
  }

  private async token(form: Record<string, string>, appSecret: string): Promise<OaTokenPair> {
    const endpoint = "/v4/oa/access_token";
    const b = await this.request(endpoint, `${this.oauthRoot}${endpoint}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", secret_key: appSecret },
      body: new URLSearchParams(form).toString(),
    });
    const accessToken = typeof b.access_token === "string" ? b.access_token : "";
    const refreshToken = typeof b.refresh_token === "string" ? b.refresh_token : "";
    // A string ("90000") on the wire; a number is taken too.
    const expiresInSeconds = Number(b.expires_in);
    if (!accessToken || !refreshToken || !Number.isFinite(expiresInSeconds) || expiresInSeconds <= 0) throw new OaNetworkError(endpoint, "token answer without a token pair");
    return { accessToken, refreshToken, expiresInSeconds };
  }

  /** Spends a (single-use) refresh token for a new pair. */
  refreshToken(input: { appId: string; appSecret: string; refreshToken: string }): Promise<OaTokenPair> {
    return this.token({ app_id: input.appId, grant_type: "refresh_token", refresh_token: input.refreshToken }, input.appSecret);
  }

  /** The first pair, for the code the consent callback received (PKCE: the verifier of its challenge). */
  exchangeCode(input: { appId: string; appSecret: string; code: string; codeVerifier: string }): Promise<OaTokenPair> {
    return this.token({ app_id: input.appId, grant_type: "authorization_code", code: input.code, code_verifier: input.codeVerifier }, input.appSecret);
  }

  /** Where the OA admin consents (OAuth v4 with PKCE S256). */
  consentUrl(input: { appId: string; redirectUri: string; codeChallenge: string; state: string }): string {
    const q = new URLSearchParams({ app_id: input.appId, redirect_uri: input.redirectUri, code_challenge: input.codeChallenge, state: input.state });
    return `${this.oauthRoot}/v4/oa/permission?${q.toString()}`;
  }
}
