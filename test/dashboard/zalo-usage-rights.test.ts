import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createSession } from "../../src/domain/auth/accounts";
import { upsertBot } from "../../src/domain/shops/bots";
import { findStaff } from "../../src/domain/shops/staff";
import { planOf } from "../../src/domain/usage/plan-limits";
import { parseLimit } from "../../src/http/dashboard/zalo-usage";
import { DashboardClient } from "../helpers/dashboard";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";

const BOT = "55667788";
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  await upsertBot(t.sqlite.store, { shopId: 1, channel: "zalo", token: `${BOT}:zaloFakeTokenForTests`, secret: "s", username: "BepNhaMay", info: null }, t.clock.now());
});
afterEach(async () => {
  await t.close();
});

async function session(userId: string, role: "owner" | "staff" | "shipper"): Promise<DashboardClient> {
  const res = await t.app.request("/api/shops/demo/staff", { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ channel: "telegram", userId, name: `Người ${userId}`, role }) });
  expect(res.status).toBe(201);
  const staff = await findStaff(t.sqlite.store, 1, "telegram", userId);
  if (!staff) throw new Error("no staff");
  const client = new DashboardClient(t);
  client.cookie = `cc_session=${await createSession(t.sqlite.store, (await accountForStaff(t.sqlite.store, staff, t.clock.now())).id, "vi", t.clock.now())}`;
  await client.get("/dashboard");
  return client;
}

const limits = (over: Record<string, string> = {}) => ({ shop: "demo", botId: BOT, maxUsers: "100", maxMessages: "5.000", maxGroups: "5", ...over });

describe("/dashboard/zalo-usage: who may see and change a bot's limits", () => {
  it("the owner sees the card and saves limits (3.000 reads as 3000); without the CSRF token, or for another bot, nothing changes", async () => {
    const owner = await session("7001", "owner");
    const page = await owner.get("/dashboard/zalo-usage?shop=demo");
    expect(page.status).toBe(200);
    expect(page.html).toContain(`data-usage-bot="${BOT}"`);
    expect(page.html).toContain('action="/dashboard/zalo-usage/limits"');
    expect((await owner.post("/dashboard/zalo-usage/limits", limits(), { csrf: null })).status).toBe(403);
    expect((await owner.post("/dashboard/zalo-usage/limits", limits({ botId: "999" }))).status).toBe(400);
    expect((await owner.post("/dashboard/zalo-usage/limits", limits({ maxUsers: "-1" }))).status).toBe(400);
    expect(await planOf(t.sqlite.store, "zalo", BOT)).toMatchObject({ plan: "basic", maxUsers: 50, maxMessages: 3000, maxGroups: 3 });
    const saved = await owner.post("/dashboard/zalo-usage/limits", limits());
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/dashboard/zalo-usage?shop=demo&ok=limits");
    expect(await planOf(t.sqlite.store, "zalo", BOT)).toMatchObject({ plan: "custom", maxUsers: 100, maxMessages: 5000, maxGroups: 5 });
    expect((await owner.get("/dashboard/zalo-usage?shop=demo&ok=limits")).html).toContain("Đã lưu giới hạn gói.");
  });

  it("staff read the usage but may not change it; shippers see nothing", async () => {
    const staff = await session("7002", "staff");
    const page = await staff.get("/dashboard/zalo-usage?shop=demo");
    expect(page.status).toBe(200);
    expect(page.html).toContain(`data-usage-bot="${BOT}"`);
    expect(page.html).not.toContain('action="/dashboard/zalo-usage/limits"');
    expect((await staff.post("/dashboard/zalo-usage/limits", limits())).status).toBe(403);
    expect((await planOf(t.sqlite.store, "zalo", BOT)).maxUsers).toBe(50);
    const shipper = await session("7003", "shipper");
    expect((await shipper.get("/dashboard/zalo-usage?shop=demo")).status).toBe(403);
  });

  it("reads a limit as a whole number from 0 to 10 million", () => {
    expect(parseLimit("3.000")).toBe(3000);
    expect(parseLimit("3,000")).toBe(3000);
    expect(parseLimit(" 50 ")).toBe(50);
    expect(parseLimit("0")).toBe(0);
    expect(parseLimit("10000001")).toBeUndefined();
    expect(parseLimit("1.5e3")).toBeUndefined();
    expect(parseLimit("")).toBeUndefined();
    expect(parseLimit(undefined)).toBeUndefined();
  });
});
