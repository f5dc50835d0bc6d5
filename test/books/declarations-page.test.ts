import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountForStaff, createSession } from "../../src/domain/auth/accounts";
import { findStaff } from "../../src/domain/shops/staff";
import { DashboardClient } from "../helpers/dashboard";
import { seedMonthOfOrders } from "../../src/domain/shops/demo-orders";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";

// /dashboard/declarations through the real app: who may see it, the period asked for, the JSON view.

let t: TestApp;
let operator: DashboardClient;

beforeAll(async () => {
  t = await makeTestApp({ now: new Date("2026-12-02T03:00:00Z") });
  await seedMonthOfOrders(t.sqlite.store, { from: "2026-11-01", days: 30 });
  operator = await DashboardClient.asOperator(t);
}, 60_000);
afterAll(() => t?.close());

async function sessionAs(userId: string, role: "owner" | "staff" | "shipper", lang = "vi"): Promise<DashboardClient> {
  const res = await t.app.request(`/api/shops/demo/staff`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ channel: "telegram", userId, name: `Người ${userId}`, role }) });
  expect(res.status).toBe(201);
  const staff = await findStaff(t.sqlite.store, 1, "telegram", userId);
  const account = await accountForStaff(t.sqlite.store, staff!, t.clock.now());
  const client = new DashboardClient(t);
  client.cookie = `cc_session=${await createSession(t.sqlite.store, account.id, lang, t.clock.now())}`;
  return client;
}

describe("the declarations page", () => {
  it("shows the owner and the operator the draft marked as a draft; staff and shippers get 403; no session goes to the login", async () => {
    const owner = await sessionAs("9101", "owner");
    const page = await owner.get("/dashboard/declarations?shop=demo");
    expect(page.status).toBe(200);
    expect(page.html).toContain("BẢN NHÁP — tự nhập vào eTax");
    // A month of about 50 triệu: under 1 tỷ, so the year's revenue notice is the draft and no 01/CNKD applies.
    expect(page.html).toContain('data-form="01/TKN-CNKD" data-period="2026"');
    expect(page.html).toContain("chỉ thực hiện thông báo doanh thu; không thực hiện khai số thuế");
    expect(page.html).toContain('data-filing="01/TKN-CNKD:2026"');
    expect(page.html).toContain('href="/dashboard/books/profile?shop=demo"');
    expect((await operator.get("/dashboard/declarations?shop=demo")).status).toBe(200);
    for (const role of ["staff", "shipper"] as const) {
      const other = await sessionAs(role === "staff" ? "9102" : "9103", role);
      const refused = await other.get("/dashboard/declarations?shop=demo");
      expect(refused.status, role).toBe(403);
      expect(refused.html).not.toContain("BẢN NHÁP");
      expect((await other.get("/dashboard/declarations?shop=demo&format=json")).status).toBe(403);
    }
    const anonymous = await t.app.request("/dashboard/declarations?shop=demo");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/dashboard/login");
  });

  it("an owner cannot open another shop's drafts", async () => {
    const owner = await sessionAs("9104", "owner");
    expect((await owner.get("/dashboard/declarations?shop=somebody-else")).status).toBe(403);
  });

  it("opens the period asked for, by key or by the form's year and part, and tells a bad or future one", async () => {
    const q4 = await operator.get("/dashboard/declarations?shop=demo&period=2026-Q4");
    expect(q4.html).toContain('data-form="01/CNKD" data-period="2026-Q4"');
    expect(q4.html).toContain("kỳ này chưa phải khai 01/CNKD");
    expect(q4.html).toContain('id="partial"');
    const h1 = await operator.get("/dashboard/declarations?shop=demo&year=2026&part=H1");
    expect(h1.html).toContain('data-period="2026-H1"');
    expect(h1.html).toContain('<option value="H1" selected="">');
    const month = await operator.get("/dashboard/declarations?shop=demo&year=2026&part=M11");
    expect(month.html).toContain('data-period="2026-M11"');
    expect(month.html).toContain("khai theo quý, không theo tháng");
    for (const [q, says] of [
      ["period=2026-Q9", "Không đọc được kỳ đã chọn"],
      ["year=abc&part=Q1", "Không đọc được kỳ đã chọn"],
      ["period=2027-Q2", "Kỳ đã chọn chưa bắt đầu"],
      ["period=2025-Q4", "Bản nháp chỉ có từ 01/01/2026"],
    ]) {
      const page = await operator.get(`/dashboard/declarations?shop=demo&${q}`);
      expect(page.status, q).toBe(200);
      expect(page.html, q).toContain(says);
      expect(page.html, q).toContain('data-period="2026"');
    }
  });

  it("gives the same draft as JSON, and a 400 for a period it cannot give", async () => {
    const res = await operator.get("/dashboard/declarations?shop=demo&period=2026-Q4&format=json");
    expect(res.status).toBe(200);
    const body = JSON.parse(res.html) as { mark: string; draft: { form: string; rows: { key: string; cells: { code: string; value: number | null; how: string[] }[] }[] }; year: { revenue: number } };
    expect(body.mark).toBe("BẢN NHÁP — tự nhập vào eTax");
    expect(body.draft.form).toBe("01/CNKD");
    const total = body.draft.rows.find((r) => r.key === "18")!.cells[0]!;
    expect(total.code).toBe("[11]");
    // The quarters add up to the year so far.
    expect(total.value! + (await yearBeforeQ4())).toBe(body.year.revenue);
    expect(total.how.length).toBeGreaterThan(0);
    for (const q of ["period=2026-Q0", "period=2027", "period=1999"]) {
      const bad = await operator.get(`/dashboard/declarations?shop=demo&${q}&format=json`);
      expect(bad.status, q).toBe(400);
      expect(JSON.parse(bad.html)).toHaveProperty("error");
    }
  });

  it("speaks English to an English session, keeping the form's own words", async () => {
    const owner = await sessionAs("9105", "owner", "en");
    const page = await owner.get("/dashboard/declarations?shop=demo&period=2026-Q4");
    expect(page.html).toContain("Tax returns (drafts)");
    expect(page.html).toContain("How computed");
    expect(page.html).toContain("Tổng doanh thu");
  });
});

/** The revenue of Q1–Q3 as their drafts give it. */
async function yearBeforeQ4(): Promise<number> {
  const res = await operator.get("/dashboard/declarations?shop=demo&period=2026-Q3&format=json");
  const body = JSON.parse(res.html) as { draft: { rows: { key: string; cells: { value: number | null }[] }[] } };
  const q3 = body.draft.rows.find((r) => r.key === "18")!.cells[0]!.value ?? 0;
  const q2 = JSON.parse((await operator.get("/dashboard/declarations?shop=demo&period=2026-Q2&format=json")).html) as typeof body;
  const q1 = JSON.parse((await operator.get("/dashboard/declarations?shop=demo&period=2026-Q1&format=json")).html) as typeof body;
  const sum = (b: typeof body) => b.draft.rows.find((r) => r.key === "18")!.cells[0]!.value ?? 0;
  return q3 + sum(q2) + sum(q1);
}
