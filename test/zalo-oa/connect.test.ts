import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createSession } from "../../src/domain/auth/accounts";
import { findOaConnectionByShop } from "../../src/domain/oa/connections";
import { addStaff } from "../../src/domain/shops/staff";
import { DashboardClient } from "../helpers/dashboard";
import { makeTestApp, type TestApp } from "../helpers/test-app";
import { pkceChallenge, startFakeZaloOa, type FakeOa } from "../fakes/zalo-oa-api";

const OA = { oaId: "3662729599332560487", appId: "1234567890", appSecret: "app-secret-0123456789", oaSecretKey: "oa-secret-key-0123456789", groups: [] };
let t: TestApp;
let fake: FakeOa;

/** A dashboard client logged in as staff of the demo shop with `role`. */
async function asStaff(role: "owner" | "staff", userId: string): Promise<DashboardClient> {
  const staff = await addStaff(t.sqlite.store, { shopId: 1, channel: "zalo", userId, name: role, role }, t.clock.now());
  const user = await accountForStaff(t.sqlite.store, staff, t.clock.now());
  const client = new DashboardClient(t);
  client.cookie = `cc_session=${await createSession(t.sqlite.store, user.id, "vi", t.clock.now())}`;
  return client;
}

/** Fills the connect form and follows it to Zalo's consent URL: its query. */
async function startConnect(client: DashboardClient): Promise<URLSearchParams> {
  const page = await client.get("/dashboard/zalo-oa?shop=demo");
  expect(page.status).toBe(200);
  const res = await client.post("/dashboard/zalo-oa/connect", { shop: "demo", appId: OA.appId, appSecret: OA.appSecret, oaSecretKey: OA.oaSecretKey });
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(`${fake.url}/v4/oa/permission`);
  return location.searchParams;
}

beforeEach(async () => {
  let now = () => Date.now();
  fake = await startFakeZaloOa({ now: () => now() });
  fake.addOa(OA);
  t = await makeTestApp({ env: { PUBLIC_URL: "https://cho.example.vn", ZALO_OAUTH_ROOT: fake.url, ZALO_OA_API_ROOT: fake.url } });
  now = () => t.clock.now().getTime();
});
afterEach(async () => {
  await fake.close();
  await t.close();
});

describe("Kết nối Zalo OA (OAuth v4 with PKCE)", () => {
  it("sends the owner to Zalo's consent page with PKCE S256 and a state; the callback stores the tokens and the card shows them masked", async () => {
    const owner = await asStaff("owner", "owner-1");
    const q = await startConnect(owner);
    expect(q.get("app_id")).toBe(OA.appId);
    expect(q.get("redirect_uri")).toBe("https://cho.example.vn/dashboard/zalo-oa/callback");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const state = q.get("state") ?? "";
    expect(state.length).toBeGreaterThanOrEqual(32);
    const pending = await findOaConnectionByShop(t.sqlite.store, 1);
    expect(pending).toMatchObject({ status: "pending", accessToken: null });
    // The challenge is S256 of the verifier kept for the callback.
    expect(pkceChallenge(pending?.pkceVerifier ?? "")).toBe(q.get("code_challenge"));

    const code = fake.issueCode(OA.oaId, q.get("code_challenge") ?? "");
    const back = await owner.get(`/dashboard/zalo-oa/callback?code=${code}&oa_id=${OA.oaId}&state=${encodeURIComponent(state)}`);
    expect(back.status).toBe(303);
    expect(back.location).toBe("/dashboard/zalo-oa?shop=demo&ok=connected");
    const conn = await findOaConnectionByShop(t.sqlite.store, 1);
    expect(conn).toMatchObject({ status: "connected", oaId: OA.oaId, accessToken: expect.stringMatching(/^acc_/), refreshToken: expect.stringMatching(/^ref_/), oauthState: null, pkceVerifier: null });
    expect(fake.calls.filter((c) => c.path === "/v4/oa/access_token").at(-1)).toMatchObject({ secretKey: OA.appSecret, body: { grant_type: "authorization_code", code } });

    const card = await owner.get("/dashboard/zalo-oa?shop=demo");
    expect(card.html).toContain(OA.oaId);
    expect(card.html).toContain("https://cho.example.vn/webhooks/zalo-oa/demo");
    for (const secret of [OA.appSecret, OA.oaSecretKey, conn?.accessToken ?? "-", conn?.refreshToken ?? "-"]) expect(card.html).not.toContain(secret);

    // The same callback again: the state was spent.
    expect((await owner.get(`/dashboard/zalo-oa/callback?code=${code}&oa_id=${OA.oaId}&state=${encodeURIComponent(state)}`)).status).toBe(400);
  });

  it("refuses a wrong state, and a state started by another account", async () => {
    const owner = await asStaff("owner", "owner-1");
    const q = await startConnect(owner);
    const code = fake.issueCode(OA.oaId, q.get("code_challenge") ?? "");
    expect((await owner.get(`/dashboard/zalo-oa/callback?code=${code}&oa_id=${OA.oaId}&state=forged-state-0123456789`)).status).toBe(400);
    const operator = await DashboardClient.asOperator(t);
    expect((await operator.get(`/dashboard/zalo-oa/callback?code=${code}&oa_id=${OA.oaId}&state=${encodeURIComponent(q.get("state") ?? "")}`)).status).toBe(400);
    expect(await findOaConnectionByShop(t.sqlite.store, 1)).toMatchObject({ status: "pending", accessToken: null });
    expect(fake.calls.filter((c) => c.path === "/v4/oa/access_token")).toEqual([]);
  });

  it("is the owner's: staff get 403, and a form without the CSRF token is refused", async () => {
    const staff = await asStaff("staff", "staff-1");
    const refused = await staff.get("/dashboard/zalo-oa?shop=demo");
    expect(refused.status).toBe(403);
    expect(refused.html).toContain("Chỉ chủ shop");
    const owner = await asStaff("owner", "owner-1");
    await owner.get("/dashboard/zalo-oa?shop=demo");
    const res = await owner.post("/dashboard/zalo-oa/connect", { shop: "demo", appId: OA.appId, appSecret: OA.appSecret, oaSecretKey: OA.oaSecretKey }, { csrf: null });
    expect(res.status).toBe(403);
    expect(await findOaConnectionByShop(t.sqlite.store, 1)).toBeUndefined();
  });
});
