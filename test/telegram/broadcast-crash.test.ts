import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-api";
import { startChildServer, type ChildServer } from "../helpers/child-server";
import { migratedDb } from "../helpers/test-app";

const TOKEN = "888000:AAHcrashTestTokenForTests_0123456789";
const ADMIN = "crash-test-admin-token-0123456789";
const GROUPS = Array.from({ length: 60 }, (_, i) => -300_000 - i);

let fake: FakeTelegram | undefined;
let server: ChildServer | undefined;
let dir = "";
afterEach(async () => {
  await server?.kill().catch(() => undefined);
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const delivered = () => GROUPS.map((g) => fake?.sent(g).length ?? 0);

describe("a broadcast survives SIGKILL", () => {
  it("killed mid-broadcast and restarted: the rest is delivered, nothing is posted twice, the unknown is reported", async () => {
    dir = mkdtempSync(join(tmpdir(), "cho-chat-crash-"));
    const dbPath = join(dir, "cho-chat.db");
    const prepared = await migratedDb(dbPath);
    await seedDemoShopIfEmpty(prepared.store, new Date(), "Asia/Ho_Chi_Minh");
    const now = new Date().toISOString();
    for (const [i, id] of GROUPS.entries()) {
      await prepared.store.db
        .insertInto("shop_groups")
        .values({ shop_id: 1, channel: "telegram", bot_id: "888000", chat_id: String(id), title: `Nhóm ${i + 1}`, linked: 1, created_at: now, updated_at: now })
        .execute();
    }
    await prepared.close();

    fake = await startFakeTelegram();
    fake.addBot({ token: TOKEN, id: 888000, username: "crash_bot" });
    for (const id of GROUPS) fake.addGroup({ id, title: String(id), type: "supergroup", botIsAdmin: true });
    // Each post takes a while, so the kill lands with posts done, in flight and not yet sent.
    fake.inject({ method: "sendMessage", times: Infinity, fault: { kind: "delay", ms: 60 } });

    const env = { DATABASE_PATH: dbPath, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, ADMIN_TOKEN: ADMIN };
    server = await startChildServer(env);
    const res = await fetch(`${server.url}/api/shops/demo/broadcasts`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "menu", reference: "crash-1" }),
    });
    expect(res.status).toBe(201);
    await expect.poll(() => delivered().filter((n) => n > 0).length, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(15);
    await server.kill();
    const atKill = delivered().filter((n) => n > 0).length;
    expect(atKill).toBeLessThan(GROUPS.length);

    server = await startChildServer(env);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const open = () => (db.prepare("SELECT count(*) AS n FROM outbox WHERE ref = 'broadcast:1' AND status IN ('pending', 'sending')").get() as { n: number }).n;
    await expect.poll(open, { timeout: 30_000, interval: 100 }).toBe(0);
    const statuses = db.prepare("SELECT chat_id, status FROM outbox WHERE ref = 'broadcast:1'").all() as { chat_id: string; status: string }[];
    db.close();
    await server.stop();

    const counts = delivered();
    // Never twice.
    expect(Math.max(...counts)).toBe(1);
    // Every post is accounted for: sent, or reported as uncertain (claimed when the process died) — never silently lost.
    expect(statuses).toHaveLength(GROUPS.length);
    expect(statuses.filter((s) => s.status === "sent").length + statuses.filter((s) => s.status === "uncertain").length).toBe(GROUPS.length);
    for (const s of statuses) if (s.status === "sent") expect(counts[GROUPS.indexOf(Number(s.chat_id))]).toBe(1);
    // Only the few in flight at the kill can be uncertain.
    expect(statuses.filter((s) => s.status === "uncertain").length).toBeLessThanOrEqual(5);
    expect(counts.filter((n) => n === 1).length).toBeGreaterThanOrEqual(GROUPS.length - 5);
  }, 90_000);
});
