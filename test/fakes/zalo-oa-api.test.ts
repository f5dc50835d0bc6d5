import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pkceChallenge, sha256Hex, startFakeZaloOa, type FakeOa } from "./zalo-oa-api";

const OA = { oaId: "3662729599332560487", appId: "1234567890", appSecret: "app-secret-xyz", oaSecretKey: "oa-secret-key-abc", groups: ["g_f00d"] };
const T0 = 1_764_650_000_000;
let fake: FakeOa;
let clock = T0;

async function token(form: Record<string, string>, secret = OA.appSecret) {
  const res = await fetch(`${fake.url}/v4/oa/access_token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", secret_key: secret }, body: new URLSearchParams(form) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
async function send(path: string, accessToken: string | undefined, body: unknown) {
  const res = await fetch(`${fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(accessToken ? { access_token: accessToken } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  fake = await startFakeZaloOa({ now: () => clock });
  fake.addOa(OA);
});
afterAll(() => fake.close());
beforeEach(() => {
  clock = T0;
  fake.reset();
});

describe("token endpoint", () => {
  it("rotates the refresh token: expires_in is a string, the old refresh token stops working", async () => {
    const first = fake.issueTokens(OA.oaId);
    const a = await token({ app_id: OA.appId, grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ expires_in: "90000" });
    expect(a.json.refresh_token).not.toBe(first.refresh_token);
    const again = await token({ app_id: OA.appId, grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(again).toEqual({ status: 200, json: { error: -14014, message: "Invalid refresh token" } });
    expect(fake.refreshUses(first.refresh_token)).toBe(2);
  });

  it("wants the app secret in secret_key", async () => {
    const first = fake.issueTokens(OA.oaId);
    expect((await token({ app_id: OA.appId, grant_type: "refresh_token", refresh_token: first.refresh_token }, "nope")).json.error).toBe(-14002);
  });

  it("exchanges a consent code once, only with the PKCE verifier of its challenge", async () => {
    const verifier = "v".repeat(50);
    const code = fake.issueCode(OA.oaId, pkceChallenge(verifier));
    expect((await token({ app_id: OA.appId, grant_type: "authorization_code", code, code_verifier: "w".repeat(50) })).json.error).toBe(-14019);
    const ok = await token({ app_id: OA.appId, grant_type: "authorization_code", code, code_verifier: verifier });
    expect(typeof ok.json.access_token).toBe("string");
    expect((await token({ app_id: OA.appId, grant_type: "authorization_code", code, code_verifier: verifier })).json.error).toBe(-14005);
  });
});

describe("messages", () => {
  it("sends to an OA group with the access_token header and records it", async () => {
    const { access_token } = fake.issueTokens(OA.oaId);
    const r = await send("/v3.0/oa/group/message", access_token, { recipient: { group_id: "g_f00d" }, message: { text: "Xin chào" } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ error: 0, message: "Success", data: { group_id: "g_f00d" } });
    expect(fake.sent("g_f00d").map((m) => m.text)).toEqual(["Xin chào"]);
    expect(fake.calls.at(-1)).toMatchObject({ path: "/v3.0/oa/group/message", accessToken: access_token, error: 0 });
  });

  it("-216 without a known token, -220 once it expired, -201 over 2,000 characters", async () => {
    const body = { recipient: { group_id: "g_f00d" }, message: { text: "x" } };
    expect((await send("/v3.0/oa/group/message", undefined, body)).json.error).toBe(-216);
    const { access_token } = fake.issueTokens(OA.oaId);
    expect((await send("/v3.0/oa/group/message", access_token, { ...body, message: { text: "x".repeat(2001) } })).json.error).toBe(-201);
    clock += 90_000 * 1000;
    expect((await send("/v3.0/oa/group/message", access_token, body)).json).toEqual({ error: -220, message: "Access token has expired or has been removed" });
    expect(fake.sent()).toEqual([]);
  });

  it("a CS message needs an interaction within 7 days (-230)", async () => {
    const { access_token } = fake.issueTokens(OA.oaId);
    const body = { recipient: { user_id: "2512523625412515" }, message: { text: "Chào bạn" } };
    expect((await send("/v3.0/oa/message/cs", access_token, body)).json.error).toBe(-230);
    fake.interact(OA.oaId, "2512523625412515");
    expect((await send("/v3.0/oa/message/cs", access_token, body)).json.error).toBe(0);
    clock += 8 * 24 * 3600 * 1000;
    const fresh = fake.issueTokens(OA.oaId).access_token;
    expect((await send("/v3.0/oa/message/cs", fresh, body)).json.error).toBe(-230);
  });

  it("injects -32, HTTP 500 and dropped connections", async () => {
    const { access_token } = fake.issueTokens(OA.oaId);
    const body = { recipient: { group_id: "g_f00d" }, message: { text: "x" } };
    fake.inject({ path: "/v3.0/oa/group/message", fault: { kind: "error", code: -32 } });
    expect((await send("/v3.0/oa/group/message", access_token, body)).json.error).toBe(-32);
    fake.inject({ fault: { kind: "http-500" } });
    expect((await fetch(`${fake.url}/v3.0/oa/group/message`, { method: "POST", body: "{}" })).status).toBe(500);
    fake.inject({ fault: { kind: "drop" } });
    await expect(fetch(`${fake.url}/v3.0/oa/group/message`, { method: "POST", body: "{}" })).rejects.toThrow();
    expect((await send("/v3.0/oa/group/message", access_token, body)).json.error).toBe(0);
  });
});

describe("webhook sender", () => {
  it("signs sha256(app_id + raw body + timestamp + OA secret key), and can resend the same msg_id", () => {
    const ev = fake.events.groupText(OA.oaId, "g_f00d", "2512523625412515", "chốt A1 x2", { msgId: "cb31dff1c39642cc1b83" });
    expect(ev).toMatchObject({ app_id: OA.appId, event_name: "user_send_group_text", timestamp: String(T0), recipient: { group_id: "g_f00d" }, message: { msg_id: "cb31dff1c39642cc1b83" } });
    const { body, headers } = fake.signed(ev);
    expect(headers["x-zevent-signature"]).toBe(sha256Hex(`${OA.appId}${body}${T0}${OA.oaSecretKey}`));
    expect(fake.signed(ev, { macPrefix: true }).headers["x-zevent-signature"]).toBe(`mac=${headers["x-zevent-signature"]}`);
    expect(fake.signed(ev, { tamper: true }).headers["x-zevent-signature"]).not.toBe(headers["x-zevent-signature"]);
  });
});
