import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createLoginLink } from "../../src/domain/auth/accounts";
import { hashPassword, sha256Hex } from "../../src/domain/auth/passwords";
import { hmacHex } from "../../src/platform/crypto";
import { DashboardClient, OPERATOR_PASSWORD } from "../helpers/dashboard";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 18, item 10: login CSRF. A page on another site could send a logged-in operator's browser to
// the attacker's one-time login link and silently switch it into the attacker's staff account (a GET
// logged in). Now the link's page says whom it logs in and who is logged in now, and only its own
// form (a CSRF token tied to that page) logs in; POST /dashboard/login refuses another site.

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const ORIGIN = "http://localhost";
const db = () => t.sqlite.store.db;

/** The attacker: a staff account of their own shop, and a fresh login link for it (from /login in chat). */
async function attackerLink(): Promise<{ token: string; accountId: number }> {
  const now = t.clock.now().toISOString();
  const shop = await db().insertInto("shops").values({ slug: "ke-gian", name: "Shop Kẻ Gian", created_at: now }).returning("id").executeTakeFirstOrThrow();
  const staff = await db().insertInto("staff").values({ shop_id: shop.id, channel: "telegram", user_id: "666", name: "Kẻ Gian", role: "owner", created_at: now }).returningAll().executeTakeFirstOrThrow();
  const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
  return { token: await createLoginLink(t.sqlite.store, account.id, t.clock.now()), accountId: account.id };
}

const sessionCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("cc_session="))?.split(";")[0];
const confirmCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("cc_link_confirm="))?.split(";")[0] ?? "";
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
const linkUsed = async (token: string) => {
  const row = await db().selectFrom("login_links").select("used_at").where("token_hash", "=", await sha256Hex(token)).executeTakeFirstOrThrow();
  return row.used_at !== null;
};

describe("the one-time login link", () => {
  it("a GET no longer logs in: the page says whom the link is for and who is logged in now", async () => {
    const operator = await DashboardClient.asOperator(t);
    const { token } = await attackerLink();
    const res = await t.app.request(`/dashboard/login/${token}`, { headers: { cookie: operator.cookie } });
    expect(res.status).toBe(200);
    expect(sessionCookieOf(res)).toBeUndefined();
    const html = await res.text();
    expect(html).toContain("Kẻ Gian");
    expect(html).toContain("Shop Kẻ Gian");
    expect(html).toContain("Trình duyệt này đang đăng nhập là <strong>Operator</strong>");
    expect(html).toContain("Tiếp tục sẽ đăng xuất tài khoản đó");
    expect(html).toMatch(/<form method="post" action="\/dashboard\/login\/[\w-]+"><input type="hidden" name="_csrf" value="[0-9a-f]{64}">/);
    const confirm = res.headers.getSetCookie().find((c) => c.startsWith("cc_link_confirm="));
    expect(confirm).toMatch(/HttpOnly/i);
    expect(confirm).toMatch(/SameSite=Strict/i);
    // Still the operator, and the link is unspent.
    expect((await operator.get("/dashboard/shops")).status).toBe(200);
    expect(await linkUsed(token)).toBe(false);
  });

  it("a page on another site cannot post the confirmation, with or without guessing a token", async () => {
    const operator = await DashboardClient.asOperator(t);
    const { token } = await attackerLink();
    const post = (headers: Record<string, string>, csrf: string) =>
      t.app.request(`/dashboard/login/${token}`, { method: "POST", headers: { cookie: operator.cookie, ...headers }, body: new URLSearchParams({ _csrf: csrf }) });
    // The victim's browser opened the page (the attacker cannot read it), then the attacker's form posts.
    const page = await t.app.request(`/dashboard/login/${token}`, { headers: { cookie: operator.cookie } });
    const realCsrf = csrfOf(await page.text());
    const realNonce = confirmCookieOf(page);
    const tries: [Record<string, string>, string][] = [
      [{ origin: "https://evil.example" }, realCsrf],
      [{ origin: "null" }, realCsrf],
      [{ "sec-fetch-site": "cross-site" }, realCsrf],
      [{ "sec-fetch-site": "same-site" }, realCsrf],
      // SameSite=Strict: a cross-site post carries no confirm cookie.
      [{}, realCsrf],
      [{ cookie: `${operator.cookie}; ${realNonce}` }, "0".repeat(64)],
      // A nonce the attacker planted: without the server's secret the token cannot be made.
      [{ cookie: `${operator.cookie}; cc_link_confirm=planted-nonce-1234567890` }, await hmacHex("SHA-256", "guess", `login-link-confirm\nplanted-nonce-1234567890\n${token}`)],
    ];
    for (const [headers, csrf] of tries) {
      const res = await post(headers, csrf);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(sessionCookieOf(res)).toBeUndefined();
    }
    expect(await linkUsed(token)).toBe(false);
    expect((await operator.get("/dashboard/shops")).status).toBe(200);
  });

  it("a token from one link's page does not confirm another link", async () => {
    const { token } = await attackerLink();
    const staff = await db().insertInto("staff").values({ shop_id: 1, channel: "telegram", user_id: "9", name: "Hoa", role: "staff", created_at: "x" }).returningAll().executeTakeFirstOrThrow();
    const other = await createLoginLink(t.sqlite.store, (await accountForStaff(t.sqlite.store, staff, t.clock.now())).id, t.clock.now());
    const page = await t.app.request(`/dashboard/login/${other}`);
    const res = await t.app.request(`/dashboard/login/${token}`, { method: "POST", headers: { cookie: confirmCookieOf(page) }, body: new URLSearchParams({ _csrf: csrfOf(await page.text()) }) });
    expect(res.status).toBe(403);
  });

  it("confirmed on its own page: the session this browser had ends, the link's starts, and the link is spent", async () => {
    const operator = await DashboardClient.asOperator(t);
    const { token } = await attackerLink();
    const page = await t.app.request(`/dashboard/login/${token}`, { headers: { cookie: operator.cookie } });
    const res = await t.app.request(`/dashboard/login/${token}`, {
      method: "POST",
      headers: { cookie: `${operator.cookie}; ${confirmCookieOf(page)}`, origin: ORIGIN, "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({ _csrf: csrfOf(await page.text()) }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard");
    const staffCookie = sessionCookieOf(res);
    expect(staffCookie).toMatch(/^cc_session=/);
    // The old session is over (as the page said), the new one is the link's account.
    expect((await operator.get("/dashboard")).status).toBe(302);
    const asStaff = new DashboardClient(t);
    asStaff.cookie = staffCookie ?? "";
    expect((await asStaff.get("/dashboard")).html).toContain("Shop Kẻ Gian");
    expect(await linkUsed(token)).toBe(true);
    // Spent: its page and its confirmation now say so.
    expect((await t.app.request(`/dashboard/login/${token}`)).status).toBe(401);
  });

  it("opened while logged in as the same account, the page says so", async () => {
    const { token, accountId } = await attackerLink();
    const first = await t.app.request(`/dashboard/login/${token}`);
    const res = await t.app.request(`/dashboard/login/${token}`, { method: "POST", headers: { cookie: confirmCookieOf(first) }, body: new URLSearchParams({ _csrf: csrfOf(await first.text()) }) });
    const cookie = sessionCookieOf(res) ?? "";
    const again = await createLoginLink(t.sqlite.store, accountId, t.clock.now());
    const html = await (await t.app.request(`/dashboard/login/${again}`, { headers: { cookie } })).text();
    expect(html).toContain("Bạn đang đăng nhập đúng tài khoản này rồi.");
    expect(html).not.toContain("Tiếp tục sẽ đăng xuất");
  });
});

describe("POST /dashboard/login", () => {
  it("from another site is 403 and logs nobody in (the attacker's own password account included)", async () => {
    await DashboardClient.asOperator(t);
    await db()
      .insertInto("dashboard_users")
      .values({ username: "attacker", password_hash: await hashPassword("attacker-password"), role: "staff", shop_id: 1, display_name: "Attacker", created_at: t.clock.now().toISOString() })
      .execute();
    const post = (headers: Record<string, string>, username = "attacker", password = "attacker-password") =>
      t.app.request("/dashboard/login", { method: "POST", headers, body: new URLSearchParams({ username, password }) });
    for (const headers of [{ origin: "https://evil.example" } as Record<string, string>, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { origin: "http://localhost.evil.example" }]) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({ error: "cross-site request refused" });
      expect(sessionCookieOf(res)).toBeUndefined();
    }
    // This site's own form (and clients that send no Origin, like curl) still log in.
    expect((await post({ origin: ORIGIN, "sec-fetch-site": "same-origin" }, "admin", OPERATOR_PASSWORD)).status).toBe(303);
    expect((await post({}, "admin", OPERATOR_PASSWORD)).status).toBe(303);
  });
});
