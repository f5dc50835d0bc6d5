/**
 * A local fake of the Telegram Bot API for tests.
 *
 * It is a plain Node `http` server on 127.0.0.1 that answers in Telegram's own JSON, so grammY's real client
 * (`new Api(token, { apiRoot: fake.url })` or `new Bot(token, { client: { apiRoot: fake.url } })`) talks to it
 * unchanged. Besides answering methods it models the world the bot lives in (users who did or did not press Start,
 * groups, migrations, messages per chat), Telegram's refusals, an optional rate-limit model, fault injection and a
 * log of every call. See /work/shared/TELEGRAM.md ("What a local fake Telegram Bot API server for tests must implement").
 *
 * Where the real behaviour is uncertain the fake picks the stricter, documented reading and says so in a comment.
 */
import { createServer, STATUS_CODES } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createHash } from "node:crypto";
import busboy from "busboy";
import type { Message, PhotoSize, Update, UserFromGetMe } from "grammy/types";

// ───────────────────────────── public types ─────────────────────────────

/** Options for {@link startFakeTelegram}. */
export interface FakeTelegramOptions {
  /** Clock in epoch milliseconds used for message dates, call times, rate limits and callback expiry (default `Date.now`). */
  now?: () => number;
  /** Turn the rate-limit model on from the start (default off). */
  enforceLimits?: boolean;
  /** Tune the rate-limit model. */
  limits?: Partial<RateLimits>;
  /** Accept any webhook URL (http, any port); by default only HTTPS on ports 443/80/88/8443, as Telegram. */
  allowAnyWebhookUrl?: boolean;
  /** Age after which answering a callback query fails with "query is too old" (default 15 000 ms; Telegram's value is undocumented). */
  callbackQueryTtlMs?: number;
}

/** Parameters of the optional rate-limit model (Telegram FAQ figures by default). */
export interface RateLimits {
  /** Private chats: sustained messages per second per chat (default 1). */
  privatePerSecond: number;
  /** Private chats: how many messages may go at once before the 1/s pace applies (default 3). */
  privateBurst: number;
  /** Groups and supergroups: messages per sliding 60 s window per chat (default 20). */
  groupPerMinute: number;
  /** All chats together: messages per sliding 1 s window per bot (default 30). */
  globalPerSecond: number;
}

/** A bot hosted by the fake (`addBot`). */
export interface FakeBotInit {
  token: string;
  id: number;
  username: string;
  firstName?: string;
  /** BotFather privacy mode (default true): `getMe.can_read_all_group_messages` is its negation. */
  privacyMode?: boolean;
}

/** A Telegram user (`addUser`). `startedBot`/`blocked` are defaults for every bot; override per bot with `setStarted`/`setBlocked`. */
export interface FakeUserInit {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  /** Has pressed Start in the bot's chat (default false: the bot cannot DM them). */
  startedBot?: boolean;
  /** Has blocked the bot (default false). */
  blocked?: boolean;
}

/** A group or supergroup (`addGroup`). The bot flags apply to every bot in the group. */
export interface FakeGroupInit {
  id: number;
  title: string;
  type: "group" | "supergroup";
  /** The bots are admins here (default false); admins receive every group message. */
  botIsAdmin?: boolean;
  /** Privacy mode as it applied when the bot joined (default: the bot's own `privacyMode`). */
  privacyMode?: boolean;
  /** The bots are members (default true); sends to a group without them get 403. */
  botIsMember?: boolean;
  /** User ids known to be members (`getChatMember` says "left" for other known users). */
  members?: number[];
}

/** Telegram's `ResponseParameters`. */
export interface ResponseParameters {
  migrate_to_chat_id?: number;
  retry_after?: number;
}

/** A fault to inject instead of (or before, for `delay`) the normal answer. */
export type Fault =
  | { kind: "429"; retryAfter: number }
  | { kind: "5xx-json"; status?: number; description?: string }
  | { kind: "5xx-html"; status?: number }
  | { kind: "delay"; ms: number }
  | { kind: "hang" }
  | { kind: "drop"; afterHeaders?: boolean }
  | { kind: "403-blocked" }
  | { kind: "403-cant-initiate" }
  | { kind: "400"; description: string; parameters?: ResponseParameters };

/** Which calls a fault hits. Calls are counted from the moment of injection, and only those that match. */
export interface InjectOptions {
  /** Method name, any case (default: every method). */
  method?: string;
  /** `chat_id` parameter (default: any). */
  chatId?: number | string;
  /** Bot token (default: any bot). */
  token?: string;
  /** Hit this many matching calls (default 1; `Infinity` for all). */
  times?: number;
  /** Let the first nth-1 matching calls through and start hitting at the nth (default 1). */
  nth?: number;
  fault: Fault;
}

/** Handle returned by `inject`. */
export interface InjectedFault {
  readonly options: InjectOptions;
  /** Matching calls seen so far. */
  readonly seen: number;
  /** Calls actually faulted so far. */
  readonly hits: number;
  /** All `times` hits used, or cancelled. */
  readonly done: boolean;
  cancel(): void;
}

/** A file part of a multipart request, with its bytes (attach:// references in `params` resolve to these). */
export interface UploadedFile {
  kind: "upload";
  /** Multipart part name (grammY: a random id referenced as `attach://<field>`). */
  field: string;
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
  size: number;
}

/** One HTTP call to the fake. `status` is 0 while unanswered and stays 0 for `hang`/`drop` faults. */
export interface CallRecord {
  token: string;
  /** Canonical method name (e.g. "sendMessage" whatever case the client used); unknown methods as sent. */
  method: string;
  /** Parsed parameters: JSON fields decoded, numbers/booleans of form bodies coerced, attach:// replaced by {@link UploadedFile}. */
  params: Record<string, unknown>;
  files: UploadedFile[];
  /** `now()` when the call arrived. */
  at: number;
  status: number;
  chatId?: number | string;
  /** Kind of the injected fault that hit this call, if any. */
  fault?: Fault["kind"];
  /** Description of the error answered, if any. */
  error?: string;
}

/** A message the bot delivered, in its current state (edits applied, `deleted` flag set). */
export interface SentMessage {
  token: string;
  /** The method that created it (sendMessage, sendPhoto, sendMediaGroup, copyMessage). */
  method: string;
  chatId: number;
  messageId: number;
  text?: string;
  caption?: string;
  /** The reply_markup as sent (any kind; the Message object itself only echoes inline keyboards, like Telegram). */
  replyMarkup?: unknown;
  photo?: PhotoSize[];
  /** The Message object as Telegram returned it (after edits, the edited version). */
  message: Message;
  at: number;
  edited: boolean;
  deleted: boolean;
  /** Emoji the bot set with setMessageReaction. */
  reactions: string[];
  /** Sent on behalf of a Telegram Business account (`business_connection_id`), into that account's chat with the user. */
  businessConnectionId?: string;
}

/** One 429 produced by the rate-limit model. */
export interface LimitEvent {
  token: string;
  chatId: number;
  kind: "private" | "group" | "global";
  retryAfter: number;
  at: number;
}

/** Counters of the rate-limit model. */
export interface LimitHits {
  total: number;
  private: number;
  group: number;
  global: number;
  events: LimitEvent[];
}

/** An answerCallbackQuery that succeeded. */
export interface CallbackAnswer {
  token: string;
  queryId: string;
  text?: string;
  showAlert: boolean;
  url?: string;
  at: number;
}

/** One POST made by `deliverWebhook`. */
export interface WebhookAttempt {
  url: string;
  updateId: number;
  attempt: number;
  /** HTTP status, or 0 for a network error or timeout. */
  status: number;
  at: number;
}

/** Options of `deliverWebhook`. */
export interface DeliverWebhookOptions {
  /** Sent as `X-Telegram-Bot-Api-Secret-Token` when set. */
  secret?: string;
  /** Resend on non-2xx, network error or timeout, as Telegram does (default false). */
  resendOnFailure?: boolean;
  /** Attempts in total when resending (default 5). */
  maxAttempts?: number;
  /** Waits before each resend; the last value repeats (default [0, 20, 40, 80]: Telegram's "at once, then 2, 4, 8 s" scaled down). */
  resendDelaysMs?: number[];
  /** Per-attempt timeout (default 10 000 ms; Telegram waits ~60 s). */
  timeoutMs?: number;
  /** After a 2xx, send the same update once more (Telegram occasionally does) to test idempotency. */
  duplicate?: boolean;
  /** Called after every attempt. */
  onAttempt?: (attempt: WebhookAttempt) => void;
}

/** A user given by id or by object. */
export type UserRef = number | { id: number };
/** A group given by id or by object. */
export type GroupRef = number | { id: number };
/** The message a button was pressed on: a Message, a {@link SentMessage}, or its coordinates. */
export type MessageRef = Message | SentMessage | { chatId: number; messageId: number };

/** Builders of realistic updates; `update_id` increases per bot (every bot starts at the same number, as real bots may). */
export interface UpdateFactory {
  /** A private text message; a `bot_command` entity when it starts with "/". Marks the user as having started the bot. */
  privateText(user: UserRef, text: string): Update;
  /** A group text message, optionally replying to a message of that group. Adds the user to the group's members. */
  groupText(user: UserRef, group: GroupRef, text: string, opts?: { replyTo?: number }): Update;
  /** A callback_query for a button press on `message` (fresh numeric id, current state of the message). */
  callback(user: UserRef, message: MessageRef, data: string): Update;
  /** A private message with a contact card; `ownContact` (default true) sets `user_id` to the sender's id. */
  contact(user: UserRef, phone: string, opts?: { ownContact?: boolean; firstName?: string; userId?: number }): Update;
  /** A photo message in a private chat (chat = the user) or a group, with fake but bot-usable file_ids. */
  photo(user: UserRef, chat: UserRef | GroupRef, caption?: string): Update;
  /**
   * A business_connection update: `owner` connects this bot to their Telegram Business account (or changes or ends
   * it). Creates or updates the connection the fake checks `business_connection_id` against.
   */
  businessConnection(owner: UserRef, opts?: { id?: string; enabled?: boolean; canReply?: boolean; legacyCanReply?: boolean }): Update;
  /** A business_message: `from` writes in the business account's chat with `chat` (default: `from`, a buyer writing to the seller). */
  businessText(connectionId: string, from: UserRef, text: string, opts?: { chat?: UserRef }): Update;
  /** The same builders for another bot of this server. */
  forBot(token: string): UpdateFactory;
}

// ───────────────────────────── internals ─────────────────────────────

type Params = Record<string, unknown>;
type Json = Record<string, unknown>;

/** An `ok:false` answer; thrown by method handlers. */
class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}
const badRequest = (what: string, parameters?: ResponseParameters) => new ApiError(400, `Bad Request: ${what}`, parameters);
const forbidden = (what: string) => new ApiError(403, `Forbidden: ${what}`);

const DESC = {
  blocked: "Forbidden: bot was blocked by the user",
  cantInitiate: "Forbidden: bot can't initiate conversation with a user",
  queryTooOld: "query is too old and response timeout expired or query ID is invalid",
  notModified:
    "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
} as const;

/** Success with the extra `description` some methods return (setWebhook: "Webhook was set"). */
class WithDescription {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

interface Relation {
  started?: boolean;
  blocked?: boolean;
}

interface FileEntry {
  fileId: string;
  uniqueId: string;
  size: number;
  path: string;
  bytes?: Uint8Array;
  /** For photos: every size of the same picture, so a file_id of any size can be re-sent. */
  photo?: PhotoSize[];
  /** For other media: the object (video/document/audio) to put in a message. */
  media?: Json;
}

interface Poller {
  wake(): void;
  fail(err: ApiError): void;
  timer: ReturnType<typeof setTimeout>;
}

interface BotState {
  token: string;
  id: number;
  username: string;
  firstName: string;
  privacyMode: boolean;
  relations: Map<number, Relation>;
  queue: Update[];
  nextUpdateId: number;
  allowedUpdates?: string[];
  poller?: Poller;
  webhook?: { url: string; secret?: string; maxConnections: number; allowedUpdates?: string[]; ipAddress?: string };
  commands: Map<string, unknown[]>;
  files: Map<string, FileEntry>;
  filePaths: Map<string, FileEntry>;
  callbacks: Map<string, number>;
  answered: Set<string>;
  fileCounter: number;
}

interface UserState {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  startedBot: boolean;
  blocked: boolean;
}

interface GroupState {
  id: number;
  title: string;
  type: "group" | "supergroup";
  botIsAdmin: boolean;
  privacyMode?: boolean;
  botIsMember: boolean;
  members: Set<number>;
  migratedTo?: number;
  migratedFrom?: number;
  lastBotPoster?: number;
}

/** A private target with `business` is the chat of a Telegram Business account (the seller) with that user. */
type Target = { kind: "private"; chatId: number; user: UserState; business?: BusinessState } | { kind: "group"; chatId: number; group: GroupState };

/** A Telegram Business account connected to a bot (Bot API 7.2+: business_connection, business_message). */
interface BusinessState {
  id: string;
  token: string;
  ownerId: number;
  enabled: boolean;
  canReply: boolean;
  date: number;
}

interface StoredMessage {
  chatId: number;
  messageId: number;
  message: Json;
  /** Token of the bot that sent it; undefined for user messages built by the update factory. */
  token?: string;
  method?: string;
  /** Markup as sent (any kind). */
  markup?: unknown;
  /** What "message is not modified" compares: the text/caption as written (with parse_mode) and entities. */
  contentKey: string;
  at: number;
  edited: boolean;
  deleted: boolean;
  reactions: string[];
  businessConnectionId?: string;
}

interface ChatLog {
  nextId: number;
  messages: Map<number, StoredMessage>;
}

interface CallContext {
  bot: BotState;
  params: Params;
  files: UploadedFile[];
  res: ServerResponse;
}

interface FaultEntry extends InjectedFault {
  seen: number;
  hits: number;
  done: boolean;
}

// Fields whose value is a JSON-serialized object when they come as strings (multipart, form, query, or double-encoded JSON).
const JSON_FIELDS = [
  "reply_markup",
  "media",
  "entities",
  "caption_entities",
  "reply_parameters",
  "link_preview_options",
  "allowed_updates",
  "commands",
  "scope",
  "reaction",
  "results",
  "options",
  "explanation_entities",
  "message_ids",
  "permissions",
  "rights",
  "menu_button",
];
const JSON_FIELD_NAMES: Record<string, string> = {
  reply_markup: "reply keyboard markup",
  media: "media",
  entities: "entities",
  caption_entities: "caption entities",
  reply_parameters: "reply parameters",
  link_preview_options: "link preview options",
};
// Form and query values are strings; these are coerced so recorded params look the same whatever the transport.
const INT_FIELDS = new Set([
  "chat_id",
  "from_chat_id",
  "message_id",
  "user_id",
  "offset",
  "limit",
  "timeout",
  "reply_to_message_id",
  "message_thread_id",
  "max_connections",
  "cache_time",
  "duration",
  "width",
  "height",
  "until_date",
]);
const BOOL_FIELDS = new Set([
  "disable_notification",
  "protect_content",
  "show_alert",
  "drop_pending_updates",
  "is_big",
  "allow_sending_without_reply",
  "has_spoiler",
  "disable_web_page_preview",
  "show_caption_above_media",
  "allow_paid_broadcast",
]);

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

// ReactionTypeEmoji.emoji as listed by the Bot API (grammyjs/types).
const REACTION_EMOJI = new Set([
  "👍", "👎", "❤", "🔥", "🥰", "👏", "😁", "🤔", "🤯", "😱", "🤬", "😢", "🎉", "🤩", "🤮", "💩", "🙏", "👌", "🕊", "🤡",
  "🥱", "🥴", "😍", "🐳", "❤‍🔥", "🌚", "🌭", "💯", "🤣", "⚡", "🍌", "🏆", "💔", "🤨", "😐", "🍓", "🍾", "💋", "🖕", "😈",
  "😴", "😭", "🤓", "👻", "👨‍💻", "👀", "🎃", "🙈", "😇", "😨", "🤝", "✍", "🤗", "🫡", "🎅", "🎄", "☃", "💅", "🤪", "🗿",
  "🆒", "💘", "🙉", "🦄", "😘", "💊", "🙊", "😎", "👾", "🤷‍♂", "🤷", "🤷‍♀", "😡",
]);

// Updates that getUpdates/webhooks leave out unless asked for explicitly (Bot API setWebhook.allowed_updates).
const OPT_IN_UPDATES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

const SERVICE_KEYS = [
  "new_chat_members",
  "left_chat_member",
  "new_chat_title",
  "new_chat_photo",
  "delete_chat_photo",
  "group_chat_created",
  "supergroup_chat_created",
  "migrate_to_chat_id",
  "migrate_from_chat_id",
  "pinned_message",
  "video_chat_scheduled",
  "video_chat_started",
  "video_chat_ended",
  "video_chat_participants_invited",
];

const DEFAULT_LIMITS: RateLimits = { privatePerSecond: 1, privateBurst: 3, groupPerMinute: 20, globalPerSecond: 30 };
const FIRST_UPDATE_ID = 700_000_001;

function asInt(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}
function asStr(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}
function asBool(v: unknown): boolean {
  return v === true || v === "true" || v === "1" || v === 1;
}
function isObj(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
/** JSON with sorted keys and nulls dropped, so two markups compare equal whatever their key order. */
function stableJson(v: unknown): string {
  return (
    JSON.stringify(v, (_k, val: unknown) => {
      if (val === null) return undefined;
      if (isObj(val)) return Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      return val;
    }) ?? ""
  );
}
function b64url(buf: Buffer): string {
  return buf.toString("base64url");
}
function sha(...parts: (string | Uint8Array)[]): Buffer {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
}
const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

/**
 * The text as the user sees it after parse_mode is applied (Telegram checks lengths after entity parsing).
 * An approximation: tags/markers are removed, nothing is validated.
 */
function visibleText(raw: string, parseMode: unknown): string {
  const mode = typeof parseMode === "string" ? parseMode.toLowerCase() : "";
  if (mode === "html") {
    return raw
      .replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&amp;/g, "&");
  }
  if (mode === "markdownv2" || mode === "markdown") {
    return raw
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/```[^\n]*\n?/g, "")
      .replace(/\\(.)|\|\||[*_~`]/g, (_m, esc: string | undefined) => esc ?? "");
  }
  return raw;
}

/** Width and height from a PNG header, or undefined for anything else. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Entities a real client attaches: a bot_command at offset 0 and @mentions. Offsets are UTF-16, like JS strings. */
function textEntities(text: string): Json[] {
  const entities: Json[] = [];
  const cmd = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?/.exec(text);
  if (cmd) entities.push({ offset: 0, length: cmd[0].length, type: "bot_command" });
  for (const m of text.matchAll(/(^|[^A-Za-z0-9_/])(@[A-Za-z][A-Za-z0-9_]{3,31})/g)) {
    const at = (m.index ?? 0) + (m[1]?.length ?? 0);
    if (cmd && at < cmd[0].length) continue;
    entities.push({ offset: at, length: m[2]?.length ?? 0, type: "mention" });
  }
  return entities;
}

/** Reads a request's parameters from query string and body (JSON, form-urlencoded or multipart via busboy). */
async function readParams(req: IncomingMessage, url: URL): Promise<{ params: Params; files: UploadedFile[]; typed: boolean }> {
  const params: Params = Object.fromEntries(url.searchParams);
  const files: UploadedFile[] = [];
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  let typed = false;
  if (type.startsWith("multipart/form-data")) {
    await new Promise<void>((resolve, reject) => {
      const bb = busboy({ headers: req.headers, limits: { fieldSize: 16 * 1024 * 1024 } });
      bb.on("field", (name, value) => {
        params[name] = value;
      });
      bb.on("file", (field, stream, info) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const bytes = Buffer.concat(chunks);
          files.push({ kind: "upload", field, filename: info.filename ?? field, mimeType: info.mimeType, bytes, size: bytes.length });
        });
      });
      bb.on("close", () => resolve());
      bb.on("error", reject);
      // A client that gives up mid-upload (timeout) would otherwise leave busboy waiting forever.
      req.on("aborted", () => reject(new Error("request aborted")));
      req.pipe(bb);
    });
  } else {
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve());
      req.on("error", reject);
      req.on("aborted", () => reject(new Error("request aborted")));
    });
    const body = Buffer.concat(chunks).toString("utf8");
    if (type.startsWith("application/json")) {
      if (body.trim() !== "") {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          throw badRequest("can't parse JSON object");
        }
        if (!isObj(parsed)) throw badRequest("can't parse JSON object");
        Object.assign(params, parsed);
        typed = true;
      }
    } else if (body !== "") {
      // form-urlencoded, or a body without a content type (curl -d)
      Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    }
  }
  return { params, files, typed };
}

/** Decodes JSON string fields, coerces form scalars and resolves attach:// references. */
function normalizeParams(params: Params, files: UploadedFile[]): void {
  for (const f of JSON_FIELDS) {
    const v = params[f];
    if (typeof v !== "string") continue;
    try {
      params[f] = JSON.parse(v);
    } catch {
      throw badRequest(`can't parse ${JSON_FIELD_NAMES[f] ?? f} JSON object`);
    }
  }
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== "string") continue;
    if (INT_FIELDS.has(k) && /^-?\d+$/.test(v.trim())) params[k] = Number(v.trim());
    else if (BOOL_FIELDS.has(k) && (v === "true" || v === "false")) params[k] = v === "true";
  }
  const byField = new Map(files.map((f) => [f.field, f]));
  const resolve = (v: unknown): unknown => {
    if (typeof v === "string" && v.startsWith("attach://")) {
      const file = byField.get(v.slice("attach://".length));
      if (!file) throw badRequest("wrong file identifier/HTTP URL specified");
      return file;
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (isObj(v) && (v as { kind?: unknown }).kind !== "upload") {
      for (const [k, x] of Object.entries(v)) v[k] = resolve(x);
    }
    return v;
  };
  for (const [k, v] of Object.entries(params)) params[k] = resolve(v);
  // A file part named like the parameter itself (curl -F photo=@x.png) is the parameter, as on the real server.
  for (const f of files) if (params[f.field] === undefined) params[f.field] = f;
}

function isUpload(v: unknown): v is UploadedFile {
  return isObj(v) && v.kind === "upload" && v.bytes instanceof Uint8Array;
}

// ───────────────────────────── the fake ─────────────────────────────

/** The fake Bot API server. Create it with {@link startFakeTelegram}. */
export class FakeTelegram {
  /** apiRoot for grammY (no trailing slash). */
  url = "";
  /** Every call, in arrival order. */
  calls: CallRecord[] = [];
  /** Counters of the rate-limit model (429s it produced). */
  limitHits: LimitHits = { total: 0, private: 0, group: 0, global: 0, events: [] };
  /** Successful answerCallbackQuery calls. */
  callbackAnswers: CallbackAnswer[] = [];
  /** Every POST made by `deliverWebhook`. */
  webhookAttempts: WebhookAttempt[] = [];
  /** Update builders for the first bot added; `updates.forBot(token)` for the others. */
  readonly updates: UpdateFactory;

  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly bots = new Map<string, BotState>();
  private readonly users = new Map<number, UserState>();
  private readonly groups = new Map<number, GroupState>();
  private readonly chats = new Map<string, ChatLog>();
  private delivered: StoredMessage[] = [];
  private faults: FaultEntry[] = [];
  private limitsOn: boolean;
  private readonly limits: RateLimits;
  private privateBuckets = new Map<string, { tokens: number; last: number }>();
  private groupWindows = new Map<string, number[]>();
  private globalWindows = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly opts: FakeTelegramOptions;
  private readonly methods: Map<string, { name: string; run: (c: CallContext) => unknown }>;
  private callbackCounter = 0;
  private businessConnections = new Map<string, BusinessState>();
  /** The connection of the call being run (its `business_connection_id`), for resolveTarget and deliver. */
  private activeBusiness: BusinessState | undefined;

  constructor(opts: FakeTelegramOptions = {}) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.limitsOn = opts.enforceLimits ?? false;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.server = createServer((req, res) => void this.handle(req, res));
    // grammY keeps connections alive, so close() must be able to destroy them.
    this.server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    const table: [string, (c: CallContext) => unknown][] = [
      ["getMe", (c) => this.getMe(c.bot)],
      ["logOut", () => true],
      ["close", () => true],
      ["setWebhook", (c) => this.mSetWebhook(c)],
      ["deleteWebhook", (c) => this.mDeleteWebhook(c)],
      ["getWebhookInfo", (c) => this.mGetWebhookInfo(c)],
      ["getUpdates", (c) => this.mGetUpdates(c)],
      ["sendMessage", (c) => this.mSendMessage(c)],
      ["sendPhoto", (c) => this.mSendPhoto(c)],
      ["sendMediaGroup", (c) => this.mSendMediaGroup(c)],
      ["copyMessage", (c) => this.mCopyMessage(c)],
      ["editMessageText", (c) => this.mEdit(c, "text")],
      ["editMessageCaption", (c) => this.mEdit(c, "caption")],
      ["editMessageReplyMarkup", (c) => this.mEdit(c, "markup")],
      ["deleteMessage", (c) => this.mDeleteMessage(c)],
      ["answerCallbackQuery", (c) => this.mAnswerCallbackQuery(c)],
      ["setMessageReaction", (c) => this.mSetMessageReaction(c)],
      ["sendChatAction", (c) => this.mSendChatAction(c)],
      ["getChat", (c) => this.mGetChat(c)],
      ["getChatMember", (c) => this.mGetChatMember(c)],
      ["setMyCommands", (c) => this.mSetMyCommands(c)],
      ["getMyCommands", (c) => this.mGetMyCommands(c)],
      ["deleteMyCommands", (c) => this.mDeleteMyCommands(c)],
      ["getFile", (c) => this.mGetFile(c)],
    ];
    this.methods = new Map(table.map(([name, run]) => [name.toLowerCase(), { name, run }]));
    this.updates = this.factory(undefined);
  }

  /** Starts listening on 127.0.0.1 with a free port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Destroys open (keep-alive, hanging, long-polling) connections, then stops the server. */
  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const bot of this.bots.values()) {
      if (bot.poller) clearTimeout(bot.poller.timer);
      bot.poller = undefined;
    }
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── world state ──

  /** Hosts a bot; returns what getMe will answer. */
  addBot(init: FakeBotInit): UserFromGetMe {
    const bot: BotState = {
      token: init.token,
      id: init.id,
      username: init.username,
      firstName: init.firstName ?? init.username,
      privacyMode: init.privacyMode ?? true,
      relations: new Map(),
      queue: [],
      nextUpdateId: FIRST_UPDATE_ID,
      commands: new Map(),
      files: new Map(),
      filePaths: new Map(),
      callbacks: new Map(),
      answered: new Set(),
      fileCounter: 0,
    };
    this.bots.set(init.token, bot);
    return this.getMe(bot);
  }

  /** Adds (or replaces) a user; replacing also forgets per-bot `setStarted`/`setBlocked` overrides. */
  addUser(init: FakeUserInit): void {
    for (const bot of this.bots.values()) bot.relations.delete(init.id);
    this.users.set(init.id, {
      id: init.id,
      firstName: init.firstName,
      lastName: init.lastName,
      username: init.username,
      languageCode: init.languageCode,
      startedBot: init.startedBot ?? false,
      blocked: init.blocked ?? false,
    });
  }

  /** Whether the user has pressed Start in this bot's chat. */
  setStarted(token: string, userId: number, started: boolean): void {
    this.relationFor(this.botOrThrow(token), this.userOrThrow(userId)).started = started;
  }

  /** Whether the user has blocked this bot. */
  setBlocked(token: string, userId: number, blocked: boolean): void {
    this.relationFor(this.botOrThrow(token), this.userOrThrow(userId)).blocked = blocked;
  }

  /** Adds (or replaces) a group or supergroup. */
  addGroup(init: FakeGroupInit): void {
    this.groups.set(init.id, {
      id: init.id,
      title: init.title,
      type: init.type,
      botIsAdmin: init.botIsAdmin ?? false,
      privacyMode: init.privacyMode,
      botIsMember: init.botIsMember ?? true,
      members: new Set(init.members ?? []),
    });
  }

  /** Changes a group's flags (admin, privacy, membership, title). */
  updateGroup(id: number, patch: Partial<Omit<FakeGroupInit, "id" | "type" | "members">>): void {
    const g = this.groupOrThrow(id);
    if (patch.title !== undefined) g.title = patch.title;
    if (patch.botIsAdmin !== undefined) g.botIsAdmin = patch.botIsAdmin;
    if (patch.privacyMode !== undefined) g.privacyMode = patch.privacyMode;
    if (patch.botIsMember !== undefined) g.botIsMember = patch.botIsMember;
  }

  /** Upgrades a basic group to a supergroup with a new id; sends to the old id then fail with migrate_to_chat_id. */
  migrateGroup(oldId: number, newId: number): void {
    const old = this.groupOrThrow(oldId);
    if (old.migratedTo !== undefined) throw new Error(`group ${oldId} was already migrated to ${old.migratedTo}`);
    old.migratedTo = newId;
    this.groups.set(newId, {
      id: newId,
      title: old.title,
      type: "supergroup",
      botIsAdmin: old.botIsAdmin,
      privacyMode: old.privacyMode,
      botIsMember: old.botIsMember,
      members: new Set(old.members),
      migratedFrom: oldId,
    });
  }

  /** Turns the rate-limit model on or off. */
  enforceLimits(on = true): void {
    this.limitsOn = on;
  }

  /** Queues an update for getUpdates (an `update_id` is assigned when missing); returns it. */
  pushUpdate(token: string, update: Omit<Update, "update_id"> & { update_id?: number }): Update {
    const bot = this.botOrThrow(token);
    let full: Update;
    if (update.update_id === undefined) {
      full = { ...update, update_id: bot.nextUpdateId++ } as Update;
    } else {
      full = update as Update;
      bot.nextUpdateId = Math.max(bot.nextUpdateId, full.update_id + 1);
    }
    bot.queue.push(full);
    bot.poller?.wake();
    return full;
  }

  /** Updates waiting in a bot's queue (not yet confirmed through getUpdates' offset). */
  pending(token: string): Update[] {
    return [...this.botOrThrow(token).queue];
  }

  /** Injects a fault for the matching calls; see {@link InjectOptions}. */
  inject(options: InjectOptions): InjectedFault {
    const entry: FaultEntry = {
      options,
      seen: 0,
      hits: 0,
      done: false,
      cancel: () => {
        entry.done = true;
        this.faults = this.faults.filter((f) => f !== entry);
      },
    };
    this.faults.push(entry);
    return entry;
  }

  // ── recording ──

  /** Delivered messages (optionally of one chat) in delivery order, current state. */
  sent(chatId?: number): SentMessage[] {
    return this.delivered.filter((m) => chatId === undefined || m.chatId === chatId).map((m) => this.toSent(m));
  }

  /** The calls of one method (any case). */
  callsTo(method: string): CallRecord[] {
    const m = method.toLowerCase();
    return this.calls.filter((c) => c.method.toLowerCase() === m);
  }

  /** A message of a chat (bot's or a user's from the update factory), current state; `token` picks the bot for private chats. */
  message(chatId: number, messageId: number, token?: string): Message | undefined {
    const stored = this.findStored(chatId, messageId, token);
    return stored ? (stored.message as unknown as Message) : undefined;
  }

  /** Reactions the bot set on a message. */
  reactionsOn(chatId: number, messageId: number, token?: string): string[] {
    return [...(this.findStored(chatId, messageId, token)?.reactions ?? [])];
  }

  /** Clears calls, messages, update queues, callback answers, faults, limit counters and webhook attempts; keeps bots, users, groups, webhooks and files. */
  reset(): void {
    this.calls = [];
    this.delivered = [];
    // Message ids keep increasing per chat, so ids stay unique across tests that share an app database.
    for (const log of this.chats.values()) log.messages.clear();
    for (const f of this.faults) f.done = true;
    this.faults = [];
    this.privateBuckets.clear();
    this.groupWindows.clear();
    this.globalWindows.clear();
    this.limitHits = { total: 0, private: 0, group: 0, global: 0, events: [] };
    this.callbackAnswers = [];
    this.webhookAttempts = [];
    this.businessConnections.clear();
    for (const bot of this.bots.values()) {
      bot.queue = [];
      bot.callbacks.clear();
      bot.answered.clear();
    }
  }

  /**
   * Telegram's privacy filter: would this bot receive this update? Group messages reach a privacy-mode bot only if it
   * is an admin, privacy is off, they reply to it, address its command (/cmd@bot, or a bare /cmd when it posted last)
   * or mention it; service messages and other bots' rules per TELEGRAM.md §1.
   */
  wouldReceive(token: string, update: Update): boolean {
    const bot = this.botOrThrow(token);
    const msg = (update.message ?? update.edited_message) as unknown as Json | undefined;
    if (!msg) return true;
    const chat = msg.chat as Json;
    if (chat.type !== "group" && chat.type !== "supergroup") return true;
    if (SERVICE_KEYS.some((k) => msg[k] !== undefined)) return true;
    const from = msg.from as Json | undefined;
    if (from?.is_bot === true) return false;
    const group = this.groups.get(Number(chat.id));
    const privacy = group?.privacyMode ?? bot.privacyMode;
    if (group?.botIsAdmin || !privacy) return true;
    const reply = msg.reply_to_message as Json | undefined;
    if ((reply?.from as Json | undefined)?.id === bot.id) return true;
    const text = String(msg.text ?? msg.caption ?? "");
    const cmd = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(text);
    if (cmd) {
      if (cmd[1] !== undefined) return cmd[1].toLowerCase() === bot.username.toLowerCase();
      return group?.lastBotPoster === bot.id;
    }
    return new RegExp(`(^|[^A-Za-z0-9_])@${bot.username}(?![A-Za-z0-9_])`, "i").test(text);
  }

  /** POSTs an update to an app's webhook like Telegram (secret header, resends on failure when asked); returns the last HTTP status (0 = no answer). */
  async deliverWebhook(url: string, update: Update, opts: DeliverWebhookOptions = {}): Promise<number> {
    return deliverWebhook(url, update, {
      ...opts,
      onAttempt: (a) => {
        this.webhookAttempts.push({ ...a, at: this.now() });
        opts.onAttempt?.(a);
      },
    });
  }

  // ── HTTP ──

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.serveFile(decodeURIComponent(file[1] ?? ""), decodeURIComponent(file[2] ?? ""), res);
    const route = /^\/bot([^/]*)\/(?:test\/)?([^/]*)\/?$/.exec(url.pathname);
    if (!route) {
      req.resume();
      return this.send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    }
    const token = decodeURIComponent(route[1] ?? "");
    const methodRaw = route[2] ?? "";
    const known = this.methods.get(methodRaw.toLowerCase());
    const record: CallRecord = { token, method: known?.name ?? methodRaw, params: {}, files: [], at: this.now(), status: 0 };
    this.calls.push(record);

    let parseError: unknown;
    try {
      const { params, files } = await readParams(req, url);
      record.params = params;
      record.files = files;
      normalizeParams(params, files);
    } catch (e) {
      parseError = e;
    }
    const chatId = asInt(record.params.chat_id) ?? asStr(record.params.chat_id);
    if (chatId !== undefined) record.chatId = chatId;

    const bot = this.bots.get(token);
    if (!bot) return this.answerError(res, record, new ApiError(401, "Unauthorized"));
    // The real api.telegram.org answers a plain "Not Found" (tdlib/telegram-bot-api says "Not Found: method not found").
    if (!known) return this.answerError(res, record, new ApiError(404, "Not Found"));
    if (parseError) {
      if (parseError instanceof ApiError) return this.answerError(res, record, parseError);
      // The client went away while uploading; nobody is listening for an answer.
      record.error = String(parseError);
      return;
    }

    const fault = this.takeFault(record);
    if (fault) {
      record.fault = fault.kind;
      const handled = await this.applyFault(fault, req, res, record);
      if (handled) return;
    }

    const businessId = asStr(record.params.business_connection_id);
    if (businessId !== undefined) {
      const conn = this.businessConnections.get(businessId);
      if (!conn || conn.token !== token) return this.answerError(res, record, new ApiError(400, "Bad Request: BUSINESS_CONNECTION_INVALID"));
      if (!conn.enabled || !conn.canReply) return this.answerError(res, record, new ApiError(403, "Forbidden: BOT_ACCESS_FORBIDDEN"));
    }
    try {
      // The send methods run synchronously: the connection holds for exactly this call.
      this.activeBusiness = businessId !== undefined ? this.businessConnections.get(businessId) : undefined;
      const running = known.run({ bot, params: record.params, files: record.files, res });
      this.activeBusiness = undefined;
      const result = await running;
      if (res.writableEnded || res.destroyed) return;
      if (result instanceof WithDescription) {
        this.answer(res, record, 200, { ok: true, result: result.result, description: result.description });
      } else {
        this.answer(res, record, 200, { ok: true, result });
      }
    } catch (e) {
      if (e instanceof ApiError) return this.answerError(res, record, e);
      const description = `Internal Server Error: ${e instanceof Error ? e.message : String(e)}`;
      this.answer(res, record, 500, { ok: false, error_code: 500, description });
    }
  }

  private answer(res: ServerResponse, record: CallRecord, status: number, body: unknown, headers: Record<string, string> = {}): void {
    record.status = status;
    this.send(res, status, body, headers);
  }

  private answerError(res: ServerResponse, record: CallRecord, e: ApiError): void {
    record.error = e.description;
    const body: Json = { ok: false, error_code: e.code, description: e.description };
    if (e.parameters) body.parameters = e.parameters;
    const headers: Record<string, string> = {};
    if (e.parameters?.retry_after !== undefined) headers["retry-after"] = String(e.parameters.retry_after);
    this.answer(res, record, e.code, body, headers);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.writableEnded || res.destroyed) return;
    const json = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(json)), ...headers });
    res.end(json);
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    const entry = this.bots.get(token)?.filePaths.get(path);
    if (!entry?.bytes) return this.send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(entry.bytes.length) });
    res.end(entry.bytes);
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

  // ── faults ──

  private takeFault(record: CallRecord): Fault | undefined {
    let chosen: Fault | undefined;
    for (const f of this.faults) {
      const o = f.options;
      if (o.method !== undefined && o.method.toLowerCase() !== record.method.toLowerCase()) continue;
      if (o.token !== undefined && o.token !== record.token) continue;
      if (o.chatId !== undefined && String(o.chatId) !== String(record.chatId)) continue;
      f.seen++;
      if (chosen || f.seen < (o.nth ?? 1)) continue;
      f.hits++;
      chosen = o.fault;
      if (f.hits >= (o.times ?? 1)) f.done = true;
    }
    this.faults = this.faults.filter((f) => !f.done);
    return chosen;
  }

  /** Applies a fault; true when the call is finished (answered, hung or dropped), false to go on normally (delay). */
  private async applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, record: CallRecord): Promise<boolean> {
    switch (fault.kind) {
      case "429": {
        const n = Math.max(1, Math.ceil(fault.retryAfter));
        this.answerError(res, record, new ApiError(429, `Too Many Requests: retry after ${n}`, { retry_after: n }));
        return true;
      }
      case "5xx-json": {
        const status = fault.status ?? 500;
        const description = fault.description ?? (status === 500 ? "Internal Server Error" : (STATUS_CODES[status] ?? "Server Error"));
        record.error = description;
        this.answer(res, record, status, { ok: false, error_code: status, description });
        return true;
      }
      case "5xx-html": {
        // What a proxy in front of the Bot API answers; grammY cannot parse it and throws HttpError.
        const status = fault.status ?? 502;
        const text = `${status} ${STATUS_CODES[status] ?? "Server Error"}`;
        const html = `<html>\r\n<head><title>${text}</title></head>\r\n<body>\r\n<center><h1>${text}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n`;
        record.status = status;
        record.error = text;
        res.writeHead(status, { "content-type": "text/html", "content-length": String(Buffer.byteLength(html)) });
        res.end(html);
        return true;
      }
      case "delay":
        await this.sleep(fault.ms);
        return res.destroyed;
      case "hang":
        // Never answer; the client's timeout (or close()) ends it.
        return true;
      case "drop":
        if (fault.afterHeaders) {
          // Chunked, so the client can tell the body was cut short (node-fetch v2 misses it with a content-length).
          res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
          res.write('{"ok":true,"res');
          // Let the partial answer reach the client before the connection dies.
          setImmediate(() => req.socket.destroy());
        } else {
          req.socket.destroy();
        }
        return true;
      case "403-blocked":
        this.answerError(res, record, new ApiError(403, DESC.blocked));
        return true;
      case "403-cant-initiate":
        this.answerError(res, record, new ApiError(403, DESC.cantInitiate));
        return true;
      case "400": {
        const d = fault.description.startsWith("Bad Request") ? fault.description : `Bad Request: ${fault.description}`;
        this.answerError(res, record, new ApiError(400, d, fault.parameters));
        return true;
      }
    }
  }

  // ── rate-limit model ──

  /** Admits `count` messages to a chat or throws the 429 Telegram would answer; admitted sends are counted. */
  private admit(bot: BotState, target: Target, count: number): void {
    if (!this.limitsOn) return;
    const now = this.now();
    const L = this.limits;
    const key = `${bot.token}:${target.chatId}`;
    const denials: { kind: LimitEvent["kind"]; waitMs: number }[] = [];

    const windowWait = (stamps: number[], windowMs: number, limit: number, n: number): number => {
      while (stamps.length > 0 && (stamps[0] ?? 0) <= now - windowMs) stamps.shift();
      const excess = stamps.length + n - limit;
      if (excess <= 0) return 0;
      // The send fits once the `excess` oldest sends have left the window.
      const freeAt = (stamps[Math.min(excess, stamps.length) - 1] ?? now) + windowMs;
      return Math.max(1, freeAt - now);
    };

    const global = this.globalWindows.get(bot.token) ?? [];
    const gWait = windowWait(global, 1000, L.globalPerSecond, count);
    if (gWait > 0) denials.push({ kind: "global", waitMs: gWait });

    let bucket: { tokens: number; last: number } | undefined;
    let groupStamps: number[] | undefined;
    if (target.kind === "private") {
      bucket = this.privateBuckets.get(key) ?? { tokens: L.privateBurst, last: now };
      bucket.tokens = Math.min(L.privateBurst, bucket.tokens + ((now - bucket.last) / 1000) * L.privatePerSecond);
      bucket.last = now;
      this.privateBuckets.set(key, bucket);
      // An album is one send for the per-chat pace (assumption: Telegram's exact accounting is unpublished).
      if (bucket.tokens < 1) denials.push({ kind: "private", waitMs: ((1 - bucket.tokens) / L.privatePerSecond) * 1000 });
    } else {
      groupStamps = this.groupWindows.get(key) ?? [];
      this.groupWindows.set(key, groupStamps);
      const wait = windowWait(groupStamps, 60_000, L.groupPerMinute, count);
      if (wait > 0) denials.push({ kind: "group", waitMs: wait });
    }

    if (denials.length > 0) {
      const worst = denials.reduce((a, b) => (b.waitMs > a.waitMs ? b : a));
      const retryAfter = Math.max(1, Math.ceil(worst.waitMs / 1000));
      this.limitHits.total++;
      this.limitHits[worst.kind]++;
      this.limitHits.events.push({ token: bot.token, chatId: target.chatId, kind: worst.kind, retryAfter, at: now });
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }

    for (let i = 0; i < count; i++) global.push(now);
    this.globalWindows.set(bot.token, global);
    if (bucket) bucket.tokens -= 1;
    if (groupStamps) for (let i = 0; i < count; i++) groupStamps.push(now);
  }

  // ── lookups ──

  private botOrThrow(token: string): BotState {
    const bot = this.bots.get(token);
    if (!bot) throw new Error(`no bot with token ${token}`);
    return bot;
  }
  private userOrThrow(id: number): UserState {
    const user = this.users.get(id);
    if (!user) throw new Error(`no user ${id}; addUser first`);
    return user;
  }
  private groupOrThrow(id: number): GroupState {
    const group = this.groups.get(id);
    if (!group) throw new Error(`no group ${id}; addGroup first`);
    return group;
  }
  private relationFor(bot: BotState, user: UserState): Relation {
    let rel = bot.relations.get(user.id);
    if (!rel) {
      rel = {};
      bot.relations.set(user.id, rel);
    }
    return rel;
  }
  private hasStarted(bot: BotState, user: UserState): boolean {
    return bot.relations.get(user.id)?.started ?? user.startedBot;
  }
  private hasBlocked(bot: BotState, user: UserState): boolean {
    return bot.relations.get(user.id)?.blocked ?? user.blocked;
  }

  /**
   * Resolves `chat_id` to a chat the bot can see. "send" also applies Telegram's refusals: migrated group, bot not a
   * member, user who never started the bot or blocked it.
   */
  private resolveTarget(bot: BotState, raw: unknown, purpose: "send" | "read"): Target {
    if (raw === undefined || raw === "") throw badRequest("chat_id is empty");
    const id = asInt(raw);
    if (id === undefined) throw badRequest("chat not found");
    if (id > 0) {
      const user = this.users.get(id);
      if (!user) throw badRequest("chat not found");
      // On behalf of a business account: the user wrote to the seller, not to the bot; no Start needed.
      if (this.activeBusiness) return { kind: "private", chatId: id, user, business: this.activeBusiness };
      if (purpose === "send") {
        if (this.hasBlocked(bot, user)) throw new ApiError(403, DESC.blocked);
        if (!this.hasStarted(bot, user)) throw new ApiError(403, DESC.cantInitiate);
      }
      return { kind: "private", chatId: id, user };
    }
    const group = this.groups.get(id);
    if (!group) throw badRequest("chat not found");
    if (purpose === "send") {
      if (group.migratedTo !== undefined) {
        throw badRequest("group chat was upgraded to a supergroup chat", { migrate_to_chat_id: group.migratedTo });
      }
      if (!group.botIsMember) throw forbidden(`bot is not a member of the ${group.type === "group" ? "group" : "supergroup"} chat`);
    }
    return { kind: "group", chatId: id, group };
  }

  private logKey(target: Target, token: string): string {
    // Private chats are per bot and user; group message ids are shared by everybody in the group.
    if (target.kind === "private" && target.business) return `b:${target.business.id}:${target.chatId}`;
    return target.kind === "private" ? `p:${token}:${target.chatId}` : `g:${target.chatId}`;
  }
  private chatLog(target: Target, token: string): ChatLog {
    const key = this.logKey(target, token);
    let log = this.chats.get(key);
    if (!log) {
      log = { nextId: 1, messages: new Map() };
      this.chats.set(key, log);
    }
    return log;
  }
  private findStored(chatId: number, messageId: number, token?: string): StoredMessage | undefined {
    if (chatId < 0) return this.chats.get(`g:${chatId}`)?.messages.get(messageId);
    const tokens = token !== undefined ? [token] : [...this.bots.keys()];
    for (const t of tokens) {
      const m = this.chats.get(`p:${t}:${chatId}`)?.messages.get(messageId);
      if (m) return m;
    }
    for (const [key, log] of this.chats) {
      if (!key.startsWith("b:") || !key.endsWith(`:${chatId}`)) continue;
      const m = log.messages.get(messageId);
      if (m && (token === undefined || m.token === undefined || m.token === token)) return m;
    }
    return undefined;
  }

  private chatJson(target: Target): Json {
    if (target.kind === "private") {
      const u = target.user;
      return { id: u.id, first_name: u.firstName, ...(u.lastName && { last_name: u.lastName }), ...(u.username && { username: u.username }), type: "private" };
    }
    return { id: target.group.id, title: target.group.title, type: target.group.type };
  }
  private userJson(u: UserState): Json {
    return {
      id: u.id,
      is_bot: false,
      first_name: u.firstName,
      ...(u.lastName && { last_name: u.lastName }),
      ...(u.username && { username: u.username }),
      ...(u.languageCode && { language_code: u.languageCode }),
    };
  }
  private botJson(bot: BotState): Json {
    return { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username };
  }

  private toSent(m: StoredMessage): SentMessage {
    const msg = m.message;
    return {
      token: m.token ?? "",
      method: m.method ?? "",
      chatId: m.chatId,
      messageId: m.messageId,
      ...(typeof msg.text === "string" && { text: msg.text }),
      ...(typeof msg.caption === "string" && { caption: msg.caption }),
      ...(m.markup !== undefined && { replyMarkup: m.markup }),
      ...(Array.isArray(msg.photo) && { photo: msg.photo as PhotoSize[] }),
      message: msg as unknown as Message,
      at: m.at,
      edited: m.edited,
      deleted: m.deleted,
      reactions: [...m.reactions],
      ...(m.businessConnectionId && { businessConnectionId: m.businessConnectionId }),
    };
  }

  // ── checks shared by the send methods ──

  private checkText(raw: unknown, parseMode: unknown): string {
    const text = visibleText(asStr(raw) ?? "", parseMode);
    if (text.trim() === "") throw badRequest("message text is empty");
    // Telegram counts after entity parsing; UTF-16 units here (M: the exact unit is not documented).
    if (text.length > 4096) throw badRequest("message is too long");
    return text;
  }

  private checkCaption(raw: unknown, parseMode: unknown): string | undefined {
    if (raw === undefined || raw === "") return undefined;
    const caption = visibleText(asStr(raw) ?? "", parseMode);
    if (caption.length > 1024) throw badRequest("message caption is too long");
    return caption;
  }

  /** Validates reply_markup for the target chat; returns the inline keyboard to echo in the Message, if any. */
  private checkMarkup(markup: unknown, target: Target, inlineOnly = false): Json | undefined {
    if (markup === undefined) return undefined;
    if (!isObj(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
    if (markup.inline_keyboard !== undefined) {
      const rows = markup.inline_keyboard;
      if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) {
        throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
      }
      for (const row of rows as unknown[][]) {
        for (const b of row) {
          if (!isObj(b) || typeof b.text !== "string") throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
          const data = b.callback_data;
          // Telegram measures callback_data in bytes: a Vietnamese letter with diacritics takes 2–3 of the 64.
          if (typeof data === "string" && utf8Bytes(data) > 64) throw badRequest("BUTTON_DATA_INVALID");
          const kinds = ["url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay"];
          // An empty callback_data counts as absent on the real server, which then refuses a text-only button.
          if (!kinds.some((k) => b[k] !== undefined && b[k] !== "")) {
            throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
          }
          if (typeof b.url === "string" && !/^(https?|tg):\/\/\S+$/i.test(b.url)) throw badRequest("BUTTON_URL_INVALID");
          if (b.web_app !== undefined && target.kind !== "private") throw badRequest("BUTTON_TYPE_INVALID");
        }
      }
      return markup;
    }
    if (inlineOnly) throw badRequest("inline keyboard expected");
    if (markup.keyboard !== undefined) {
      const rows = markup.keyboard;
      if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) {
        throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
      }
      for (const row of rows as unknown[][]) {
        for (const b of row) {
          if (!isObj(b)) continue;
          // The Bot API allows these buttons in private chats only; the fake refuses them elsewhere (the real server
          // may instead accept the message and the client hides the button, so stricter is the safer test).
          const privateOnly = ["request_contact", "request_location", "request_users", "request_chat", "request_poll", "web_app"];
          if (target.kind !== "private" && privateOnly.some((k) => b[k] !== undefined && b[k] !== false)) {
            throw badRequest("BUTTON_TYPE_INVALID");
          }
        }
      }
    }
    return undefined;
  }

  private resolveReply(bot: BotState, target: Target, p: Params): Json | undefined {
    const rp = isObj(p.reply_parameters) ? p.reply_parameters : undefined;
    const id = asInt(rp?.message_id) ?? asInt(p.reply_to_message_id);
    if (id === undefined) return undefined;
    const stored = this.chatLog(target, bot.token).messages.get(id);
    if (!stored || stored.deleted) {
      if (asBool(rp?.allow_sending_without_reply ?? p.allow_sending_without_reply)) return undefined;
      throw badRequest("message to be replied not found");
    }
    // Telegram nests only one level of reply_to_message.
    const { reply_to_message: _nested, ...reply } = stored.message;
    return reply;
  }

  /** Stores and returns the messages of one send, after the rate-limit model admits them. */
  private deliver(
    bot: BotState,
    target: Target,
    method: string,
    contents: { body: Json; contentKey: string }[],
    opts: { markup?: unknown; inline?: Json; replyTo?: Json; mediaGroupId?: string },
  ): StoredMessage[] {
    this.admit(bot, target, contents.length);
    const log = this.chatLog(target, bot.token);
    const now = this.now();
    const out: StoredMessage[] = [];
    for (const c of contents) {
      const messageId = log.nextId++;
      const business = target.kind === "private" ? target.business : undefined;
      const owner = business ? this.users.get(business.ownerId) : undefined;
      const message: Json = {
        message_id: messageId,
        // On behalf of a business account the message is the seller's, sent by the bot.
        from: owner ? this.userJson(owner) : this.botJson(bot),
        ...(business && { business_connection_id: business.id, sender_business_bot: this.botJson(bot) }),
        chat: this.chatJson(target),
        date: Math.floor(now / 1000),
        ...(opts.mediaGroupId && { media_group_id: opts.mediaGroupId }),
        ...(opts.replyTo && { reply_to_message: opts.replyTo }),
        ...c.body,
        // Message.reply_markup only ever holds an inline keyboard; reply keyboards are not echoed.
        ...(opts.inline && { reply_markup: opts.inline }),
      };
      const stored: StoredMessage = {
        chatId: target.chatId,
        messageId,
        message,
        token: bot.token,
        method,
        markup: opts.markup,
        contentKey: c.contentKey,
        at: now,
        edited: false,
        deleted: false,
        reactions: [],
        ...(business && { businessConnectionId: business.id }),
      };
      log.messages.set(messageId, stored);
      this.delivered.push(stored);
      out.push(stored);
    }
    if (target.kind === "group") target.group.lastBotPoster = bot.id;
    return out;
  }

  private contentKey(raw: unknown, parseMode: unknown, entities: unknown): string {
    return stableJson({ raw: asStr(raw) ?? "", mode: typeof parseMode === "string" ? parseMode.toLowerCase() : undefined, entities });
  }

  // ── files ──

  /** Registers a photo (upload, URL or generated) for a bot; the same source gives the same ids every time. */
  private registerPhoto(bot: BotState, source: { bytes?: Uint8Array; url?: string; seed?: string }): PhotoSize[] {
    const key = sha(source.bytes ?? source.url ?? source.seed ?? "").toString("hex");
    const dims = (source.bytes && pngSize(source.bytes)) ?? { width: 1280, height: 960 };
    const total = source.bytes?.length ?? 120_000;
    const maxSide = Math.max(dims.width, dims.height, 1);
    const sides = [90, 320, 800, 1280].filter((s) => s < maxSide);
    sides.push(Math.min(maxSide, 2560));
    const sizes: PhotoSize[] = sides.map((side, i) => {
      const scale = side / maxSide;
      const width = Math.max(1, Math.round(dims.width * scale));
      const height = Math.max(1, Math.round(dims.height * scale));
      const last = i === sides.length - 1;
      return {
        // Real ids are opaque base64url; these keep the usual prefixes and are stable per bot and picture.
        file_id: `AgACAgUAAxkBAAI${b64url(sha(String(bot.id), key, String(i))).slice(0, 48)}`,
        file_unique_id: `AQAD${b64url(sha(key, String(i))).slice(0, 12)}`,
        file_size: last ? total : Math.max(1, Math.round(total * scale * scale)),
        width,
        height,
      };
    });
    for (const s of sizes) this.registerFile(bot, { fileId: s.file_id, uniqueId: s.file_unique_id, size: s.file_size ?? 0, bytes: source.bytes, photo: sizes }, "photos", "jpg");
    return sizes;
  }

  private registerFile(bot: BotState, e: Omit<FileEntry, "path">, dir: string, ext: string): FileEntry {
    const existing = bot.files.get(e.fileId);
    if (existing) return existing;
    const entry: FileEntry = { ...e, path: `${dir}/file_${bot.fileCounter++}.${ext}` };
    bot.files.set(entry.fileId, entry);
    bot.filePaths.set(entry.path, entry);
    return entry;
  }

  /** Turns an InputFile-ish value (upload, URL, file_id) into PhotoSize[]. */
  private photoFrom(bot: BotState, v: unknown): PhotoSize[] {
    if (isUpload(v)) return this.registerPhoto(bot, { bytes: v.bytes });
    const s = asStr(v);
    if (s === undefined || s === "") throw badRequest('parameter "photo" is required');
    if (/^https?:\/\//i.test(s)) return this.registerPhoto(bot, { url: s });
    const entry = bot.files.get(s);
    // file_ids belong to one bot: another bot's id is as unknown as a made-up one.
    if (!entry) throw badRequest("wrong file identifier/HTTP URL specified");
    if (!entry.photo) throw badRequest("wrong file identifier/HTTP URL specified");
    return entry.photo;
  }

  /** Video/document/audio objects for albums. */
  private mediaFrom(bot: BotState, kind: "video" | "document" | "audio", v: unknown): Json {
    const prefix = { video: "BAACAgUAAxkBAAI", document: "BQACAgUAAxkBAAI", audio: "CQACAgUAAxkBAAI" }[kind];
    let key: string;
    let bytes: Uint8Array | undefined;
    let name: string | undefined;
    if (isUpload(v)) {
      key = sha(v.bytes).toString("hex");
      bytes = v.bytes;
      name = v.filename;
    } else {
      const s = asStr(v) ?? "";
      if (/^https?:\/\//i.test(s)) key = sha(s).toString("hex");
      else {
        const entry = bot.files.get(s);
        if (!entry?.media) throw badRequest("wrong file identifier/HTTP URL specified");
        return entry.media;
      }
    }
    const fileId = `${prefix}${b64url(sha(String(bot.id), key)).slice(0, 48)}`;
    const uniqueId = `AgAD${b64url(sha(key)).slice(0, 12)}`;
    const size = bytes?.length ?? 500_000;
    const media: Json = { file_id: fileId, file_unique_id: uniqueId, file_size: size };
    if (kind === "video") Object.assign(media, { width: 1280, height: 720, duration: 10, mime_type: "video/mp4" });
    if (kind === "document") Object.assign(media, { file_name: name ?? "document.dat", mime_type: "application/octet-stream" });
    if (kind === "audio") Object.assign(media, { duration: 30, mime_type: "audio/mpeg", ...(name && { file_name: name }) });
    this.registerFile(bot, { fileId, uniqueId, size, bytes, media }, kind === "video" ? "videos" : kind === "audio" ? "music" : "documents", "dat");
    return media;
  }

  // ── methods ──

  private getMe(bot: BotState): UserFromGetMe {
    return {
      id: bot.id,
      is_bot: true,
      first_name: bot.firstName,
      username: bot.username,
      can_join_groups: true,
      can_read_all_group_messages: !bot.privacyMode,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  private mSetWebhook(c: CallContext): WithDescription {
    const { bot, params: p } = c;
    const url = asStr(p.url) ?? "";
    if (url === "") return this.mDeleteWebhook(c);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("invalid webhook URL specified");
    }
    if (!this.opts.allowAnyWebhookUrl) {
      if (parsed.protocol !== "https:") throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
      const port = parsed.port === "" ? 443 : Number(parsed.port);
      if (![80, 88, 443, 8443].includes(port)) throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
    }
    const secret = asStr(p.secret_token) ?? "";
    // tdlib/telegram-bot-api: at most 256 characters of A-Z a-z 0-9 _ - (an empty token means "no secret").
    if (secret.length > 256) throw badRequest("secret token is too long");
    if (!/^[A-Za-z0-9_-]*$/.test(secret)) throw badRequest("secret token contains unallowed characters");
    const maxConnections = clamp(asInt(p.max_connections) ?? 40, 1, 100);
    if (asBool(p.drop_pending_updates)) bot.queue = [];
    const allowed = Array.isArray(p.allowed_updates) ? p.allowed_updates.map(String) : bot.webhook?.allowedUpdates ?? bot.allowedUpdates;
    bot.allowedUpdates = allowed;
    bot.webhook = {
      url,
      ...(secret !== "" && { secret }),
      maxConnections,
      ...(allowed && { allowedUpdates: allowed }),
      ...(asStr(p.ip_address) && { ipAddress: asStr(p.ip_address) }),
    };
    return new WithDescription(true, "Webhook was set");
  }

  private mDeleteWebhook(c: CallContext): WithDescription {
    const { bot, params: p } = c;
    const had = bot.webhook !== undefined;
    bot.webhook = undefined;
    if (asBool(p.drop_pending_updates)) bot.queue = [];
    return new WithDescription(true, had ? "Webhook was deleted" : "Webhook is already deleted");
  }

  private mGetWebhookInfo(c: CallContext): Json {
    const w = c.bot.webhook;
    return {
      url: w?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: c.bot.queue.length,
      ...(w && { max_connections: w.maxConnections }),
      ...(w?.ipAddress && { ip_address: w.ipAddress }),
      ...(w?.allowedUpdates && { allowed_updates: w.allowedUpdates }),
    };
  }

  private isAllowed(bot: BotState, u: Update): boolean {
    const type = Object.keys(u).find((k) => k !== "update_id") ?? "";
    const allowed = bot.allowedUpdates;
    if (!allowed || allowed.length === 0) return !OPT_IN_UPDATES.has(type);
    return allowed.includes(type);
  }

  private mGetUpdates(c: CallContext): Update[] | Promise<Update[]> {
    const { bot, params: p, res } = c;
    if (bot.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = asInt(p.offset) ?? 0;
    const limit = clamp(asInt(p.limit) ?? 100, 1, 100);
    // The real server caps the long poll at 50 s.
    const timeout = clamp(asInt(p.timeout) ?? 0, 0, 50);
    if (Array.isArray(p.allowed_updates)) bot.allowedUpdates = p.allowed_updates.map(String);
    // Only one long poll per bot: a newer one ends the older with 409, as when two instances poll.
    if (bot.poller) {
      const old = bot.poller;
      bot.poller = undefined;
      // Short grace first: a client that aborted its poll and polls again (grammY's bot.stop) is not a second
      // instance, and its old connection's close may be processed just after the new request arrives.
      const t = setTimeout(() => {
        this.timers.delete(t);
        old.fail(new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
      }, 20);
      this.timers.add(t);
    }
    // offset confirms everything before it; a negative offset keeps only the last -offset updates.
    if (offset > 0) bot.queue = bot.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) bot.queue = bot.queue.slice(offset);
    const take = () => bot.queue.filter((u) => this.isAllowed(bot, u)).slice(0, limit);
    const ready = take();
    if (ready.length > 0 || timeout === 0) return ready;
    return new Promise<Update[]>((resolve, reject) => {
      const finish = () => {
        clearTimeout(poller.timer);
        if (bot.poller === poller) bot.poller = undefined;
        res.off("close", onClose);
      };
      const onClose = () => {
        finish();
        resolve([]);
      };
      const poller: Poller = {
        wake: () => {
          const got = take();
          if (got.length === 0) return;
          finish();
          resolve(got);
        },
        fail: (err) => {
          finish();
          reject(err);
        },
        timer: setTimeout(() => {
          finish();
          resolve(take());
        }, timeout * 1000),
      };
      // The client gave up (abort, timeout): stop waiting for it.
      res.on("close", onClose);
      bot.poller = poller;
    });
  }

  private mSendMessage(c: CallContext): Message {
    const { bot, params: p } = c;
    const target = this.resolveTarget(bot, p.chat_id, "send");
    const text = this.checkText(p.text, p.parse_mode);
    const inline = this.checkMarkup(p.reply_markup, target);
    const replyTo = this.resolveReply(bot, target, p);
    const body: Json = { text };
    if (Array.isArray(p.entities)) body.entities = p.entities;
    if (isObj(p.link_preview_options)) body.link_preview_options = p.link_preview_options;
    const [m] = this.deliver(bot, target, "sendMessage", [{ body, contentKey: this.contentKey(p.text, p.parse_mode, p.entities) }], {
      markup: p.reply_markup,
      inline,
      replyTo,
    });
    return m?.message as unknown as Message;
  }

  private mSendPhoto(c: CallContext): Message {
    const { bot, params: p } = c;
    const target = this.resolveTarget(bot, p.chat_id, "send");
    const caption = this.checkCaption(p.caption, p.parse_mode);
    const inline = this.checkMarkup(p.reply_markup, target);
    const replyTo = this.resolveReply(bot, target, p);
    const photo = this.photoFrom(bot, p.photo);
    const body: Json = { photo, ...(caption !== undefined && { caption }) };
    if (Array.isArray(p.caption_entities)) body.caption_entities = p.caption_entities;
    const [m] = this.deliver(bot, target, "sendPhoto", [{ body, contentKey: this.contentKey(p.caption, p.parse_mode, p.caption_entities) }], {
      markup: p.reply_markup,
      inline,
      replyTo,
    });
    return m?.message as unknown as Message;
  }

  private mSendMediaGroup(c: CallContext): Message[] {
    const { bot, params: p } = c;
    const target = this.resolveTarget(bot, p.chat_id, "send");
    const media = p.media;
    if (media === undefined) throw badRequest('parameter "media" is required');
    if (!Array.isArray(media)) throw badRequest("Expected an Array of InputMedia");
    if (media.length > 10) throw badRequest("too much messages to send as an album");
    // The Bot API documents 2–10 items; the fake refuses a single item (the real server may accept it).
    if (media.length < 2) throw badRequest("media must include 2-10 items");
    const kinds = new Set<string>();
    const contents = media.map((item: unknown) => {
      if (!isObj(item)) throw badRequest("Can't parse InputMedia: expected an Object");
      const type = asStr(item.type) ?? "";
      if (!["photo", "video", "document", "audio"].includes(type)) throw badRequest(`Can't parse InputMedia: unsupported media type "${type}"`);
      kinds.add(type);
      const caption = this.checkCaption(item.caption, item.parse_mode);
      const body: Json =
        type === "photo"
          ? { photo: this.photoFrom(bot, item.media) }
          : { [type]: this.mediaFrom(bot, type as "video" | "document" | "audio", item.media) };
      if (caption !== undefined) body.caption = caption;
      if (Array.isArray(item.caption_entities)) body.caption_entities = item.caption_entities;
      return { body, contentKey: this.contentKey(item.caption, item.parse_mode, item.caption_entities) };
    });
    // Documents and audio only form albums with their own kind.
    if ((kinds.has("document") || kinds.has("audio")) && kinds.size > 1) throw badRequest("Can't use the media of the specified type in the album");
    const replyTo = this.resolveReply(bot, target, p);
    // reply_markup is not a parameter of sendMediaGroup: the real server ignores it, and so does the fake.
    const groupId = String(13_000_000_000_000_000 + Math.floor(Math.random() * 1e15));
    return this.deliver(bot, target, "sendMediaGroup", contents, { replyTo, mediaGroupId: groupId }).map((m) => m.message as unknown as Message);
  }

  private mCopyMessage(c: CallContext): { message_id: number } {
    const { bot, params: p } = c;
    const from = this.resolveTarget(bot, p.from_chat_id, "read");
    const sourceId = asInt(p.message_id);
    const source = sourceId === undefined ? undefined : this.chatLog(from, bot.token).messages.get(sourceId);
    if (!source || source.deleted) throw badRequest("message to copy not found");
    if (SERVICE_KEYS.some((k) => source.message[k] !== undefined)) throw badRequest("message can't be copied");
    const target = this.resolveTarget(bot, p.chat_id, "send");
    const inline = this.checkMarkup(p.reply_markup, target);
    const replyTo = this.resolveReply(bot, target, p);
    const copyKeys = ["text", "entities", "photo", "video", "document", "audio", "contact", "caption", "caption_entities"];
    const body: Json = Object.fromEntries(copyKeys.filter((k) => source.message[k] !== undefined).map((k) => [k, source.message[k]]));
    if (p.caption !== undefined) {
      const caption = this.checkCaption(p.caption, p.parse_mode);
      delete body.caption_entities;
      if (caption === undefined) delete body.caption;
      else body.caption = caption;
    }
    const [m] = this.deliver(bot, target, "copyMessage", [{ body, contentKey: source.contentKey }], { markup: p.reply_markup, inline, replyTo });
    return { message_id: m?.messageId ?? 0 };
  }

  private mEdit(c: CallContext, what: "text" | "caption" | "markup"): Message | true {
    const { bot, params: p } = c;
    // Inline-mode messages are not tracked; Telegram answers `true` for them.
    if (p.inline_message_id !== undefined) return true;
    const target = this.resolveTarget(bot, p.chat_id, "send");
    const id = asInt(p.message_id);
    const stored = id === undefined ? undefined : this.chatLog(target, bot.token).messages.get(id);
    if (!stored || stored.deleted) throw badRequest("message to edit not found");
    if (stored.token !== bot.token) throw badRequest("message can't be edited");
    const inline = this.checkMarkup(p.reply_markup, target, true);
    const msg = stored.message;
    const oldInline = stableJson(msg.reply_markup);
    // Editing without reply_markup removes the inline keyboard, so "no markup" is compared as a value too.
    const sameMarkup = stableJson(inline) === oldInline;
    let next: Json = { ...msg };
    let nextKey = stored.contentKey;
    if (what === "text") {
      if (typeof msg.text !== "string") throw badRequest("there is no text in the message to edit");
      const text = this.checkText(p.text, p.parse_mode);
      nextKey = this.contentKey(p.text, p.parse_mode, p.entities);
      if (nextKey === stored.contentKey && sameMarkup) throw badRequest(DESC.notModified);
      next.text = text;
      delete next.entities;
      if (Array.isArray(p.entities)) next.entities = p.entities;
    } else if (what === "caption") {
      if (!["photo", "video", "document", "audio"].some((k) => msg[k] !== undefined)) throw badRequest("there is no caption in the message to edit");
      const caption = this.checkCaption(p.caption, p.parse_mode);
      nextKey = this.contentKey(p.caption, p.parse_mode, p.caption_entities);
      if (nextKey === stored.contentKey && sameMarkup) throw badRequest(DESC.notModified);
      delete next.caption;
      delete next.caption_entities;
      if (caption !== undefined) next.caption = caption;
      if (Array.isArray(p.caption_entities)) next.caption_entities = p.caption_entities;
    } else if (sameMarkup) {
      throw badRequest(DESC.notModified);
    }
    const { reply_markup: _old, ...rest } = next;
    next = { ...rest, edit_date: Math.floor(this.now() / 1000), ...(inline && { reply_markup: inline }) };
    stored.message = next;
    stored.contentKey = nextKey;
    stored.markup = p.reply_markup;
    stored.edited = true;
    return next as unknown as Message;
  }

  private mDeleteMessage(c: CallContext): true {
    const { bot, params: p } = c;
    const target = this.resolveTarget(bot, p.chat_id, "read");
    const id = asInt(p.message_id);
    const stored = id === undefined ? undefined : this.chatLog(target, bot.token).messages.get(id);
    if (!stored || stored.deleted) throw badRequest("message to delete not found");
    const own = stored.token === bot.token;
    if (target.kind === "group" && !own && !target.group.botIsAdmin) throw badRequest("message can't be deleted");
    // Bot API: a message can be deleted only if it was sent less than 48 hours ago.
    if (this.now() - stored.at > 48 * 3600 * 1000) throw badRequest("message can't be deleted for everyone");
    stored.deleted = true;
    return true;
  }

  private mAnswerCallbackQuery(c: CallContext): true {
    const { bot, params: p } = c;
    const id = asStr(p.callback_query_id) ?? "";
    const text = asStr(p.text);
    if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    if (id === "" || bot.answered.has(id)) throw badRequest(DESC.queryTooOld);
    // Ids the factory did not build are accepted (tests may hand-write updates); known ones expire.
    const created = bot.callbacks.get(id);
    if (created !== undefined && this.now() - created > (this.opts.callbackQueryTtlMs ?? 15_000)) throw badRequest(DESC.queryTooOld);
    bot.answered.add(id);
    this.callbackAnswers.push({
      token: bot.token,
      queryId: id,
      ...(text !== undefined && { text }),
      showAlert: asBool(p.show_alert),
      ...(asStr(p.url) !== undefined && { url: asStr(p.url) }),
      at: this.now(),
    });
    return true;
  }

  private mSetMessageReaction(c: CallContext): true {
    const { bot, params: p } = c;
    const target = this.resolveTarget(bot, p.chat_id, "send");
    const id = asInt(p.message_id);
    const stored = id === undefined ? undefined : this.chatLog(target, bot.token).messages.get(id);
    if (!stored || stored.deleted) throw badRequest("message to react not found");
    const list = p.reaction === undefined ? [] : p.reaction;
    if (!Array.isArray(list)) throw badRequest("can't parse reaction types JSON object");
    // Bots may set one reaction per message.
    if (list.length > 1) throw badRequest("REACTIONS_TOO_MANY");
    const emoji = list.map((r: unknown) => (isObj(r) && r.type === "emoji" ? asStr(r.emoji) : undefined));
    if (emoji.some((e) => e === undefined || !REACTION_EMOJI.has(e))) throw badRequest("REACTION_INVALID");
    stored.reactions = emoji as string[];
    return true;
  }

  private mSendChatAction(c: CallContext): true {
    const { bot, params: p } = c;
    this.resolveTarget(bot, p.chat_id, "send");
    if (!CHAT_ACTIONS.has(asStr(p.action) ?? "")) throw badRequest("wrong parameter action in request");
    return true;
  }

  private mGetChat(c: CallContext): Json {
    const target = this.resolveTarget(c.bot, c.params.chat_id, "read");
    const base = this.chatJson(target);
    const full: Json = {
      ...base,
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false, gifts_from_channels: false },
    };
    if (target.kind === "group") {
      full.permissions = { can_send_messages: true, can_send_photos: true, can_invite_users: true };
      if (target.group.migratedFrom !== undefined) full.migrated_from_chat_id = target.group.migratedFrom;
    }
    return full;
  }

  private mGetChatMember(c: CallContext): Json {
    const { bot, params: p } = c;
    const target = this.resolveTarget(bot, p.chat_id, "read");
    const userId = asInt(p.user_id);
    if (userId === bot.id) {
      const me = this.botJson(bot);
      if (target.kind === "group" && !target.group.botIsMember) return { status: "left", user: me };
      if (target.kind === "group" && target.group.botIsAdmin) {
        return {
          status: "administrator",
          user: me,
          can_be_edited: false,
          is_anonymous: false,
          can_manage_chat: true,
          can_delete_messages: true,
          can_manage_video_chats: true,
          can_restrict_members: true,
          can_promote_members: false,
          can_change_info: true,
          can_invite_users: true,
          can_post_stories: false,
          can_edit_stories: false,
          can_delete_stories: false,
          can_pin_messages: true,
        };
      }
      return { status: "member", user: me };
    }
    const user = userId === undefined ? undefined : this.users.get(userId);
    if (!user) throw badRequest("user not found");
    if (target.kind === "private") {
      if (target.chatId !== user.id) throw badRequest("user not found");
      return { status: "member", user: this.userJson(user) };
    }
    return { status: target.group.members.has(user.id) ? "member" : "left", user: this.userJson(user) };
  }

  private commandsKey(p: Params): string {
    return stableJson({ scope: isObj(p.scope) ? p.scope : { type: "default" }, lang: asStr(p.language_code) ?? "" });
  }

  private mSetMyCommands(c: CallContext): true {
    const { bot, params: p } = c;
    const commands = p.commands;
    if (!Array.isArray(commands)) throw badRequest('parameter "commands" is required');
    if (commands.length > 100) throw badRequest("too many commands specified");
    for (const cmd of commands) {
      if (!isObj(cmd) || typeof cmd.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(cmd.command)) throw badRequest("BOT_COMMAND_INVALID");
      if (typeof cmd.description !== "string" || cmd.description.length < 1 || cmd.description.length > 256) {
        throw badRequest("command description must be non-empty");
      }
    }
    bot.commands.set(this.commandsKey(p), commands);
    return true;
  }

  private mGetMyCommands(c: CallContext): unknown[] {
    return c.bot.commands.get(this.commandsKey(c.params)) ?? [];
  }

  private mDeleteMyCommands(c: CallContext): true {
    c.bot.commands.delete(this.commandsKey(c.params));
    return true;
  }

  private mGetFile(c: CallContext): Json {
    const entry = c.bot.files.get(asStr(c.params.file_id) ?? "");
    if (!entry) throw badRequest("wrong file_id or the file is temporarily unavailable");
    return { file_id: entry.fileId, file_unique_id: entry.uniqueId, file_size: entry.size, file_path: entry.path };
  }

  // ── update factory ──

  private factory(token: string | undefined): UpdateFactory {
    const botOf = (): BotState => {
      if (token !== undefined) return this.botOrThrow(token);
      const first = this.bots.values().next();
      if (first.done) throw new Error("addBot first");
      return first.value;
    };
    const userOf = (ref: UserRef): UserState => {
      const id = typeof ref === "number" ? ref : ref.id;
      const known = this.users.get(id);
      if (known) return known;
      // An object that was never added is registered on the fly, so `{ id, firstName }` literals just work.
      if (typeof ref === "object" && typeof (ref as { firstName?: unknown }).firstName === "string") {
        this.addUser(ref as FakeUserInit);
        return this.userOrThrow(id);
      }
      throw new Error(`no user ${id}; addUser first`);
    };
    const groupOf = (ref: GroupRef): GroupState => {
      const g = this.groupOrThrow(typeof ref === "number" ? ref : ref.id);
      if (g.migratedTo !== undefined) throw new Error(`group ${g.id} was migrated to ${g.migratedTo}; use the new id`);
      return g;
    };
    const privateTarget = (bot: BotState, user: UserState): Target => {
      // A user can only write to a bot after pressing Start (writing again also unblocks it).
      const rel = this.relationFor(bot, user);
      rel.started = true;
      rel.blocked = false;
      return { kind: "private", chatId: user.id, user };
    };
    const userMessage = (bot: BotState, user: UserState, target: Target, content: Json, replyTo?: Json): Json => {
      const log = this.chatLog(target, bot.token);
      const messageId = log.nextId++;
      const now = this.now();
      const message: Json = {
        message_id: messageId,
        from: this.userJson(user),
        chat: this.chatJson(target),
        date: Math.floor(now / 1000),
        ...(replyTo && { reply_to_message: replyTo }),
        ...content,
      };
      log.messages.set(messageId, {
        chatId: target.chatId,
        messageId,
        message,
        contentKey: stableJson(content),
        at: now,
        edited: false,
        deleted: false,
        reactions: [],
      });
      return message;
    };
    const textContent = (text: string): Json => {
      const entities = textEntities(text);
      return { text, ...(entities.length > 0 && { entities }) };
    };
    const wrap = (bot: BotState, body: Json): Update => ({ update_id: bot.nextUpdateId++, ...body }) as unknown as Update;

    return {
      privateText: (userRef, text) => {
        const bot = botOf();
        const user = userOf(userRef);
        return wrap(bot, { message: userMessage(bot, user, privateTarget(bot, user), textContent(text)) });
      },
      groupText: (userRef, groupRef, text, opts = {}) => {
        const bot = botOf();
        const user = userOf(userRef);
        const group = groupOf(groupRef);
        group.members.add(user.id);
        const target: Target = { kind: "group", chatId: group.id, group };
        let replyTo: Json | undefined;
        if (opts.replyTo !== undefined) {
          const stored = this.chatLog(target, bot.token).messages.get(opts.replyTo);
          if (!stored) throw new Error(`no message ${opts.replyTo} in group ${group.id}`);
          const { reply_to_message: _nested, ...reply } = stored.message;
          replyTo = reply;
        }
        return wrap(bot, { message: userMessage(bot, user, target, textContent(text), replyTo) });
      },
      callback: (userRef, messageRef, data) => {
        const bot = botOf();
        const user = userOf(userRef);
        let chatId: number;
        let messageId: number;
        let given: Json | undefined;
        if ("chatId" in messageRef) {
          chatId = messageRef.chatId;
          messageId = messageRef.messageId;
        } else {
          chatId = messageRef.chat.id;
          messageId = messageRef.message_id;
          given = messageRef as unknown as Json;
        }
        // The press shows the message as it is now (after edits), as Telegram does.
        const current = this.findStored(chatId, messageId, bot.token)?.message ?? given;
        if (!current) throw new Error(`no message ${messageId} in chat ${chatId}`);
        // Real ids are decimal int64 strings (tdlib/telegram-bot-api parses them with to_integer<int64>).
        const id = String(4_300_000_000_000_000_000n + BigInt(++this.callbackCounter) * 7919n + BigInt(bot.id % 1000));
        bot.callbacks.set(id, this.now());
        const chatInstance = String(BigInt.asIntN(64, BigInt(`0x${sha(String(bot.id), String(chatId)).toString("hex").slice(0, 16)}`)));
        return wrap(bot, { callback_query: { id, from: this.userJson(user), message: current, chat_instance: chatInstance, data } });
      },
      contact: (userRef, phone, opts = {}) => {
        const bot = botOf();
        const user = userOf(userRef);
        const own = opts.ownContact ?? true;
        const contact: Json = own
          ? { phone_number: phone, first_name: user.firstName, ...(user.lastName && { last_name: user.lastName }), user_id: user.id }
          : { phone_number: phone, first_name: opts.firstName ?? "Contact", ...(opts.userId !== undefined && { user_id: opts.userId }) };
        return wrap(bot, { message: userMessage(bot, user, privateTarget(bot, user), { contact }) });
      },
      photo: (userRef, chatRef, caption) => {
        const bot = botOf();
        const user = userOf(userRef);
        const chatId = typeof chatRef === "number" ? chatRef : chatRef.id;
        let target: Target;
        if (chatId > 0) {
          if (chatId !== user.id) throw new Error("a private photo goes to the user's own chat with the bot");
          target = privateTarget(bot, user);
        } else {
          const group = groupOf(chatId);
          group.members.add(user.id);
          target = { kind: "group", chatId: group.id, group };
        }
        const photo = this.registerPhoto(bot, { seed: `user-photo:${user.id}:${this.now()}:${Math.random()}` });
        return wrap(bot, { message: userMessage(bot, user, target, { photo, ...(caption !== undefined && { caption }) }) });
      },
      businessConnection: (ownerRef, opts = {}) => {
        const bot = botOf();
        const owner = userOf(ownerRef);
        const id = opts.id ?? `biz-${bot.id}-${owner.id}`;
        const known = this.businessConnections.get(id);
        const conn: BusinessState = {
          id,
          token: bot.token,
          ownerId: owner.id,
          enabled: opts.enabled ?? true,
          canReply: opts.canReply ?? opts.legacyCanReply ?? known?.canReply ?? true,
          date: known?.date ?? Math.floor(this.now() / 1000),
        };
        this.businessConnections.set(id, conn);
        // Bot API 9.0 replaced can_reply with rights.can_reply; `legacyCanReply` builds an older server's update.
        const rights = opts.legacyCanReply !== undefined ? { can_reply: opts.legacyCanReply } : { rights: conn.canReply ? { can_reply: true, can_read_messages: true } : { can_read_messages: true } };
        return wrap(bot, { business_connection: { id, user: this.userJson(owner), user_chat_id: owner.id, date: conn.date, is_enabled: conn.enabled, ...rights } });
      },
      businessText: (connectionId, fromRef, text, opts = {}) => {
        const bot = botOf();
        const conn = this.businessConnections.get(connectionId);
        if (!conn || conn.token !== bot.token) throw new Error(`no business connection ${connectionId} for this bot`);
        const from = userOf(fromRef);
        const chatUser = userOf(opts.chat ?? fromRef);
        const target: Target = { kind: "private", chatId: chatUser.id, user: chatUser, business: conn };
        return wrap(bot, { business_message: { ...userMessage(bot, from, target, textContent(text)), business_connection_id: conn.id } });
      },
      forBot: (t) => this.factory(t),
    };
  }
}

/** Starts a fake Bot API server on 127.0.0.1 with a free port. */
export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  return new FakeTelegram(opts).listen();
}

/** POSTs an update to a webhook URL like Telegram (secret header, optional resends); returns the last HTTP status (0 = no answer). */
export async function deliverWebhook(url: string, update: Update, opts: DeliverWebhookOptions = {}): Promise<number> {
  const delays = opts.resendDelaysMs ?? [0, 20, 40, 80];
  const maxAttempts = opts.resendOnFailure ? (opts.maxAttempts ?? 5) : 1;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.secret !== undefined) headers["x-telegram-bot-api-secret-token"] = opts.secret;
  const body = JSON.stringify(update);
  const post = async (attempt: number): Promise<number> => {
    let status = 0;
    try {
      const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    opts.onAttempt?.({ url, updateId: update.update_id, attempt, status, at: Date.now() });
    return status;
  };
  let status = 0;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) {
      const wait = delays[Math.min(attempt - 2, delays.length - 1)] ?? 0;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    status = await post(attempt);
    if (status >= 200 && status < 300) {
      if (opts.duplicate) status = await post(attempt + 1);
      return status;
    }
  }
  return status;
}
