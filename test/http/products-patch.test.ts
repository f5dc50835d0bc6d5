import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createSession } from "../../src/domain/auth/accounts";
import { joinWaitlist } from "../../src/domain/catalog/waitlist";
import { addStaff } from "../../src/domain/shops/staff";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const patch = (code: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` }) =>
  t.app.request(`/api/shops/demo/products/${code}`, { method: "PATCH", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

const product = async (code: string) => t.sqlite.store.db.selectFrom("products").selectAll().where("code", "=", code).executeTakeFirstOrThrow();

/** A dashboard session of a staff member of the demo shop: its cookie and CSRF token. */
async function staffSession(role: "owner" | "staff" | "shipper") {
  const store = t.sqlite.store;
  const shop = await store.db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
  const staff = await addStaff(store, { shopId: shop.id, channel: "telegram", userId: `9${role.length}`, name: `Chị ${role}`, role }, t.clock.now());
  const user = await accountForStaff(store, staff, t.clock.now());
  const token = await createSession(store, user.id, "vi", t.clock.now());
  const session = await store.db.selectFrom("dashboard_sessions").select("csrf_token").where("user_id", "=", user.id).executeTakeFirstOrThrow();
  return { cookie: `cc_session=${token}`, csrf: session.csrf_token };
}

describe("PATCH /api/shops/:shop/products/:code", () => {
  it("changes stock, price and sold-out, and answers the product as the products API shows it", async () => {
    const res = await patch("a1", { stock: 12, price: 47000 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: "A1", stock: 12, price: 47000, soldOut: false });
    expect(body.options).toBeInstanceOf(Array);
    expect(await product("A1")).toMatchObject({ stock: 12, price: 47000, sold_out: 0 });

    expect(await (await patch("A1", { soldOut: true })).json()).toMatchObject({ soldOut: true, stock: 12 });
    expect((await product("A1")).sold_out).toBe(1);
    // The catalog the buyers see agrees.
    const listed = (await (await t.app.request("/api/shops/demo/products", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { code: string; price: number; soldOut: boolean }[];
    expect(listed.find((p) => p.code === "A1")).toMatchObject({ price: 47000, soldOut: true });
  });

  it("marks a hot item first-paid-first-served, and back", async () => {
    expect(await (await patch("A4", { firstPaidFirstServed: true })).json()).toMatchObject({ code: "A4", firstPaidFirstServed: true });
    expect((await product("A4")).first_paid_first_served).toBe(1);
    expect(await (await patch("A4", { firstPaidFirstServed: false })).json()).toMatchObject({ firstPaidFirstServed: false });
  });

  it("raising stock tells the waiting list, as /stock does in chat", async () => {
    await patch("A2", { stock: 0, soldOut: true });
    const a2 = await product("A2");
    await joinWaitlist(t.sqlite.store, { shopId: a2.shop_id, productId: a2.id, channel: "webchat", botId: "demo", userId: "u1", chatId: "s1", lang: "vi" }, t.clock.now());
    await joinWaitlist(t.sqlite.store, { shopId: a2.shop_id, productId: a2.id, channel: "webchat", botId: "demo", userId: "u2", chatId: "s2", lang: "vi" }, t.clock.now());
    expect((await patch("A2", { stock: 1 })).status).toBe(200);
    const told = await t.sqlite.store.db.selectFrom("outbox").select(["chat_id", "payload"]).where("dedupe_key", "like", "waitlist:%").execute();
    // One unit: the first buyer who asked is told, the second waits for more.
    expect(told.map((r) => r.chat_id)).toEqual(["s1"]);
    expect(JSON.parse(told[0]!.payload).text).toContain("A2");
  });

  it("refuses a bad body with a reason, an unknown code with 404, and changes nothing", async () => {
    const before = await product("A1");
    for (const bad of [{ stock: -1 }, { stock: 1.5 }, { price: "45000" }, { soldOut: "yes" }, {}, { stock: 1, colour: "red" }, [1]]) {
      const res = await patch("A1", bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/invalid body/);
    }
    expect((await patch("A1", "{not json")).status).toBe(400);
    const unknown = await patch("Z9", { stock: 3 });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "unknown product" });
    expect(await product("A1")).toEqual(before);
  });

  it("needs the operator or the shop's staff: no credentials 401, a shipper or a missing CSRF token 403", async () => {
    expect((await patch("A1", { stock: 5 }, {})).status).toBe(401);
    expect((await patch("A1", { stock: 5 }, { authorization: "Bearer wrong" })).status).toBe(401);

    const staff = await staffSession("staff");
    expect((await patch("A1", { stock: 5 }, { cookie: staff.cookie })).status).toBe(403);
    expect((await patch("A1", { stock: 5 }, { cookie: staff.cookie, "x-csrf-token": staff.csrf, origin: "https://evil.example" })).status).toBe(403);
    expect((await product("A1")).stock).not.toBe(5);
    const ok = await patch("A1", { stock: 5 }, { cookie: staff.cookie, "x-csrf-token": staff.csrf });
    expect(ok.status).toBe(200);
    expect((await product("A1")).stock).toBe(5);

    const shipper = await staffSession("shipper");
    expect((await patch("A1", { stock: 9 }, { cookie: shipper.cookie, "x-csrf-token": shipper.csrf })).status).toBe(403);
    expect((await product("A1")).stock).toBe(5);
    // Staff cannot reach another shop's catalog, and the operator-only route stays the operator's.
    expect((await t.app.request("/api/shops/other/products", { headers: { cookie: staff.cookie } })).status).toBe(403);
    const addStaffAttempt = await t.app.request("/api/shops/demo/staff", {
      method: "POST",
      headers: { cookie: staff.cookie, "x-csrf-token": staff.csrf, "content-type": "application/json" },
      body: JSON.stringify({ channel: "telegram", userId: "666", name: "Kẻ lạ", role: "owner" }),
    });
    expect(addStaffAttempt.status).toBe(403);
  });
});
