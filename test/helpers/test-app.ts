import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import { createApp } from "../../src/app";
import type { Reply } from "../../src/chat/types";
import { loadConfig } from "../../src/config";
import type { AppDeps } from "../../src/deps";
import { migrateToLatest } from "../../src/db/migrate";
import { openSqlite, readMigrationFiles, type SqliteHandle } from "../../src/db/sqlite";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import { ManualClock } from "../../src/platform/clock";
import { memoryLogger } from "../../src/platform/logger";
import { assetCatalog, type AssetCatalog } from "../../src/web/asset-catalog";
import { readAssetFiles } from "../../src/web/assets-from-disk";

/** The pages' stylesheets and scripts, read from src/web/assets/ as the Node server does. */
export const testAssets = (): AssetCatalog => assetCatalog(readAssetFiles());

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));
export const ADMIN_TOKEN = "test-admin-token-0123456789";
/** Monday 2026-11-23, 10:30 in Hà Nội. */
export const MONDAY_1030 = new Date("2026-11-23T03:30:00.000Z");

/** A migrated SQLite database (`:memory:` unless a path is given); throws if a migration fails. */
export async function migratedDb(path = ":memory:"): Promise<SqliteHandle> {
  const sqlite = openSqlite(path);
  const report = await migrateToLatest(sqlite.migrationTarget, readMigrationFiles(MIGRATIONS_DIR));
  if (report.error) throw new Error(`migration ${report.error.name} failed: ${report.error.message}`);
  return sqlite;
}

export interface TestApp {
  app: Hono;
  sqlite: SqliteHandle;
  clock: ManualClock;
  logger: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

/** The real app over a real in-memory database with the demo shop, and a clock the test moves. */
export async function makeTestApp(opts: { now?: Date; env?: Record<string, string>; deps?: Partial<AppDeps> } = {}): Promise<TestApp> {
  const sqlite = await migratedDb();
  const clock = new ManualClock(opts.now ?? MONDAY_1030);
  await seedDemoShopIfEmpty(sqlite.store, clock.now(), "Asia/Ho_Chi_Minh");
  const config = loadConfig({ DATABASE_PATH: ":memory:", ADMIN_TOKEN, ...opts.env });
  if (!config.ok) throw new Error(config.reason);
  const logger = memoryLogger();
  // Many buyers from one address in tests: the web chat's per-address limit has its own test.
  const app = createApp({ store: sqlite.store, config: config.value, clock, logger, assets: testAssets(), channels: {}, webchatRateLimit: false, ...opts.deps });
  return { app, sqlite, clock, logger, close: () => sqlite.close() };
}

/** A running server (a child process, workerd) seen through the `request` method WebChatUser uses. */
export function serverAt(baseUrl: string): Hono {
  return { request: (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init) } as unknown as Hono;
}

export interface ChatAnswer {
  session: string;
  replies: Reply[];
}

/** A person using the web chat through the real HTTP API: types text and taps buttons by label. */
export class WebChatUser {
  session: string | undefined;
  last: Reply[] = [];
  private seq = 0;

  constructor(
    private readonly app: Hono,
    private readonly shop = "demo",
  ) {}

  /** Sends a raw body and returns the parsed answer (throws on a non-200). */
  async send(body: { text?: string; action?: string; id?: string }): Promise<ChatAnswer> {
    const res = await this.app.request(`/api/webchat/${this.shop}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...(this.session ? { session: this.session } : {}), id: `m${++this.seq}`, ...body }),
    });
    if (res.status !== 200) throw new Error(`web chat answered ${res.status}: ${await res.text()}`);
    const answer = (await res.json()) as ChatAnswer;
    this.session = answer.session;
    this.last = answer.replies;
    return answer;
  }

  async open(): Promise<ChatAnswer> {
    return this.send({});
  }

  /** From the cart to the summary: pick-up, a phone number, the first time slot, no note. */
  async pickUpFromCart(phone = "0912345678"): Promise<void> {
    await this.tap("Đặt hàng");
    await this.tap("Tự đến lấy");
    await this.say(phone);
    await this.send({ text: "1" });
    await this.tap("Bỏ qua");
  }

  async say(text: string): Promise<ChatAnswer> {
    return this.send({ text });
  }

  /** Taps the first button (in the latest replies) whose label contains `label`. */
  async tap(label: string): Promise<ChatAnswer> {
    return this.send({ action: this.action(label) });
  }

  /** The action of the first button whose label contains `label` (throws listing what is there). */
  action(label: string): string {
    const buttons = this.last.flatMap((r) => r.buttons ?? []);
    const button = buttons.find((b) => b.label.includes(label) && b.action);
    if (!button?.action) throw new Error(`no button "${label}" among: ${buttons.map((b) => b.label).join(" | ")}`);
    return button.action;
  }

  /** All reply texts of the latest answer, joined. */
  get text(): string {
    return this.last.map((r) => r.text).join("\n");
  }

  get buttonLabels(): string[] {
    return this.last.flatMap((r) => r.buttons ?? []).map((b) => b.label);
  }
}
