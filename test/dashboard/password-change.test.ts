import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, checkPassword, createSession, ensureOperator } from "../../src/domain/auth/accounts";
import { DashboardClient } from "../helpers/dashboard";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 18, item 4: ADMIN_PASSWORD set after the first start was ignored, the password could not be
// changed, and the random first-start password was good for ever.
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const operatorRow = () => t.sqlite.store.db.selectFrom("dashboard_users").selectAll().where("username", "=", "admin").executeTakeFirstOrThrow();

async function loggedIn(password: string): Promise<DashboardClient> {
  const client = new DashboardClient(t);
  const res = await client.login("admin", password);
  expect(res.status).toBe(303);
  return client;
}

describe("ADMIN_PASSWORD at start", () => {
  it("a new value is applied: the old password fails, the new one works, the operator's sessions end", async () => {
    expect(await ensureOperator(t.sqlite.store, "first-password-1", t.clock.now())).toEqual({ created: true });
    const open = await loggedIn("first-password-1");
    // The next start with the same value changes nothing (the session stays).
    expect(await ensureOperator(t.sqlite.store, "first-password-1", t.clock.now())).toEqual({ created: false });
    expect((await open.get("/dashboard")).status).toBe(200);

    expect(await ensureOperator(t.sqlite.store, "second-password-2", t.clock.now())).toEqual({ created: false, passwordChanged: true });
    expect((await open.get("/dashboard")).status).toBe(302);
    expect((await new DashboardClient(t).login("admin", "first-password-1")).status).toBe(401);
    await loggedIn("second-password-2");
    expect(await operatorRow()).toMatchObject({ must_change_password: 0, password_from_env: 1 });

    // Without ADMIN_PASSWORD the stored one stays, and the account page stops calling it the variable's.
    expect(await ensureOperator(t.sqlite.store, undefined, t.clock.now())).toEqual({ created: false });
    expect(await checkPassword(t.sqlite.store, "admin", "second-password-2")).toBeDefined();
    expect((await operatorRow()).password_from_env).toBe(0);
  });
});

describe("the random first-start password", () => {
  it("must be changed at the first login: every page and the API send the session to the change form", async () => {
    const { generated } = await ensureOperator(t.sqlite.store, undefined, t.clock.now());
    expect(generated).toMatch(/^[\w-]{16}$/);
    const client = await loggedIn(generated ?? "");
    for (const path of ["/dashboard", "/dashboard/payments?shop=demo", "/dashboard/catalog?shop=demo", "/dashboard/shops"]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(302);
      expect(page.location, path).toBe("/dashboard/account");
    }
    const account = await client.get("/dashboard/account");
    expect(account.status).toBe(200);
    expect(account.html).toContain("data-must-change");
    // Forms elsewhere do nothing meanwhile (even with the right CSRF token), and the API refuses the cookie.
    const bank = await client.post("/dashboard/payments/bank", { shop: "demo", bin: "970422", account: "0123456789" });
    expect(bank.status).toBe(303);
    expect(bank.headers.get("location")).toBe("/dashboard/account");
    expect((await t.sqlite.store.db.selectFrom("shops").select("bank_bin").where("slug", "=", "demo").executeTakeFirstOrThrow()).bank_bin).toBe("970436");
    const apiRes = await t.app.request("/api/shops/demo/products", { headers: { cookie: client.cookie } });
    expect(apiRes.status).toBe(403);
    expect(await apiRes.json()).toEqual({ error: "password change required" });

    const change = (fields: Record<string, string>) => client.post("/dashboard/account/password", fields);
    const wrong = await change({ current: "not-it-at-all", password: "a-new-password-1", confirm: "a-new-password-1" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Mật khẩu hiện tại không đúng.");
    const short = await change({ current: generated ?? "", password: "short", confirm: "short" });
    expect(await short.text()).toContain("ít nhất 10 ký tự");
    const differ = await change({ current: generated ?? "", password: "a-new-password-1", confirm: "a-new-password-2" });
    expect(await differ.text()).toContain("không giống nhau");
    expect((await change({ current: generated ?? "", password: generated ?? "", confirm: generated ?? "" })).status).toBe(400);
    expect((await change({ current: generated ?? "", password: "a-new-password-1", confirm: "a-new-password-1" })).status).toBe(303);

    expect((await client.get("/dashboard")).status).toBe(200);
    expect((await client.get("/dashboard/account?ok=password")).html).toContain("Đã đổi mật khẩu");
    expect((await new DashboardClient(t).login("admin", generated ?? "")).status).toBe(401);
    await loggedIn("a-new-password-1");
    expect(await operatorRow()).toMatchObject({ must_change_password: 0 });
  });
});

describe("the change-password form", () => {
  it("needs the CSRF token, keeps this session and ends the account's other sessions", async () => {
    const here = await DashboardClient.asOperator(t);
    const elsewhere = await DashboardClient.asOperator(t);
    const page = await here.get("/dashboard/account");
    expect(page.html).toContain('action="/dashboard/account/password"');
    expect(page.html).not.toContain("data-must-change");
    const fields = { current: "test-operator-password", password: "mật khẩu mới dài", confirm: "mật khẩu mới dài" };
    expect((await here.post("/dashboard/account/password", fields, { csrf: null })).status).toBe(403);
    expect((await here.post("/dashboard/account/password", fields, { origin: "https://evil.example" })).status).toBe(403);
    expect((await elsewhere.get("/dashboard")).status).toBe(200);

    const res = await here.post("/dashboard/account/password", fields);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/account?ok=password");
    expect((await here.get("/dashboard")).status).toBe(200);
    expect((await elsewhere.get("/dashboard")).status).toBe(302);
    expect(await checkPassword(t.sqlite.store, "admin", "test-operator-password")).toBeUndefined();
    expect(await checkPassword(t.sqlite.store, "admin", "mật khẩu mới dài")).toBeDefined();
  });

  it("a staff account (login by link) has no password to change", async () => {
    const staff = await t.sqlite.store.db.insertInto("staff").values({ shop_id: 1, channel: "telegram", user_id: "9", name: "Hoa", role: "staff", created_at: "x" }).returningAll().executeTakeFirstOrThrow();
    const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
    const client = new DashboardClient(t);
    client.cookie = `cc_session=${await createSession(t.sqlite.store, account.id, "vi", t.clock.now())}`;
    const page = await client.get("/dashboard/account");
    expect(page.html).toContain("đăng nhập bằng liên kết");
    expect(page.html).not.toContain('action="/dashboard/account/password"');
    const res = await client.post("/dashboard/account/password", { current: "x", password: "a-new-password-1", confirm: "a-new-password-1" });
    expect(res.status).toBe(400);
  });

  it("says when the password comes from ADMIN_PASSWORD (a start sets it again)", async () => {
    await ensureOperator(t.sqlite.store, "from-the-env-1", t.clock.now());
    const client = await loggedIn("from-the-env-1");
    expect((await client.get("/dashboard/account")).html).toContain("data-from-env");
  });
});
