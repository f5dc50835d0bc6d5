/**
 * A local fake of the Zalo Official Account API v3 and its OAuth v4 token endpoint, for tests
 * (ZALO.md §2 and §5 "OA fake"). One Node `http` server on 127.0.0.1 answers:
 *
 * - `POST /v4/oa/access_token` — form body (app_id, grant_type, refresh_token | code + code_verifier)
 *   and the app secret in the `secret_key` header. It answers `{access_token, refresh_token,
 *   expires_in:"90000"}` (expires_in a string, as documented) and rotates the refresh token: the
 *   old one answers -14014 from then on.
 * - `POST /v3.0/oa/group/message` and `POST /v3.0/oa/message/cs` — the `access_token` header is
 *   required (-216 unknown, -220 expired by the fake's clock); text over 2,000 characters or a
 *   missing field is -201; a CS message to someone with no interaction in 7 days is -230. Errors
 *   come with HTTP 200 and `{error, message}`; success is `{error:0, message:"Success", data}`.
 *
 * Every call is recorded; faults can be injected (HTTP 500, a hang, a dropped connection, any Zalo
 * error such as -32). `signed()` builds webhook events signed exactly as documented:
 * `X-ZEvent-Signature = hex sha256(app_id + raw body + timestamp + OA secret key)`.
 *
 * The error numbers of the token endpoint other than -14014 (bad secret, bad code, bad verifier)
 * are not in ZALO.md: the fake uses -14002/-14005/-14019 and the client treats them as refusals.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeOaOptions {
  /** Epoch ms for token expiry, message times and event timestamps (default Date.now). */
  now?: () => number;
}

export interface FakeOaInit {
  oaId: string;
  appId: string;
  /** The app secret (`secret_key` header of the token endpoint). */
  appSecret: string;
  /** "Khóa bí mật OA": signs webhook events. */
  oaSecretKey: string;
  /** Groups the OA owns (GMF). */
  groups?: string[];
}

export type OaFault = { kind: "http-500" } | { kind: "hang" } | { kind: "drop" } | { kind: "error"; code: number; message?: string };

export interface OaInjectOptions {
  /** "/v3.0/oa/group/message", "/v3.0/oa/message/cs", "/v4/oa/access_token"; default every path. */
  path?: string;
  times?: number;
  fault: OaFault;
}

export interface OaCallRecord {
  path: string;
  accessToken?: string;
  secretKey?: string;
  body: Record<string, unknown>;
  at: number;
  /** 0 on success; Zalo's error number; undefined for a fault with no answer. */
  error?: number;
  fault?: OaFault["kind"];
}

export interface OaSentMessage {
  kind: "group" | "cs";
  oaId: string;
  /** group_id or user_id. */
  to: string;
  text: string;
  messageId: string;
  at: number;
}

export interface OaTokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: string;
}

/** A webhook event as Zalo posts it (ZALO.md §4(c)). */
export interface OaWebhookEvent {
  app_id: string;
  user_id_by_app?: string;
  event_name: string;
  timestamp: string;
  sender: { id: string };
  recipient: { id?: string; group_id?: string };
  message: { msg_id: string; text?: string; quote_msg_id?: string; attachments?: unknown[] };
}

export interface FakeOa {
  url: string;
  calls: OaCallRecord[];
  addOa(init: FakeOaInit): void;
  /** A fresh token pair for an OA, as a finished consent would give (the refresh token is live). */
  issueTokens(oaId: string): OaTokenPair;
  /** A one-time consent code (10 min) bound to a PKCE challenge, as the permission page redirects with. */
  issueCode(oaId: string, codeChallenge: string): string;
  /** Marks a person as having interacted with the OA now (opens the 7-day CS window). */
  interact(oaId: string, userId: string): void;
  inject(opts: OaInjectOptions): { readonly hits: number; cancel(): void };
  sent(to?: string): OaSentMessage[];
  /** How many times each refresh token was presented to the token endpoint. */
  refreshUses(token: string): number;
  /** Events for the webhook sender. */
  events: {
    groupText(oaId: string, groupId: string, userId: string, text: string, opts?: { msgId?: string; groupIdIn?: "recipient.id" | "recipient.group_id"; quote?: string }): OaWebhookEvent;
    groupImage(oaId: string, groupId: string, userId: string, caption: string | undefined, opts?: { msgId?: string }): OaWebhookEvent;
    privateText(oaId: string, userId: string, text: string, opts?: { msgId?: string }): OaWebhookEvent;
    oaEcho(oaId: string, groupId: string, text: string): OaWebhookEvent;
  };
  /** The raw body and headers of a signed delivery; `tamper` signs with a wrong key, `macPrefix` writes "mac=<hex>". */
  signed(event: OaWebhookEvent, opts?: { tamper?: boolean; macPrefix?: boolean }): { body: string; headers: Record<string, string> };
  /** Posts a signed event to a URL (a real webhook delivery); resending the same event repeats its msg_id. */
  deliver(url: string, event: OaWebhookEvent, opts?: { tamper?: boolean }): Promise<number>;
  reset(): void;
  close(): Promise<void>;
}

const ACCESS_TTL_S = 90_000;
const WINDOW_MS = 7 * 24 * 3600 * 1000;
const hex = (n: number) => randomBytes(n).toString("hex");
const b64url = (buf: Buffer) => buf.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
export const sha256Hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
/** PKCE S256: base64url(sha256(verifier)). */
export const pkceChallenge = (verifier: string) => b64url(createHash("sha256").update(verifier).digest());

export async function startFakeZaloOa(opts: FakeOaOptions = {}): Promise<FakeOa> {
  const now = opts.now ?? Date.now;
  const oas = new Map<string, Omit<FakeOaInit, "groups"> & { groups: Set<string> }>();
  const access = new Map<string, { oaId: string; expiresAt: number }>();
  const refresh = new Map<string, { oaId: string; live: boolean; uses: number }>();
  const codes = new Map<string, { oaId: string; challenge: string; expiresAt: number; used: boolean }>();
  const interactions = new Map<string, number>();
  const calls: OaCallRecord[] = [];
  const sent: OaSentMessage[] = [];
  let faults: { path?: string; left: number; fault: OaFault; hits: number }[] = [];
  const sockets = new Set<Socket>();
  let msgSeq = 0;

  function issueTokens(oaId: string): OaTokenPair {
    const accessToken = `acc_${hex(16)}`;
    const refreshToken = `ref_${hex(16)}`;
    access.set(accessToken, { oaId, expiresAt: now() + ACCESS_TTL_S * 1000 });
    refresh.set(refreshToken, { oaId, live: true, uses: 0 });
    return { access_token: accessToken, refresh_token: refreshToken, expires_in: String(ACCESS_TTL_S) };
  }

  const zerr = (code: number, message: string) => ({ error: code, message });

  function tokenEndpoint(form: URLSearchParams, secretKey: string | undefined): Record<string, unknown> {
    const appId = form.get("app_id") ?? "";
    const oa = [...oas.values()].find((o) => o.appId === appId);
    if (!oa) return zerr(-14001, "Invalid app_id");
    if (secretKey !== oa.appSecret) return zerr(-14002, "Invalid secret key");
    const grant = form.get("grant_type");
    if (grant === "refresh_token") {
      const token = form.get("refresh_token") ?? "";
      const r = refresh.get(token);
      if (r) r.uses++;
      if (!r || !r.live || r.oaId !== oa.oaId) return zerr(-14014, "Invalid refresh token");
      // Single-use: the old refresh token dies with this answer.
      r.live = false;
      return { ...issueTokens(oa.oaId) };
    }
    if (grant === "authorization_code") {
      const c = codes.get(form.get("code") ?? "");
      if (!c || c.used || c.expiresAt < now() || c.oaId !== oa.oaId) return zerr(-14005, "Invalid authorization code");
      if (pkceChallenge(form.get("code_verifier") ?? "") !== c.challenge) return zerr(-14019, "Invalid code verifier");
      c.used = true;
      return { ...issueTokens(oa.oaId) };
    }
    return zerr(-14003, "Invalid grant_type");
  }

  function messageEndpoint(path: string, token: string | undefined, body: Record<string, unknown>): { answer: Record<string, unknown>; oaId?: string } {
    const a = token ? access.get(token) : undefined;
    if (!a) return { answer: zerr(-216, "Access token is invalid") };
    if (a.expiresAt <= now()) return { answer: zerr(-220, "Access token has expired or has been removed") };
    const oa = oas.get(a.oaId);
    if (!oa) return { answer: zerr(-216, "Access token is invalid") };
    const recipient = (body.recipient ?? {}) as Record<string, unknown>;
    const message = (body.message ?? {}) as Record<string, unknown>;
    const text = typeof message.text === "string" ? message.text : undefined;
    const hasAttachment = message.attachment !== undefined;
    if ((!text && !hasAttachment) || (text !== undefined && (text.length === 0 || text.length > 2000))) return { answer: zerr(-201, "Parameters are invalid: text must be 1-2000 characters") };
    const group = path === "/v3.0/oa/group/message";
    const to = String((group ? recipient.group_id : recipient.user_id) ?? "");
    if (!to) return { answer: zerr(-201, `Parameters are invalid: recipient.${group ? "group_id" : "user_id"} is required`) };
    if (group && !oa.groups.has(to)) return { answer: zerr(-201, "Parameters are invalid: group not found") };
    if (!group) {
      const last = interactions.get(`${oa.oaId}:${to}`);
      if (last === undefined || now() - last > WINDOW_MS) return { answer: zerr(-230, "User has not interacted with the OA in the last 7 days") };
    }
    const messageId = `${(++msgSeq).toString(16).padStart(4, "0")}${hex(14)}`;
    sent.push({ kind: group ? "group" : "cs", oaId: oa.oaId, to, text: text ?? "", messageId, at: now() });
    return { answer: { error: 0, message: "Success", data: group ? { message_id: messageId, group_id: to } : { message_id: messageId, user_id: to, sent_time: now() } }, oaId: oa.oaId };
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const raw = await readBody(req);
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    let body: Record<string, unknown> = {};
    if (path === "/v4/oa/access_token") body = Object.fromEntries(new URLSearchParams(raw));
    else {
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
    }
    const record: OaCallRecord = { path, body, at: now(), ...(header("access_token") ? { accessToken: header("access_token") } : {}), ...(header("secret_key") ? { secretKey: header("secret_key") } : {}) };
    calls.push(record);
    const fault = faults.find((f) => f.left > 0 && (!f.path || f.path === path));
    if (fault) {
      fault.left--;
      fault.hits++;
      record.fault = fault.fault.kind;
      if (fault.fault.kind === "hang") return; // never answered: the client's timeout decides
      if (fault.fault.kind === "drop") {
        req.socket.destroy();
        return;
      }
      if (fault.fault.kind === "http-500") {
        res.writeHead(500, { "content-type": "text/html" }).end("<html>Internal Server Error</html>");
        return;
      }
      record.error = fault.fault.code;
      return json(res, zerr(fault.fault.code, fault.fault.message ?? (fault.fault.code === -32 ? "Request rate limit exceeded" : "Injected error")));
    }
    if (req.method !== "POST") return json(res, zerr(-201, "Method not allowed"));
    let answer: Record<string, unknown>;
    if (path === "/v4/oa/access_token") answer = tokenEndpoint(new URLSearchParams(raw), header("secret_key"));
    else if (path === "/v3.0/oa/group/message" || path === "/v3.0/oa/message/cs") answer = messageEndpoint(path, header("access_token"), body).answer;
    else {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify(zerr(-201, "Unknown endpoint")));
      record.error = -201;
      return;
    }
    record.error = Number(answer.error ?? 0);
    return json(res, answer);
  }

  function json(res: ServerResponse, value: unknown) {
    // Zalo answers its errors with HTTP 200, like its successes.
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(value));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const event = (oaId: string, name: string, senderId: string, recipient: OaWebhookEvent["recipient"], message: OaWebhookEvent["message"]): OaWebhookEvent => {
    const oa = oas.get(oaId);
    if (!oa) throw new Error(`unknown OA ${oaId}`);
    return { app_id: oa.appId, user_id_by_app: senderId === oaId ? undefined : `9${senderId}`, event_name: name, timestamp: String(now()), sender: { id: senderId }, recipient, message };
  };
  const msgId = (given?: string) => given ?? hex(10);

  const fake: FakeOa = {
    url,
    calls,
    addOa(init) {
      oas.set(init.oaId, { ...init, groups: new Set(init.groups ?? []) });
    },
    issueTokens,
    issueCode(oaId, challenge) {
      const code = `code_${hex(12)}`;
      codes.set(code, { oaId, challenge, expiresAt: now() + 10 * 60_000, used: false });
      return code;
    },
    interact(oaId, userId) {
      interactions.set(`${oaId}:${userId}`, now());
    },
    inject(o) {
      const f = { ...(o.path ? { path: o.path } : {}), left: o.times ?? 1, fault: o.fault, hits: 0 };
      faults.push(f);
      return {
        get hits() {
          return f.hits;
        },
        cancel() {
          f.left = 0;
        },
      };
    },
    sent: (to) => sent.filter((m) => to === undefined || m.to === to),
    refreshUses: (token) => refresh.get(token)?.uses ?? 0,
    events: {
      groupText(oaId, groupId, userId, text, o = {}) {
        const recipient = o.groupIdIn === "recipient.id" ? { id: groupId } : { id: oaId, group_id: groupId };
        return event(oaId, "user_send_group_text", userId, recipient, { msg_id: msgId(o.msgId), text, ...(o.quote ? { quote_msg_id: o.quote } : {}) });
      },
      groupImage(oaId, groupId, userId, caption, o = {}) {
        return event(oaId, "user_send_group_image", userId, { id: oaId, group_id: groupId }, {
          msg_id: msgId(o.msgId),
          ...(caption !== undefined ? { text: caption } : {}),
          attachments: [{ type: "image", payload: { thumbnail: "https://photo.example/t.jpg", url: "https://photo.example/p.jpg" } }],
        });
      },
      privateText(oaId, userId, text, o = {}) {
        // A message to the OA is an interaction: it opens the 7-day window for replies.
        fake.interact(oaId, userId);
        return event(oaId, "user_send_text", userId, { id: oaId }, { msg_id: msgId(o.msgId), text });
      },
      oaEcho(oaId, groupId, text) {
        return event(oaId, "oa_send_group_text", oaId, { id: groupId, group_id: groupId }, { msg_id: msgId(), text });
      },
    },
    signed(ev, o = {}) {
      const oa = [...oas.values()].find((x) => x.appId === ev.app_id);
      if (!oa) throw new Error(`unknown app ${ev.app_id}`);
      const body = JSON.stringify(ev);
      const mac = sha256Hex(`${oa.appId}${body}${ev.timestamp}${o.tamper ? "wrong-key" : oa.oaSecretKey}`);
      return { body, headers: { "content-type": "application/json", "x-zevent-signature": o.macPrefix ? `mac=${mac}` : mac } };
    },
    async deliver(target, ev, o = {}) {
      const { body, headers } = fake.signed(ev, o);
      const res = await fetch(target, { method: "POST", headers, body });
      await res.arrayBuffer();
      return res.status;
    },
    reset() {
      calls.length = 0;
      sent.length = 0;
      faults = [];
      interactions.clear();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
