/**
 * A local fake of the Zalo Bot Platform API (bot tokens, not the OA API) for tests.
 *
 * A plain Node `http` server on 127.0.0.1 that answers `ANY /bot<token>/<method>` with Zalo's envelope
 * (`{ ok, result | error_code, description }`, always HTTP 200 — `ok` is what counts). Besides the methods it keeps a
 * small world (users, groups, what the bot sent), the group delivery rule, fault injection, a call log, an update
 * factory and a webhook sender. See /work/shared/ZALO.md §1 and §5 ("Bot Platform fake").
 *
 * Where Zalo's behaviour is undocumented the fake picks the stricter reading and says so in a comment.
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomBytes } from "node:crypto";

// ───────────────────────────── public types ─────────────────────────────

/** Options for {@link startFakeZalo}. */
export interface FakeZaloOptions {
  /** Clock in epoch ms for message dates, call times and `updated_at` (default `Date.now`). Long-poll timers use real time. */
  now?: () => number;
  /** Accept any webhook URL in setWebhook; by default only https:// is accepted, as Zalo documents. */
  allowAnyWebhookUrl?: boolean;
  /**
   * How long an image update's photo URL can be fetched (default 10 minutes, by `now`). Zalo's photo URLs expire; for how
   * long is undocumented. The fake serves them itself at `${url}/photos/<id>`; an expired one answers 403.
   */
  photoTtlMs?: number;
}

/** Image options of the update factory: what the photo URL serves (default a valid 1×1 PNG). */
export interface ZaloImageOptions extends ZaloGroupOptions {
  bytes?: Uint8Array;
  contentType?: string;
}

/** A bot hosted by the fake (`addBot`). */
export interface ZaloBotInit {
  token: string;
  id: string;
  /** Display name; Zalo requires it to start with "Bot". Mentions are `@<name>`. */
  name: string;
  /** `getMe.can_join_groups` (default true). When false the bot is in no group: group sends fail, group messages never reach it. */
  canJoinGroups?: boolean;
}

/** What `getMe` answers. */
export interface ZaloBotProfile {
  id: string;
  account_name: string;
  account_type: "BASIC";
  can_join_groups: boolean;
}

/** A Zalo user; their private chat id equals their user id. */
export interface ZaloUserInit {
  id: string;
  name: string;
}

/** A group the bots (that can join groups) are members of. */
export interface ZaloGroupInit {
  id: string;
  name: string;
  members?: string[];
}

/** `message` of an update, as Zalo sends it. */
export interface ZaloMessage {
  from: { id: string; display_name: string; is_bot: boolean };
  chat: { id: string; chat_type: "PRIVATE" | "GROUP" };
  text?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  /** Sticker image URL (sticker updates only). */
  url?: string;
  /** Opaque 20-hex id. */
  message_id: string;
  /** Epoch ms. */
  date: number;
}

/** A bare update (`getUpdates` result). */
export interface ZaloUpdate {
  event_name: string;
  message: ZaloMessage;
}

/** The wrapped webhook body Zalo documents. */
export interface ZaloWebhookBody {
  ok: true;
  result: ZaloUpdate;
}

/** A fault to inject instead of (or, for `delay`, before) the normal answer. */
export type ZaloFault =
  | { kind: "429" }
  | { kind: "403" }
  | { kind: "http-500" }
  | { kind: "delay"; ms: number }
  | { kind: "hang" }
  | { kind: "drop" };

/** Which calls a fault hits; counted from the moment of injection. */
export interface ZaloInjectOptions {
  /** Exact (case-sensitive) method name; default every method. */
  method?: string;
  /** `chat_id` parameter; default any. */
  chatId?: string;
  /** How many matching calls to hit (default 1; `Infinity` for all). */
  times?: number;
  fault: ZaloFault;
}

/** Handle returned by `inject`. */
export interface ZaloInjectedFault {
  readonly hits: number;
  cancel(): void;
}

/** One HTTP call to the fake. `ok` stays false (and `errorCode` unset) for hang/drop and while a long poll waits. */
export interface ZaloCallRecord {
  token: string;
  method: string;
  params: Record<string, unknown>;
  at: number;
  ok: boolean;
  errorCode?: number;
  fault?: ZaloFault["kind"];
}

/** A message the bot sent successfully. */
export interface ZaloSentMessage {
  token: string;
  method: "sendMessage" | "sendPhoto" | "sendSticker";
  chatId: string;
  messageId: string;
  text?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  at: number;
}

/** Group options of the update factory. */
export interface ZaloGroupOptions {
  /** Prefix the text (or caption) with `@<Bot name> `. */
  mentionBot?: boolean;
  /** The name the member's app shows for the bot, when it is not the bot's account name. */
  mentionAs?: string;
  /** Quote-reply the bot's latest message in the group (`true`) or the given message id. */
  quoteBot?: boolean | string;
}

/** Builds wrapped webhook bodies for one bot (the first bot added, unless `forBot`). Unknown users passed as objects are added. */
export interface ZaloUpdateFactory {
  privateText(user: ZaloUserInit | string, text: string): ZaloWebhookBody;
  groupText(user: ZaloUserInit | string, group: ZaloGroupInit | string, text: string, opts?: ZaloGroupOptions): ZaloWebhookBody;
  image(user: ZaloUserInit | string, chat: ZaloUserInit | ZaloGroupInit | string, caption?: string, opts?: ZaloImageOptions): ZaloWebhookBody;
  sticker(user: ZaloUserInit | string, chat: ZaloUserInit | ZaloGroupInit | string, opts?: Pick<ZaloGroupOptions, "quoteBot">): ZaloWebhookBody;
  unsupported(user: ZaloUserInit | string, chat: ZaloUserInit | ZaloGroupInit | string, opts?: Pick<ZaloGroupOptions, "quoteBot">): ZaloWebhookBody;
  /** The same builders for another bot (mentions use its name, quotes its messages). */
  forBot(token: string): ZaloUpdateFactory;
}

/** Options of {@link deliverWebhook}. */
export interface ZaloDeliverOptions {
  /** Sent as `X-Bot-Api-Secret-Token`. */
  secret?: string;
  /** Send the bare `{ event_name, message }` instead of the wrapper (openclaw accepts both). */
  bare?: boolean;
  /** Send the identical body a second time after the first answer (Zalo may redeliver). */
  duplicate?: boolean;
  /** Per-POST timeout (default 10 000 ms). */
  timeoutMs?: number;
}

// ───────────────────────────── internals ─────────────────────────────

type Params = Record<string, unknown>;

/** A refusal answered in the envelope (HTTP 200). */
class ZaloError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

interface BotState {
  init: Required<ZaloBotInit>;
  webhook?: { url: string; secret: string };
  webhookUpdatedAt: number;
  queue: ZaloUpdate[];
  waiters: ((u: ZaloUpdate) => void)[];
}

interface FaultEntry {
  options: ZaloInjectOptions;
  hits: number;
  done: boolean;
}

const MAX_TEXT = 2000;
/** A valid 1×1 PNG: what an image update's photo URL serves unless told otherwise. */
const ONE_PIXEL_PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"));
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isHttpUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
};

/** Accepts a wrapped body, a bare update or a message and returns the message. */
function messageOf(x: ZaloWebhookBody | ZaloUpdate | ZaloMessage): ZaloMessage {
  if ("result" in x) return x.result.message;
  if ("message" in x) return x.message;
  return x;
}

function bareOf(x: ZaloWebhookBody | ZaloUpdate): ZaloUpdate {
  return "result" in x ? x.result : x;
}

/** A parameter as a string (JSON numbers are stringified; form and query values already are). */
function str(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new ZaloError(400, `Bad request: ${key} must be a string`);
}

function required(p: Params, key: string): string {
  const v = str(p, key);
  if (v === undefined || v === "") throw new ZaloError(400, `Bad request: ${key} is required`);
  return v;
}

/**
 * Length in UTF-16 units without normalising: the strictest reading of "1–2000 chars" (decomposed Vietnamese and
 * emoji count more), so a client that passes here passes whatever Zalo really counts.
 */
function checkLength(key: string, v: string): void {
  if (v.length > MAX_TEXT) throw new ZaloError(400, `Bad request: ${key} must be at most ${MAX_TEXT} characters`);
}

async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  if (body.trim() === "") return params;
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.includes("json") || (type === "" && body.trimStart().startsWith("{"))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ZaloError(400, "Bad request: invalid JSON body");
    }
    if (!isObj(parsed)) throw new ZaloError(400, "Bad request: body must be a JSON object");
    Object.assign(params, parsed);
  } else if (type === "" || type.startsWith("application/x-www-form-urlencoded")) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  } else {
    // Multipart is allowed by Zalo but no real client uses it; not modelled.
    throw new ZaloError(400, `Bad request: unsupported content type ${type}`);
  }
  return params;
}

// ───────────────────────────── the fake ─────────────────────────────

/** The fake Zalo Bot Platform server. Create it with {@link startFakeZalo}. */
export class FakeZalo {
  /** API root (no trailing slash); requests go to `${url}/bot<token>/<method>`. */
  url = "";
  /** Every call, in arrival order. */
  calls: ZaloCallRecord[] = [];
  /** Update builders for the first bot added. */
  readonly updates: ZaloUpdateFactory;

  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly bots = new Map<string, BotState>();
  private users = new Map<string, ZaloUserInit>();
  private groups = new Map<string, { name: string; members: Set<string> }>();
  private sentLog: ZaloSentMessage[] = [];
  private faults: FaultEntry[] = [];
  /** Quote-replies made by the factory: message_id → quoted message_id. Kept off the wire because Zalo documents no quote field. */
  private quotes = new Map<string, string>();
  private readonly usedIds = new Set<string>();
  /** Photos of image updates, served at /photos/<id> until they expire. */
  private readonly photos = new Map<string, { bytes: Uint8Array; type: string; expiresAt: number }>();
  /** GETs of photo URLs (served or refused), in order. */
  photoFetches: { id: string; served: boolean }[] = [];
  private readonly now: () => number;
  private readonly methods: Record<string, (bot: BotState, p: Params, res: ServerResponse) => unknown>;

  constructor(private readonly opts: FakeZaloOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.server = createServer((req, res) => void this.handle(req, res));
    // fetch keeps connections alive, so close() must be able to destroy them.
    this.server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    this.methods = {
      getMe: (b) => this.profile(b),
      setWebhook: (b, p) => this.mSetWebhook(b, p),
      deleteWebhook: (b) => {
        b.webhook = undefined;
        b.webhookUpdatedAt = this.now();
        return { url: "", updated_at: b.webhookUpdatedAt };
      },
      // The secret is never returned, as documented.
      getWebhookInfo: (b) => ({ url: b.webhook?.url ?? "", updated_at: b.webhookUpdatedAt }),
      getUpdates: (b, p, res) => this.mGetUpdates(b, p, res),
      sendMessage: (b, p) => {
        const chatId = this.chatOf(b, p);
        const text = required(p, "text");
        checkLength("text", text);
        return this.record(b, { method: "sendMessage", chatId, text });
      },
      sendPhoto: (b, p) => {
        const chatId = this.chatOf(b, p);
        const photo = required(p, "photo");
        if (!isHttpUrl(photo)) throw new ZaloError(400, "Bad request: photo must be an http(s) URL");
        // An empty caption counts as none: the brief only bounds it above, and clients often send "".
        const caption = str(p, "caption") || undefined;
        if (caption !== undefined) checkLength("caption", caption);
        return this.record(b, { method: "sendPhoto", chatId, photo, ...(caption !== undefined && { caption }) });
      },
      sendSticker: (b, p) => {
        const chatId = this.chatOf(b, p);
        return this.record(b, { method: "sendSticker", chatId, sticker: required(p, "sticker") });
      },
      sendChatAction: (b, p) => {
        this.chatOf(b, p);
        // "upload_photo" is documented as coming soon, so only "typing" works today.
        if (required(p, "action") !== "typing") throw new ZaloError(400, "Bad request: unsupported action");
        return undefined;
      },
    };
    this.updates = this.factory(undefined);
  }

  /** Starts listening on 127.0.0.1 with a free port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Destroys open (keep-alive, hanging, long-polling) connections, then stops the server. */
  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── world state ──

  /** Hosts a bot; returns what getMe will answer. */
  addBot(init: ZaloBotInit): ZaloBotProfile {
    const bot: BotState = { init: { canJoinGroups: true, ...init }, webhookUpdatedAt: 0, queue: [], waiters: [] };
    this.bots.set(init.token, bot);
    return this.profile(bot);
  }

  /** Changes what getMe answers for `can_join_groups` (Zalo sets it per bot). False also takes the bot out of every group. */
  setCanJoinGroups(token: string, value: boolean): void {
    this.botFor(token).init.canJoinGroups = value;
  }

  /** Makes every photo URL handed out so far expire now (their fetch answers 403). */
  expirePhotos(): void {
    for (const p of this.photos.values()) p.expiresAt = -Infinity;
  }

  /** Adds (or replaces) a user; their private chat id is their user id. */
  addUser(init: ZaloUserInit): void {
    this.users.set(init.id, { id: init.id, name: init.name });
  }

  /** Adds (or replaces) a group that every bot able to join groups is in. */
  addGroup(init: ZaloGroupInit): void {
    this.groups.set(init.id, { name: init.name, members: new Set(init.members ?? []) });
  }

  /** Member ids of a group (senders of factory group messages are added). */
  members(groupId: string): string[] {
    return [...(this.groups.get(groupId)?.members ?? [])];
  }

  /** The webhook a bot set (with its secret, which getWebhookInfo never shows), or undefined. */
  webhook(token: string): { url: string; secret: string } | undefined {
    const w = this.bots.get(token)?.webhook;
    return w && { ...w };
  }

  // ── recording ──

  /** Successful sends, optionally of one chat, in order. */
  sent(chatId?: string): ZaloSentMessage[] {
    return this.sentLog.filter((m) => chatId === undefined || m.chatId === chatId);
  }

  /** Calls of one method (exact name). */
  callsTo(method: string): ZaloCallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Forgets calls, sends, faults, users, groups, queued updates and webhooks; bots stay. */
  reset(): void {
    this.calls = [];
    this.sentLog = [];
    for (const f of this.faults) f.done = true;
    this.faults = [];
    this.users.clear();
    this.groups.clear();
    this.quotes.clear();
    for (const b of this.bots.values()) {
      b.queue = [];
      b.webhook = undefined;
      b.webhookUpdatedAt = 0;
    }
  }

  // ── faults and updates ──

  /** Makes matching calls fail (or wait) instead of answering normally. */
  inject(options: ZaloInjectOptions): ZaloInjectedFault {
    const entry: FaultEntry = { options, hits: 0, done: false };
    this.faults.push(entry);
    return {
      get hits() {
        return entry.hits;
      },
      cancel: () => {
        entry.done = true;
      },
    };
  }

  /**
   * Zalo's group rule: a group message reaches the bot only if it @mentions the bot or quote-replies one of the bot's
   * own messages (and the bot can be in groups at all). Private messages always reach it. Default bot: the first added.
   */
  groupWouldReach(message: ZaloWebhookBody | ZaloUpdate | ZaloMessage, token?: string): boolean {
    const m = messageOf(message);
    if (m.chat.chat_type !== "GROUP") return true;
    const bot = this.botFor(token);
    if (!bot.init.canJoinGroups) return false;
    const mention = `@${bot.init.name}`;
    if (m.text?.includes(mention) || m.caption?.includes(mention)) return true;
    const quoted = this.quotes.get(m.message_id);
    return quoted !== undefined && this.sentLog.some((s) => s.token === bot.init.token && s.chatId === m.chat.id && s.messageId === quoted);
  }

  /**
   * Queues an update for `getUpdates` (or hands it to a waiting long poll). Returns false, queuing nothing, for a group
   * message Zalo would not deliver to this bot (see {@link groupWouldReach}).
   */
  pushUpdate(token: string, update: ZaloWebhookBody | ZaloUpdate): boolean {
    const bot = this.bots.get(token);
    if (!bot) throw new Error(`pushUpdate: unknown bot token ${token}`);
    const bare = bareOf(update);
    if (!this.groupWouldReach(bare, token)) return false;
    const waiter = bot.waiters.shift();
    if (waiter) waiter(bare);
    else bot.queue.push(bare);
    return true;
  }

  /** POSTs an update to a webhook like Zalo does; see the standalone {@link deliverWebhook}. */
  deliverWebhook(url: string, body: ZaloWebhookBody | ZaloUpdate, opts: ZaloDeliverOptions = {}): Promise<number> {
    return deliverWebhook(url, body, opts);
  }

  // ── HTTP ──

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const photo = /^\/photos\/([0-9a-f]{16})\.(?:jpg|png|bin)$/.exec(url.pathname);
    if (photo && req.method === "GET") {
      const id = photo[1] ?? "";
      const p = this.photos.get(id);
      const served = p !== undefined && this.now() < p.expiresAt;
      this.photoFetches.push({ id, served });
      // What a CDN answers for a signed URL past its time; Zalo's exact answer is undocumented.
      if (!p || !served) res.writeHead(403, { "content-type": "text/plain" }).end("Forbidden");
      else res.writeHead(200, { "content-type": p.type, "content-length": String(p.bytes.byteLength) }).end(Buffer.from(p.bytes));
      return;
    }
    const route = /^\/bot([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    const record: ZaloCallRecord = { token: decodeURIComponent(route[1] ?? ""), method: route[2] ?? "", params: {}, at: this.now(), ok: false };
    this.calls.push(record);
    try {
      record.params = await readParams(req, url);
      const bot = this.bots.get(record.token);
      if (!bot) throw new ZaloError(401, "Unauthorized");
      const fault = this.takeFault(record);
      if (fault) {
        record.fault = fault.kind;
        if (await this.applyFault(fault, req, res, record)) return;
      }
      const run = Object.hasOwn(this.methods, record.method) ? this.methods[record.method] : undefined;
      if (!run) throw new ZaloError(400, `Bad request: unknown method ${record.method}`);
      const result = await run(bot, record.params, res);
      if (res.destroyed) return;
      record.ok = true;
      this.json(res, result === undefined ? { ok: true } : { ok: true, result });
    } catch (e) {
      // Anything else is a bug in the fake or a client that went away mid-body; answer rather than crash the test run.
      const err = e instanceof ZaloError ? e : new ZaloError(500, `Fake error: ${e instanceof Error ? e.message : String(e)}`);
      record.errorCode = err.code;
      this.json(res, { ok: false, error_code: err.code, description: err.description });
    }
  }

  /** Zalo answers errors with HTTP 200 too; the envelope's `ok` carries the outcome. */
  private json(res: ServerResponse, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
  }

  private takeFault(record: ZaloCallRecord): ZaloFault | undefined {
    const chatId = record.params.chat_id;
    let chosen: ZaloFault | undefined;
    for (const f of this.faults) {
      const o = f.options;
      if (chosen || f.done) continue;
      if (o.method !== undefined && o.method !== record.method) continue;
      if (o.chatId !== undefined && o.chatId !== (chatId === undefined ? undefined : String(chatId))) continue;
      f.hits++;
      chosen = o.fault;
      if (f.hits >= (o.times ?? 1)) f.done = true;
    }
    this.faults = this.faults.filter((f) => !f.done);
    return chosen;
  }

  /** Applies a fault; true when the call is finished (answered, hung or dropped), false to go on (delay). */
  private async applyFault(fault: ZaloFault, req: IncomingMessage, res: ServerResponse, record: ZaloCallRecord): Promise<boolean> {
    switch (fault.kind) {
      case "429":
        throw new ZaloError(429, "quota exceeded");
      case "403":
        // Zalo's error table labels 403 "Internal server error" (sic); clients should treat it as retryable.
        throw new ZaloError(403, "Internal server error");
      case "http-500": {
        // What a gateway in front of the API would answer; Zalo's own 5xx page is undocumented.
        const html = "<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>";
        record.errorCode = 500;
        res.writeHead(500, { "content-type": "text/html", "content-length": String(Buffer.byteLength(html)) }).end(html);
        return true;
      }
      case "delay":
        await this.sleep(fault.ms);
        return res.destroyed;
      case "hang":
        // Never answer; the client's timeout (or close()) ends it.
        return true;
      case "drop":
        req.socket.destroy();
        return true;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  // ── methods ──

  private profile(bot: BotState): ZaloBotProfile {
    return { id: bot.init.id, account_name: bot.init.name, account_type: "BASIC", can_join_groups: bot.init.canJoinGroups };
  }

  private mSetWebhook(bot: BotState, p: Params): { url: string; updated_at: number } {
    const url = required(p, "url");
    const secret = required(p, "secret_token");
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ZaloError(400, "Bad request: url is invalid");
    }
    if (parsed.protocol !== "https:" && !(this.opts.allowAnyWebhookUrl && parsed.protocol === "http:")) {
      throw new ZaloError(400, "Bad request: url must be https");
    }
    if (secret.length < 8 || secret.length > 256) throw new ZaloError(400, "Bad request: secret_token must be 8-256 characters");
    bot.webhook = { url, secret };
    bot.webhookUpdatedAt = this.now();
    return { url, updated_at: bot.webhookUpdatedAt };
  }

  private async mGetUpdates(bot: BotState, p: Params, res: ServerResponse): Promise<ZaloUpdate | undefined> {
    // Polling and webhook exclude each other; the exact wording of Zalo's refusal is undocumented.
    if (bot.webhook) throw new ZaloError(400, "Bad request: webhook is set, use deleteWebhook before getUpdates");
    // The doc types timeout as a String and its sample sends a number, so take both.
    const raw = str(p, "timeout");
    const seconds = raw === undefined || raw === "" ? 30 : Number(raw);
    if (!Number.isFinite(seconds) || seconds < 0) throw new ZaloError(400, "Bad request: timeout must be a number of seconds");
    const queued = bot.queue.shift();
    if (queued) return queued;
    if (seconds === 0) throw new ZaloError(408, "Request timeout");
    return new Promise<ZaloUpdate | undefined>((resolve, reject) => {
      const waiter = (u: ZaloUpdate): void => {
        finish();
        resolve(u);
      };
      const finish = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        bot.waiters = bot.waiters.filter((w) => w !== waiter);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new ZaloError(408, "Request timeout"));
      }, seconds * 1000);
      this.timers.add(timer);
      bot.waiters.push(waiter);
      // A poller that gave up must not swallow the next update.
      res.on("close", () => {
        if (!res.writableEnded) {
          finish();
          resolve(undefined);
        }
      });
    });
  }

  /** The `chat_id` of a send, which must be a known user (private chat) or a group the bot can be in. */
  private chatOf(bot: BotState, p: Params): string {
    const chatId = required(p, "chat_id");
    if (this.users.has(chatId)) return chatId;
    if (this.groups.has(chatId) && bot.init.canJoinGroups) return chatId;
    throw new ZaloError(400, "Bad request: chat not found");
  }

  private record(bot: BotState, m: Omit<ZaloSentMessage, "token" | "messageId" | "at">): { message_id: string; date: number } {
    const sent: ZaloSentMessage = { token: bot.init.token, ...m, messageId: this.newMessageId(), at: this.now() };
    this.sentLog.push(sent);
    return { message_id: sent.messageId, date: sent.at };
  }

  /** A fresh opaque 20-hex id, unique for the fake's lifetime (also across reset()). */
  private newMessageId(): string {
    for (;;) {
      const id = randomBytes(10).toString("hex");
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  private botFor(token: string | undefined): BotState {
    const bot = token === undefined ? this.bots.values().next().value : this.bots.get(token);
    if (!bot) throw new Error(token === undefined ? "FakeZalo: add a bot first" : `FakeZalo: unknown bot token ${token}`);
    return bot;
  }

  // ── update factory ──

  private factory(token: string | undefined): ZaloUpdateFactory {
    const userOf = (u: ZaloUserInit | string): ZaloUserInit => {
      if (typeof u !== "string") {
        if (!this.users.has(u.id)) this.addUser(u);
        return u;
      }
      const known = this.users.get(u);
      if (!known) throw new Error(`FakeZalo: unknown user ${u}; addUser first`);
      return known;
    };
    const chatOf = (user: ZaloUserInit, chat: ZaloUserInit | ZaloGroupInit | string): ZaloMessage["chat"] => {
      const id = typeof chat === "string" ? chat : chat.id;
      if (id === user.id) return { id, chat_type: "PRIVATE" };
      const group = this.groups.get(id);
      if (!group) throw new Error(`FakeZalo: ${id} is neither the sender's private chat nor a known group; addGroup first`);
      group.members.add(user.id);
      return { id, chat_type: "GROUP" };
    };
    const build = (
      event: string,
      u: ZaloUserInit | string,
      c: ZaloUserInit | ZaloGroupInit | string,
      content: Partial<ZaloMessage>,
      opts: ZaloGroupOptions = {},
    ): ZaloWebhookBody => {
      const user = userOf(u);
      const chat = chatOf(user, c);
      const isGroup = chat.chat_type === "GROUP";
      if (isGroup && opts.mentionBot) {
        // Zalo's wire form of a mention is undocumented; "@<Bot name> " at the start is the best guess (ZALO.md §1.5).
        const at = `@${opts.mentionAs ?? this.botFor(token).init.name} `;
        if (content.text !== undefined) content.text = at + content.text;
        if (content.caption !== undefined) content.caption = at + content.caption;
      }
      const message: ZaloMessage = {
        from: { id: user.id, display_name: user.name, is_bot: false },
        chat,
        ...content,
        message_id: this.newMessageId(),
        date: this.now(),
      };
      if (isGroup && opts.quoteBot) {
        const bot = this.botFor(token);
        const quoted =
          typeof opts.quoteBot === "string"
            ? opts.quoteBot
            : this.sentLog.findLast((s) => s.token === bot.init.token && s.chatId === chat.id)?.messageId;
        if (quoted === undefined) throw new Error(`FakeZalo: quoteBot, but the bot has sent nothing in group ${chat.id}`);
        this.quotes.set(message.message_id, quoted);
      }
      return { ok: true, result: { event_name: event, message } };
    };
    return {
      privateText: (user, text) => {
        const u = userOf(user);
        return build("message.text.received", u, u, { text });
      },
      groupText: (user, group, text, opts) => build("message.text.received", user, group, { text }, opts),
      image: (user, chat, caption, opts) => {
        const id = randomBytes(8).toString("hex");
        const type = opts?.contentType ?? (opts?.bytes ? "image/jpeg" : "image/png");
        this.photos.set(id, { bytes: opts?.bytes ?? ONE_PIXEL_PNG, type, expiresAt: this.now() + (this.opts.photoTtlMs ?? 10 * 60_000) });
        // Served by this fake until it expires (before listen() the URL has no host to reach).
        const photo = `${this.url || "https://photo.fake-zalo.invalid"}/photos/${id}.${type === "image/png" ? "png" : type === "image/jpeg" ? "jpg" : "bin"}`;
        return build("message.image.received", user, chat, { photo, ...(caption !== undefined && { caption }) }, opts);
      },
      sticker: (user, chat, opts) => {
        const sticker = randomBytes(4).toString("hex");
        return build("message.sticker.received", user, chat, { sticker, url: `https://sticker.fake-zalo.invalid/${sticker}.png` }, opts);
      },
      // Sent instead of the content for protected senders; it carries no text, photo or sticker.
      unsupported: (user, chat, opts) => build("message.unsupported.received", user, chat, {}, opts),
      forBot: (t) => this.factory(t),
    };
  }
}

/** Starts a fake Zalo Bot Platform server on 127.0.0.1 with a free port. */
export async function startFakeZalo(opts: FakeZaloOptions = {}): Promise<FakeZalo> {
  return new FakeZalo(opts).listen();
}

/**
 * POSTs an update to a webhook URL like Zalo: JSON body (wrapped unless `bare`), `X-Bot-Api-Secret-Token` when a
 * secret is given, and optionally the identical body again. Returns the last HTTP status (0 = no answer).
 */
export async function deliverWebhook(url: string, body: ZaloWebhookBody | ZaloUpdate, opts: ZaloDeliverOptions = {}): Promise<number> {
  const update = bareOf(body);
  const payload = JSON.stringify(opts.bare ? update : { ok: true, result: update });
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.secret !== undefined) headers["x-bot-api-secret-token"] = opts.secret;
  const post = async (): Promise<number> => {
    try {
      const res = await fetch(url, { method: "POST", headers, body: payload, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  };
  const first = await post();
  return opts.duplicate ? post() : first;
}
