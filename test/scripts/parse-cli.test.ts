import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAliases } from "../../src/domain/catalog/aliases";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import { migratedDb, MONDAY_1030 } from "../helpers/test-app";

// `npm run parse` as an operator runs it: a child process over the database the server would use.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cho-chat-parse-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const parse = (args: string[], env: Record<string, string>) => run("npx", ["tsx", "scripts/parse.ts", ...args], env);

describe("npm run parse", () => {
  it("on a fresh clone (no database file yet) reads with the demo shop and prints the contract JSON; the file is not created", async () => {
    const path = join(dir, "fresh", "cho-chat.db");
    const r = await parse(["--shop", "demo", "--json", "cho mình 2 phần cơm gà lớn"], { DATABASE_PATH: path });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ items: [{ code: "A1", qty: 2, options: ["Lớn"] }], ignored: [] });
    expect(existsSync(path)).toBe(false);
  });

  it("the package.json script: phone, note, ignored words, and the answer for an unclear comment", async () => {
    const env = { DATABASE_PATH: join(dir, "none.db") };
    const order = await run("npm", ["run", "--silent", "parse", "--", "--shop", "demo", "--json", "chốt A1 2 lớn cay nhiều 45k sđt 0912345678 giao xóm 2 Mường Than"], env);
    expect(order.code).toBe(0);
    expect(JSON.parse(order.stdout)).toEqual({
      items: [{ code: "A1", qty: 2, options: ["Lớn", "Cay nhiều"] }],
      phone: "0912345678",
      note: "giao xóm 2 Mường Than",
      ignored: ["45k"],
    });
    const unclear = await run("npm", ["run", "--silent", "parse", "--", "--shop", "demo", "--json", "chốt Z9 2"], env);
    expect(JSON.parse(unclear.stdout)).toEqual({ items: [], ignored: [], answer: "Shop không có mã Z9 — gõ ví dụ: A1 2" });
    const chatter = await run("npm", ["run", "--silent", "parse", "--", "--shop", "demo", "--json", "alo shop ơi"], env);
    expect(JSON.parse(chatter.stdout)).toEqual({ items: [], ignored: [] });
  });

  it("reads the server's database when it has shops: its aliases, its shops only", async () => {
    const path = join(dir, "server.db");
    const db = await migratedDb(path);
    await seedDemoShopIfEmpty(db.store, MONDAY_1030, "Asia/Ho_Chi_Minh");
    expect((await setAliases(db.store, 1, "A6", ["trà mạn"])).ok).toBe(true);
    await db.close();
    const r = await parse(["--shop", "demo", "--json", "chốt 2 trà mạn"], { DATABASE_PATH: path });
    expect(JSON.parse(r.stdout)).toEqual({ items: [{ code: "A6", qty: 2, options: [] }], ignored: [] });
    // Without the alias stored in that file, the same comment is chatter (the fresh demo has none).
    const fresh = await parse(["--shop", "demo", "--json", "chốt 2 trà mạn"], { DATABASE_PATH: join(dir, "none.db") });
    expect(JSON.parse(fresh.stdout)).toEqual({ items: [], ignored: [] });

    // A database with shops, none of them "demo": no demo to fall back on.
    const other = join(dir, "other.db");
    const db2 = await migratedDb(other);
    await db2.store.db.insertInto("shops").values({ slug: "cho-xa", name: "Chợ xã", created_at: MONDAY_1030.toISOString() }).execute();
    await db2.close();
    const refused = await parse(["--shop", "demo", "--json", "chốt A1 2"], { DATABASE_PATH: other });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(`parse: no shop "demo" in ${other} (shops: cho-xa)`);
  });

  it("without --json, a short reading for a person", async () => {
    const r = await parse(["--shop", "demo", "chốt A1 2 lớn sđt 0912345678"], { DATABASE_PATH: join(dir, "none.db") });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("A1 Cơm gà nướng mắc khén × 2 phần — Lớn");
    expect(r.stdout).toContain("phone:   0912345678");
    const unclear = await parse(["--shop", "demo", "chốt Z9 2"], { DATABASE_PATH: join(dir, "none.db") });
    expect(unclear.stdout).toContain("answer:  Shop không có mã Z9 — gõ ví dụ: A1 2");
  });

  it("an unknown shop is one line on stderr and exit code 2; so is a missing comment", async () => {
    const unknown = await parse(["--shop", "nope", "--json", "chốt A1 2"], { DATABASE_PATH: join(dir, "none.db") });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toContain('no shop "nope" in the demo database');
    const noDemo = await parse(["--shop", "demo", "chốt A1 2"], { DATABASE_PATH: join(dir, "none.db"), DEMO: "false" });
    expect(noDemo.code).toBe(2);
    const usage = await parse(["--shop", "demo"], { DATABASE_PATH: join(dir, "none.db") });
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim()).toBe('usage: npm run parse -- --shop <slug> [--json] "<comment>"');
  });
});
