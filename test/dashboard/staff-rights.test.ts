import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createSession } from "../../src/domain/auth/accounts";
import { findStaff } from "../../src/domain/shops/staff";
import { DashboardClient } from "../helpers/dashboard";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 18, item 1: an owner demoted to shipper through the operator API kept owner rights in her
// open dashboard session and changed the account buyers pay into. Rights now come from the staff
// row on every request, and removing a staff member ends their sessions at once.
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };

async function putStaff(userId: string, role: "owner" | "staff" | "shipper", shop = "demo"): Promise<void> {
  const res = await t.app.request(`/api/shops/${shop}/staff`, { method: "POST", headers: bearer, body: JSON.stringify({ channel: "telegram", userId, name: `Người ${userId}`, role }) });
  expect(res.status).toBe(201);
}

/** An open dashboard session of a staff member (as a /login link would give), with the page's CSRF token. */
async function staffSession(userId: string, shopId = 1): Promise<DashboardClient> {
  const staff = await findStaff(t.sqlite.store, shopId, "telegram", userId);
  if (!staff) throw new Error(`no staff ${userId}`);
  const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
  const client = new DashboardClient(t);
  client.cookie = `cc_session=${await createSession(t.sqlite.store, account.id, "vi", t.clock.now())}`;
  const page = await client.get("/dashboard");
  expect(page.status).toBe(200);
  return client;
}

const bankOfDemo = async () => (await t.sqlite.store.db.selectFrom("shops").select(["bank_bin", "bank_account"]).where("slug", "=", "demo").executeTakeFirstOrThrow());
const api = (client: DashboardClient, method: string, path: string, body?: unknown) =>
  t.app.request(path, { method, headers: { cookie: client.cookie, "x-csrf-token": client.csrf, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe("a demoted owner", () => {
  it("can no longer change the bank account from the session she kept open: 403, nothing changes", async () => {
    await putStaff("7001", "owner");
    const owner = await staffSession("7001");
    expect((await owner.get("/dashboard/payments?shop=demo")).html).toContain('action="/dashboard/payments/bank"');
    const before = await owner.post("/dashboard/payments/bank", { shop: "demo", bin: "970422", account: "0123456789", holder: "CHI MAY" });
    expect(before.status).toBe(303);

    await putStaff("7001", "shipper");
    // The same cookie and CSRF token as before the demotion: the attack of the report.
    const after = await owner.post("/dashboard/payments/bank", { shop: "demo", bin: "970436", account: "9999999999", holder: "KE GIAN" });
    expect(after.status).toBe(403);
    expect(await bankOfDemo()).toEqual({ bank_bin: "970422", bank_account: "0123456789" });
    expect((await owner.get("/dashboard/payments?shop=demo")).status).toBe(403);
    // The board still opens, as a shipper's.
    expect((await owner.get("/dashboard")).status).toBe(200);
  });

  it("gets the new role on the shop API with the session cookie too", async () => {
    await putStaff("7002", "owner");
    const owner = await staffSession("7002");
    expect((await api(owner, "PATCH", "/api/shops/demo/products/A1", { stock: 5 })).status).toBe(200);
    await putStaff("7002", "shipper");
    const refused = await api(owner, "PATCH", "/api/shops/demo/products/A1", { stock: 0 });
    expect(refused.status).toBe(403);
    expect((await t.sqlite.store.db.selectFrom("products").select("stock").where("code", "=", "A1").executeTakeFirstOrThrow()).stock).toBe(5);
    expect((await api(owner, "GET", "/api/shops/demo/products")).status).toBe(200);
  });
});

describe("DELETE /api/shops/:shop/staff/:channel/:userId", () => {
  it("operator: 204, the member's dashboard session is gone at once (401 / to the login page); again: 404", async () => {
    await putStaff("7101", "owner");
    const removed = await staffSession("7101");
    const res = await t.app.request("/api/shops/demo/staff/telegram/7101", { method: "DELETE", headers: bearer });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const page = await removed.get("/dashboard");
    expect(page.status).toBe(302);
    expect(page.location).toBe("/dashboard/login");
    expect((await removed.post("/dashboard/payments/bank", { shop: "demo", bin: "970436", account: "9999999999" })).status).toBe(401);
    expect((await api(removed, "GET", "/api/shops/demo/products")).status).toBe(401);
    expect(await findStaff(t.sqlite.store, 1, "telegram", "7101")).toBeUndefined();
    expect(await t.sqlite.store.db.selectFrom("dashboard_sessions").select("user_id").execute()).toEqual([]);
    expect(await t.sqlite.store.db.selectFrom("dashboard_users").select("id").where("staff_id", "is not", null).execute()).toEqual([]);

    const again = await t.app.request("/api/shops/demo/staff/telegram/7101", { method: "DELETE", headers: bearer });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: "unknown staff member" });
    expect((await t.app.request("/api/shops/demo/staff/zalo/7101", { method: "DELETE", headers: bearer })).status).toBe(404);
    expect((await t.app.request("/api/shops/no-such-shop/staff/telegram/7101", { method: "DELETE", headers: bearer })).status).toBe(404);
  });

  it("the shop's owner may remove (with the session's CSRF token); staff, shippers and other shops' owners get 403", async () => {
    const now = t.clock.now().toISOString();
    await t.sqlite.store.db.insertInto("shops").values({ slug: "khac", name: "Shop Khác", created_at: now }).execute();
    await putStaff("7201", "owner");
    await putStaff("7202", "staff");
    await putStaff("7203", "shipper");
    await putStaff("7204", "owner", "khac");
    const owner = await staffSession("7201");
    const staff = await staffSession("7202");
    const shipper = await staffSession("7203");
    const otherOwner = await staffSession("7204", 2);

    expect((await api(staff, "DELETE", "/api/shops/demo/staff/telegram/7203")).status).toBe(403);
    expect((await api(shipper, "DELETE", "/api/shops/demo/staff/telegram/7202")).status).toBe(403);
    expect((await api(otherOwner, "DELETE", "/api/shops/demo/staff/telegram/7202")).status).toBe(403);
    // Without the CSRF header a page elsewhere cannot do it in the owner's name.
    expect((await t.app.request("/api/shops/demo/staff/telegram/7202", { method: "DELETE", headers: { cookie: owner.cookie } })).status).toBe(403);
    expect(await findStaff(t.sqlite.store, 1, "telegram", "7202")).toBeDefined();

    expect((await api(owner, "DELETE", "/api/shops/demo/staff/telegram/7202")).status).toBe(204);
    expect((await staff.get("/dashboard")).status).toBe(302);
    expect((await shipper.get("/dashboard")).status).toBe(200);
    expect((await api(owner, "DELETE", "/api/shops/demo/staff/telegram/7202")).status).toBe(404);
  });
});

describe("the dashboard's staff list (operator)", () => {
  it("removes a staff member with a CSRF-protected form; their session ends at once", async () => {
    await putStaff("7301", "staff");
    const member = await staffSession("7301");
    const operator = await DashboardClient.asOperator(t);
    const page = await operator.get("/dashboard/shops?shop=demo");
    expect(page.html).toContain('action="/dashboard/shops/staff/remove"');
    expect(page.html).toContain('data-staff="telegram:7301"');

    expect((await operator.post("/dashboard/shops/staff/remove", { shop: "demo", channel: "telegram", userId: "7301" }, { csrf: null })).status).toBe(403);
    expect((await member.get("/dashboard")).status).toBe(200);

    const res = await operator.post("/dashboard/shops/staff/remove", { shop: "demo", channel: "telegram", userId: "7301" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/shops?shop=demo&ok=staffRemoved#staff");
    expect((await operator.get("/dashboard/shops?shop=demo&ok=staffRemoved")).html).toContain("Đã xoá nhân viên");
    expect((await member.get("/dashboard")).status).toBe(302);
    expect(await findStaff(t.sqlite.store, 1, "telegram", "7301")).toBeUndefined();
    const unknown = await operator.post("/dashboard/shops/staff/remove", { shop: "demo", channel: "telegram", userId: "7301" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Không tìm thấy nhân viên này");
  });

  it("logs a staff member out everywhere and keeps them on the staff", async () => {
    await putStaff("7302", "owner");
    const phone = await staffSession("7302");
    const laptop = await staffSession("7302");
    const operator = await DashboardClient.asOperator(t);
    await operator.get("/dashboard/shops?shop=demo");
    const res = await operator.post("/dashboard/shops/staff/logout", { shop: "demo", channel: "telegram", userId: "7302" });
    expect(res.headers.get("location")).toBe("/dashboard/shops?shop=demo&ok=staffLoggedOut#staff");
    expect((await phone.get("/dashboard")).status).toBe(302);
    expect((await laptop.get("/dashboard")).status).toBe(302);
    expect(await findStaff(t.sqlite.store, 1, "telegram", "7302")).toBeDefined();
    expect((await operator.get("/dashboard")).status).toBe(200);
  });
});

describe("log out everywhere (one's own account)", () => {
  it("ends every session of the account, this one included, and no other account's", async () => {
    await putStaff("7401", "staff");
    const member = await staffSession("7401");
    const first = await DashboardClient.asOperator(t);
    const second = await DashboardClient.asOperator(t);
    const account = await first.get("/dashboard/account");
    expect(account.html).toContain('action="/dashboard/account/logout-all"');
    expect((await first.post("/dashboard/account/logout-all", {}, { csrf: null })).status).toBe(403);
    const res = await first.post("/dashboard/account/logout-all", {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/login");
    expect((await first.get("/dashboard")).status).toBe(302);
    expect((await second.get("/dashboard")).status).toBe(302);
    expect((await member.get("/dashboard")).status).toBe(200);
  });
});
