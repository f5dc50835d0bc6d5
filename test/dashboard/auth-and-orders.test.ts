import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createLoginLink } from "../../src/domain/auth/accounts";
import { hashPassword, verifyPassword } from "../../src/domain/auth/passwords";
import { DashboardClient, OPERATOR_PASSWORD } from "../helpers/dashboard";
import { loginByLink } from "../helpers/login-link";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

describe("dashboard login", () => {
  it("passwords are PBKDF2 hashes that verify only the right password", async () => {
    const stored = await hashPassword("mật khẩu đúng", 1_000);
    expect(stored).toMatch(/^pbkdf2\$sha256\$1000\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("mật khẩu đúng", stored)).toBe(true);
    expect(await verifyPassword("mật khẩu sai", stored)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("no page without a session; a wrong password is refused; five failures lock the account for a while", async () => {
    expect((await t.app.request("/dashboard")).status).toBe(302);
    expect((await t.app.request("/dashboard", { method: "POST" })).status).toBe(401);
    const client = await DashboardClient.asOperator(t);
    const other = new DashboardClient(t);
    for (let i = 0; i < 5; i++) expect((await other.login("admin", "wrong")).status).toBe(401);
    const locked = await other.login("admin", OPERATOR_PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("Đăng nhập sai nhiều lần");
    t.clock.advance(61_000);
    expect((await other.login("admin", OPERATOR_PASSWORD)).status).toBe(303);
    const board = await client.get("/dashboard");
    expect(board.status).toBe(200);
    expect(board.html).toContain("Bếp Nhà Mây");
    expect(client.cookie).toMatch(/^cc_session=/);
  });

  it("session cookies are HttpOnly and SameSite", async () => {
    await DashboardClient.asOperator(t);
    const res = await t.app.request("/dashboard/login", { method: "POST", body: new URLSearchParams({ username: "admin", password: OPERATOR_PASSWORD }) });
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
  });

  it("a one-time login link works once", async () => {
    const staff = await t.sqlite.store.db.insertInto("staff").values({ shop_id: 1, channel: "telegram", user_id: "9", name: "Hoa", role: "staff", created_at: "x" }).returningAll().executeTakeFirstOrThrow();
    const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
    const token = await createLoginLink(t.sqlite.store, account.id, t.clock.now());
    const first = await loginByLink(t.app, token);
    expect(first.status).toBe(303);
    expect((await loginByLink(t.app, token)).status).toBe(401);
  });
});

describe("orders board", () => {
  it("shows today's orders by status and accepts, marks paid and delivers them with CSRF-protected forms", async () => {
    const { order } = await placeTransferOrder(t);
    const client = await DashboardClient.asOperator(t);
    const board = await client.get("/dashboard");
    expect(board.html).toContain(order.code);
    expect(board.html).toContain("chờ thanh toán");
    // Without the CSRF token, or from another site: refused, nothing changes.
    expect((await client.post(`/dashboard/orders/${order.code}/act`, { action: "paid", shop: "demo" }, { csrf: null })).status).toBe(403);
    expect((await client.post(`/dashboard/orders/${order.code}/act`, { action: "paid", shop: "demo" }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await t.sqlite.store.db.selectFrom("orders").select("payment_status").executeTakeFirstOrThrow()).payment_status).toBe("unpaid");
    const paid = await client.post(`/dashboard/orders/${order.code}/act`, { action: "paid", shop: "demo" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`/dashboard?shop=demo&ok=${order.code}`);
    await client.post(`/dashboard/orders/${order.code}/act`, { action: "accept", shop: "demo" });
    await client.post(`/dashboard/orders/${order.code}/act`, { action: "deliver", shop: "demo" });
    const row = await t.sqlite.store.db.selectFrom("orders").select(["status", "payment_status", "handled_by"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "delivered", payment_status: "paid", handled_by: "Operator" });
    const illegal = await client.post(`/dashboard/orders/${order.code}/act`, { action: "accept", shop: "demo" });
    expect(illegal.headers.get("location")).toContain("err=");
    const filtered = await client.get(`/dashboard?shop=demo&status=cancelled`);
    expect(filtered.html).not.toContain(order.code);
    const searched = await client.get(`/dashboard?shop=demo&q=${order.code.slice(2, 6)}`);
    expect(searched.html).toContain(order.code);
  });

  it("staff of one shop cannot see or act on another shop", async () => {
    const now = t.clock.now().toISOString();
    const other = await t.sqlite.store.db.insertInto("shops").values({ slug: "khac", name: "Shop Khác", created_at: now }).returning("id").executeTakeFirstOrThrow();
    const staff = await t.sqlite.store.db.insertInto("staff").values({ shop_id: other.id, channel: "telegram", user_id: "1", name: "B", role: "owner", created_at: now }).returningAll().executeTakeFirstOrThrow();
    const { order } = await placeTransferOrder(t);
    const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
    const client = new DashboardClient(t);
    const res = await loginByLink(t.app, await createLoginLink(t.sqlite.store, account.id, t.clock.now()));
    client.cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
    const own = await client.get("/dashboard");
    expect(own.html).toContain("Shop Khác");
    expect(own.html).not.toContain(order.code);
    expect((await client.get("/dashboard?shop=demo")).status).toBe(403);
    expect((await client.post(`/dashboard/orders/${order.code}/act`, { action: "paid", shop: "demo" })).status).toBe(403);
    expect((await t.sqlite.store.db.selectFrom("orders").select("payment_status").where("id", "=", order.id).executeTakeFirstOrThrow()).payment_status).toBe("unpaid");
  });
});
