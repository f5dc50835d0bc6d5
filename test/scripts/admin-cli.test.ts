import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPassword, createSession, ensureOperator } from "../../src/domain/auth/accounts";
import { openSqlite } from "../../src/db/sqlite";
import { startChildServer } from "../helpers/child-server";
import { migratedDb, MONDAY_1030 } from "../helpers/test-app";

// Issue 18, item 4, as an operator meets it: `npm run admin -- password` on the server's database,
// and ADMIN_PASSWORD changed between two real starts of the server.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cho-chat-admin-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with `input` piped to its stdin (not a terminal: the CLI reads the first line). */
function run(command: string, args: string[], env: Record<string, string>, input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const admin = (args: string[], env: Record<string, string>, input: string) => run("npx", ["tsx", "scripts/admin.ts", ...args], env, input);

async function withDb<T>(path: string, f: (store: ReturnType<typeof openSqlite>["store"]) => Promise<T>): Promise<T> {
  const sqlite = openSqlite(path);
  try {
    return await f(sqlite.store);
  } finally {
    await sqlite.close();
  }
}

describe("npm run admin -- password", () => {
  it("sets the password read from a pipe, never prints it, and logs the account out everywhere", async () => {
    const path = join(dir, "piped.db");
    const sqlite = await migratedDb(path);
    await ensureOperator(sqlite.store, "old-password-1", MONDAY_1030);
    const { id } = await sqlite.store.db.selectFrom("dashboard_users").select("id").where("username", "=", "admin").executeTakeFirstOrThrow();
    await createSession(sqlite.store, id, "vi", new Date());
    await sqlite.close();

    const r = await admin(["password"], { DATABASE_PATH: path }, "mật khẩu mới 2026\n");
    expect(r.code).toBe(0);
    // The password was ADMIN_PASSWORD's (ensureOperator above): the CLI warns a start sets that one again.
    expect(r.stderr).toContain("the server was last started with ADMIN_PASSWORD");
    expect(r.stdout).toContain('password of "admin" changed');
    expect(r.stdout).toContain("1 session(s) logged out");
    expect(r.stdout + r.stderr).not.toContain("mật khẩu mới");
    await withDb(path, async (store) => {
      expect(await checkPassword(store, "admin", "mật khẩu mới 2026")).toBeDefined();
      expect(await checkPassword(store, "admin", "old-password-1")).toBeUndefined();
      expect(await store.db.selectFrom("dashboard_sessions").select("user_id").execute()).toEqual([]);
    });
  });

  it("refuses a password under 10 characters and changes nothing", async () => {
    const path = join(dir, "short.db");
    const sqlite = await migratedDb(path);
    await ensureOperator(sqlite.store, "old-password-1", MONDAY_1030);
    await sqlite.close();
    const r = await admin(["password"], { DATABASE_PATH: path }, "short\n");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("at least 10 characters");
    await withDb(path, async (store) => expect(await checkPassword(store, "admin", "old-password-1")).toBeDefined());
    const usage = await admin(["pasword"], { DATABASE_PATH: path }, "");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: npm run admin -- password");
  });

  it("is a package.json script; before the first start it creates the account (no forced change: the operator chose it)", async () => {
    const path = join(dir, "fresh", "cho-chat.db");
    const r = await run("npm", ["run", "--silent", "admin", "--", "password"], { DATABASE_PATH: path }, "chosen-by-the-operator\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('account "admin" created');
    await withDb(path, async (store) => {
      expect(await checkPassword(store, "admin", "chosen-by-the-operator")).toBeDefined();
      expect((await store.db.selectFrom("dashboard_users").select(["must_change_password", "password_from_env"]).executeTakeFirstOrThrow())).toEqual({ must_change_password: 0, password_from_env: 0 });
    });
  });
});

describe("ADMIN_PASSWORD changed between two starts", () => {
  const login = (url: string, password: string) => fetch(`${url}/dashboard/login`, { method: "POST", body: new URLSearchParams({ username: "admin", password }), redirect: "manual" });

  it("the new one works and the old one fails; the change is logged without the value; old sessions end", async () => {
    const env = { DATABASE_PATH: join(dir, "restart.db"), LOG_LEVEL: "info" };
    const first = await startChildServer({ ...env, ADMIN_PASSWORD: "first-start-pass" });
    let cookie = "";
    try {
      const res = await login(first.url, "first-start-pass");
      expect(res.status).toBe(303);
      cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
      expect(first.output()).not.toContain("operator password changed");
    } finally {
      await first.stop();
    }
    const second = await startChildServer({ ...env, ADMIN_PASSWORD: "second-start-pass" });
    try {
      expect(second.output()).toContain("operator password changed from ADMIN_PASSWORD");
      expect(second.output()).not.toContain("second-start-pass");
      expect((await fetch(`${second.url}/dashboard`, { headers: { cookie }, redirect: "manual" })).status).toBe(302);
      expect((await login(second.url, "first-start-pass")).status).toBe(401);
      expect((await login(second.url, "second-start-pass")).status).toBe(303);
    } finally {
      await second.stop();
    }
  }, 90_000);
});
