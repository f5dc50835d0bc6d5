import { ensureOperator } from "../../src/domain/auth/accounts";
import type { TestApp } from "./test-app";

export const OPERATOR_PASSWORD = "test-operator-password";

/** A logged-in dashboard client over app.request(): keeps the session cookie and the page's CSRF token. */
export class DashboardClient {
  cookie = "";
  csrf = "";
  constructor(private readonly t: TestApp) {}

  /** Creates the operator account (if needed) and logs in with a password. */
  static async asOperator(t: TestApp): Promise<DashboardClient> {
    await ensureOperator(t.sqlite.store, OPERATOR_PASSWORD, t.clock.now());
    const client = new DashboardClient(t);
    const res = await client.login("admin", OPERATOR_PASSWORD);
    if (res.status !== 303) throw new Error(`login answered ${res.status}`);
    return client;
  }

  async login(username: string, password: string): Promise<Response> {
    const res = await this.t.app.request("/dashboard/login", { method: "POST", body: new URLSearchParams({ username, password }) });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0] ?? "";
    return res;
  }

  /** GETs a page and remembers its CSRF token. */
  async get(path: string): Promise<{ status: number; html: string; location: string | null }> {
    const res = await this.t.app.request(path, { headers: { cookie: this.cookie } });
    const html = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (m?.[1]) this.csrf = m[1];
    return { status: res.status, html, location: res.headers.get("location") };
  }

  /** POSTs a form (with the CSRF token unless told otherwise). */
  async post(path: string, fields: Record<string, string>, opts: { csrf?: string | null; origin?: string } = {}): Promise<Response> {
    const body = new URLSearchParams(fields);
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (csrf !== null) body.set("_csrf", csrf);
    return this.t.app.request(path, { method: "POST", headers: { cookie: this.cookie, ...(opts.origin ? { origin: opts.origin } : {}) }, body });
  }
}
