import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createSession } from "../../src/domain/auth/accounts";
import { DashboardClient } from "../helpers/dashboard";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// 2 December 2026, 10:00 in Vietnam: the books page opens on December; November is "last month".
const NOW = new Date("2026-12-02T03:00:00.000Z");
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: NOW });
});
afterEach(() => t.close());

/** A dashboard client signed in as a new staff account of the demo shop with this role. */
async function sessionAs(userId: string, role: "owner" | "staff" | "shipper", lang = "vi"): Promise<DashboardClient> {
  const staff = await t.sqlite.store.db.insertInto("staff").values({ shop_id: 1, channel: "telegram", user_id: userId, name: `Người ${userId}`, role, created_at: NOW.toISOString() }).returningAll().executeTakeFirstOrThrow();
  const account = await accountForStaff(t.sqlite.store, staff, NOW);
  const client = new DashboardClient(t);
  client.cookie = `cc_session=${await createSession(t.sqlite.store, account.id, lang, NOW)}`;
  // Any dashboard page gives the session's CSRF token.
  await client.get("/dashboard?shop=demo");
  return client;
}

/** A 45.000 ₫ order delivered on 2026-11-20 at 12:00 in Vietnam (or left open). */
async function deliveredOrder(code: string, delivered = true) {
  const { order } = await placeTransferOrder(t, { code });
  if (delivered) await t.sqlite.store.db.updateTable("orders").set({ status: "delivered", delivered_at: "2026-11-20T05:00:00.000Z" }).where("id", "=", order.id).execute();
  return order;
}

const NOVEMBER = { p_month: "2026-11" };
const section = (html: string, id: string) => html.slice(html.indexOf(`<section id="${id}"`), html.indexOf("</section>", html.indexOf(`<section id="${id}"`)));

describe("who may see the books", () => {
  it("owners and the operator; staff and shippers get 403 on every page and post; no session: the login page or 401", async () => {
    const owner = await sessionAs("8001", "owner");
    const operator = await DashboardClient.asOperator(t);
    for (const c of [owner, operator]) {
      expect((await c.get("/dashboard/books?shop=demo")).status).toBe(200);
      expect((await c.get("/dashboard/books/profile?shop=demo")).status).toBe(200);
      expect((await c.get("/dashboard/books/print?shop=demo&book=S1a")).status).toBe(200);
    }
    expect((await owner.get("/dashboard?shop=demo")).html).toContain('href="/dashboard/books?shop=demo"');
    for (const role of ["staff", "shipper"] as const) {
      const c = await sessionAs(role === "staff" ? "8002" : "8003", role);
      // Not offered in the menu either.
      expect((await c.get("/dashboard?shop=demo")).html).not.toContain("/dashboard/books");
      for (const path of ["/dashboard/books?shop=demo", "/dashboard/books/profile?shop=demo", "/dashboard/books/print?shop=demo&book=S1a", "/dashboard/books/order?shop=demo&code=CC7K2M9Q"]) expect((await c.get(path)).status, `${role} ${path}`).toBe(403);
      const posts = [
        ["/dashboard/books/entries", { shop: "demo", date: "2026-12-01", kind: "sale", account: "cash", amount: "100000" }],
        ["/dashboard/books/entries/1/delete", { shop: "demo" }],
        ["/dashboard/books/returns", { shop: "demo", code: "CC7K2M9Q", refund: "cash" }],
        ["/dashboard/books/returns/1/delete", { shop: "demo" }],
        ["/dashboard/books/profile", { shop: "demo", householdName: "Hộ giả mạo" }],
      ] as const;
      for (const [path, fields] of posts) expect((await c.post(path, fields)).status, `${role} ${path}`).toBe(403);
    }
    expect(await t.sqlite.store.db.selectFrom("book_entries").select("id").execute()).toEqual([]);
    expect(await t.sqlite.store.db.selectFrom("shop_tax_profiles").select("shop_id").execute()).toEqual([]);
    expect((await t.app.request("/dashboard/books")).status).toBe(302);
    expect((await t.app.request("/dashboard/books/entries", { method: "POST", body: new URLSearchParams({ shop: "demo" }) })).status).toBe(401);
  });

  it("a post without the CSRF token, or from another site, changes nothing", async () => {
    const owner = await sessionAs("8001", "owner");
    const fields = { shop: "demo", date: "2026-12-01", kind: "sale", account: "cash", amount: "100000" };
    expect((await owner.post("/dashboard/books/entries", fields, { csrf: null })).status).toBe(403);
    expect((await owner.post("/dashboard/books/entries", fields, { csrf: "forged" })).status).toBe(403);
    expect((await owner.post("/dashboard/books/entries", fields, { origin: "https://evil.example" })).status).toBe(403);
    expect((await owner.post("/dashboard/books/profile", { shop: "demo", taxCode: "0101234567" }, { csrf: null })).status).toBe(403);
    expect(await t.sqlite.store.db.selectFrom("book_entries").select("id").execute()).toEqual([]);
  });
});

describe("the books page", () => {
  it("opens on this month with the three books, whether each is required, their totals and links to print and download", async () => {
    await deliveredOrder("CC7K2M9Q");
    const owner = await sessionAs("8001", "owner");
    const december = await owner.get("/dashboard/books?shop=demo");
    expect(december.html).toContain("Tháng 12 năm 2026");
    expect(december.html).toContain("01/12/2026 – 31/12/2026");
    const page = await owner.get("/dashboard/books?shop=demo&month=2026-11");
    expect(page.html).toContain("Tháng 11 năm 2026");
    const s1a = page.html.slice(page.html.indexOf('data-book="S1a"'), page.html.indexOf('data-book="S2a"'));
    expect(s1a).toContain("S1a-HKD");
    expect(s1a).toContain('data-required="1"');
    expect(s1a).toContain("45.000");
    expect(s1a).toContain('href="/dashboard/books/print?shop=demo&amp;book=S1a&amp;month=2026-11"');
    expect(s1a).toContain('href="/api/shops/demo/books/S1a?from=2026-11-01&amp;to=2026-11-30&amp;format=xlsx"');
    expect(s1a).toContain('href="/api/shops/demo/books/S1a?from=2026-11-01&amp;to=2026-11-30&amp;format=csv"');
    // Far below 1 tỷ a year: S2a and S2e are not required yet.
    for (const code of ["S2a", "S2e"]) expect(page.html).toMatch(new RegExp(`data-book="${code}"[\\s\\S]*?data-required="0"`));
    // The household's details are blank: the page says so and links the form.
    expect(page.html).toContain('id="profile-missing"');
    // The download links answer with the session cookie (same origin), as spreadsheets.
    const xlsx = await t.app.request("/api/shops/demo/books/S1a?from=2026-11-01&to=2026-11-30&format=xlsx", { headers: { cookie: owner.cookie } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const csv = await t.app.request("/api/shops/demo/books/S1a?from=2026-11-01&to=2026-11-30&format=csv", { headers: { cookie: owner.cookie } });
    expect(await csv.text()).toContain("CC7K2M9Q");
  });

  it("takes a quarter, a year or two days; a period before the rules begins on 01/01/2026; nonsense falls back to this month", async () => {
    const owner = await sessionAs("8001", "owner");
    expect((await owner.get("/dashboard/books?shop=demo&quarter=4&year=2026")).html).toContain("Quý 4 năm 2026");
    expect((await owner.get("/dashboard/books?shop=demo&year=2026")).html).toContain("01/01/2026 – 31/12/2026");
    expect((await owner.get("/dashboard/books?shop=demo&from=2026-11-10&to=2026-11-05")).html).toContain("Từ ngày 05/11/2026 đến ngày 10/11/2026");
    const early = await owner.get("/dashboard/books?shop=demo&month=2025-12");
    expect(early.status).toBe(200);
    expect(early.html).toContain("Sổ chỉ lập từ ngày 01/01/2026");
    for (const q of ["month=2026-13", "from=2026-13-01&to=2026-14-01", "quarter=9&year=2026", "year=abc", "from=2026-02-30&to=2026-03-01"]) {
      const r = await owner.get(`/dashboard/books?shop=demo&${q}`);
      expect(r.status, q).toBe(200);
      expect(r.html, q).toContain("Tháng 12 năm 2026");
    }
  });
});

describe("rows added by hand", () => {
  it("are added, listed, in the books marked as such, and deleted softly (once)", async () => {
    const owner = await sessionAs("8001", "owner");
    const added = await owner.post("/dashboard/books/entries", { shop: "demo", ...NOVEMBER, date: "2026-11-15", kind: "sale", account: "cash", group: "goods", description: "Bán ở chợ phiên", amount: "1,5tr", ref: "PT01" });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/dashboard/books?shop=demo&month=2026-11&ok=entry#entries");
    await owner.post("/dashboard/books/entries", { shop: "demo", ...NOVEMBER, date: "2026-11-16", kind: "expense", account: "bank", description: "", amount: "80.000" });
    const page = await owner.get("/dashboard/books?shop=demo&month=2026-11&ok=entry");
    expect(page.html).toContain("Đã ghi vào sổ.");
    const list = section(page.html, "entries");
    expect(list).toContain("Bán ở chợ phiên (PT01)");
    expect(list).toContain("1.500.000");
    // An empty description says the kind.
    expect(list).toMatch(/Chi phí<\/strong> · Ngân hàng<br\/?>Chi phí/);
    const s1a = await owner.get("/dashboard/books/print?shop=demo&book=S1a&month=2026-11");
    expect(s1a.html).toMatch(/<tr class="line manual" data-manual="1">[\s\S]*?Bán ở chợ phiên \(tự nhập\)/);
    const s2e = await owner.get("/dashboard/books/print?shop=demo&book=S2e&month=2026-11");
    expect(s2e.html).toContain("Chi phí (tự nhập)");

    const [sale] = await t.sqlite.store.db.selectFrom("book_entries").select("id").orderBy("id").execute();
    const deleted = await owner.post(`/dashboard/books/entries/${sale!.id}/delete`, { shop: "demo", ...NOVEMBER });
    expect(deleted.headers.get("location")).toBe("/dashboard/books?shop=demo&month=2026-11&ok=deleted#entries");
    expect(section((await owner.get("/dashboard/books?shop=demo&month=2026-11")).html, "entries")).not.toContain("Bán ở chợ phiên");
    expect((await owner.get("/dashboard/books/print?shop=demo&book=S1a&month=2026-11")).html).not.toContain("Bán ở chợ phiên");
    const row = await t.sqlite.store.db.selectFrom("book_entries").select(["deleted_at"]).where("id", "=", sale!.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).toBe(NOW.toISOString());
    const again = await owner.post(`/dashboard/books/entries/${sale!.id}/delete`, { shop: "demo", ...NOVEMBER });
    expect(again.headers.get("location")).toContain("err=gone");
    expect((await owner.get("/dashboard/books?shop=demo&err=gone")).html).toContain("Không tìm thấy dòng này");
    expect((await owner.post("/dashboard/books/entries/abc/delete", { shop: "demo" })).status).toBe(400);
  });

  it("a wrong field is answered in Vietnamese beside it, with what was typed kept", async () => {
    const owner = await sessionAs("8001", "owner");
    const res = await owner.post("/dashboard/books/entries", { shop: "demo", ...NOVEMBER, date: "2026-12-03", kind: "expense", account: "none", description: "Mua gạo", amount: "một trăm" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Chưa ghi: sửa các ô báo đỏ bên dưới.");
    expect(html).toContain("Ngày không được sau hôm nay.");
    expect(html).toContain("Tiền vào hay ra đều phải ở tiền mặt hoặc ngân hàng");
    expect(html).toContain("Chưa đọc được số tiền: viết 150000, 150.000, 150k hoặc 1,5tr.");
    expect(html).toContain('value="một trăm"');
    expect(html).toContain('value="Mua gạo"');
    // Still the period the form came from.
    expect(html).toContain("Tháng 11 năm 2026");
    const huge = await owner.post("/dashboard/books/entries", { shop: "demo", date: "2026-12-01", kind: "opening", account: "bank", amount: "2 tỷ" });
    expect(await huge.text()).toContain("Mỗi dòng tối đa 1.000.000.000");
    expect(await t.sqlite.store.db.selectFrom("book_entries").select("id").execute()).toEqual([]);
  });
});

describe("returns", () => {
  it("books a return on a delivered order (the rest by default), refuses an unknown code, an open order and more than is left", async () => {
    await deliveredOrder("CC7K2M9Q");
    await deliveredOrder("CC4H8N2P", false);
    const owner = await sessionAs("8001", "owner");
    // The delivered order's card on the board offers it to owners (not to staff), with the code filled in.
    const board = await owner.get("/dashboard?shop=demo&date=2026-12-02");
    expect(board.html).toContain('href="/dashboard/books?shop=demo&amp;return=CC7K2M9Q#returns"');
    expect(board.html).not.toContain("return=CC4H8N2P");
    expect((await (await sessionAs("8002", "staff")).get("/dashboard?shop=demo&date=2026-12-02")).html).not.toContain("return=CC7K2M9Q");
    expect(section((await owner.get("/dashboard/books?shop=demo&return=CC7K2M9Q")).html, "returns")).toContain('name="code" value="CC7K2M9Q"');
    const part = await owner.post("/dashboard/books/returns", { shop: "demo", ...NOVEMBER, code: "cc7k2m9q", acceptedDate: "2026-11-22", amount: "20k", reason: "Vỡ hộp", refund: "cash" });
    expect(part.status).toBe(303);
    expect(part.headers.get("location")).toBe("/dashboard/books?shop=demo&month=2026-11&ok=return&code=CC7K2M9Q&amount=20000#returns");
    expect((await owner.get(part.headers.get("location")!)).html).toContain("Đã ghi hàng trả lại đơn CC7K2M9Q: 20.000");

    const tooMuch = await owner.post("/dashboard/books/returns", { shop: "demo", ...NOVEMBER, code: "CC7K2M9Q", acceptedDate: "2026-11-23", amount: "30.000", refund: "bank" });
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.text()).toContain("Đơn CC7K2M9Q chỉ còn 25.000");
    const early = await owner.post("/dashboard/books/returns", { shop: "demo", ...NOVEMBER, code: "CC7K2M9Q", acceptedDate: "2026-11-19", refund: "bank" });
    expect(await early.text()).toContain("Đơn CC7K2M9Q giao ngày 20/11/2026: ngày nhận lại hàng không thể trước ngày đó.");
    const unknown = await owner.post("/dashboard/books/returns", { shop: "demo", code: "CCZZZZZZ", refund: "none" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Không tìm thấy đơn CCZZZZZZ của shop.");
    const open = await owner.post("/dashboard/books/returns", { shop: "demo", code: "CC4H8N2P", refund: "none" });
    expect(await open.text()).toContain("Đơn CC4H8N2P chưa giao xong");
    const bad = await owner.post("/dashboard/books/returns", { shop: "demo", code: "", amount: "abc", refund: "wallet" });
    const badHtml = await bad.text();
    expect(bad.status).toBe(400);
    expect(badHtml).toContain("Nhập mã đơn (ví dụ CC7K2M9Q).");
    expect(badHtml).toContain("Chọn hoàn tiền từ tiền mặt, ngân hàng hoặc không hoàn.");

    // The rest, today (blank day and amount).
    const rest = await owner.post("/dashboard/books/returns", { shop: "demo", code: "CC7K2M9Q", refund: "none" });
    expect(rest.headers.get("location")).toContain("amount=25000");
    const nov = await owner.get("/dashboard/books?shop=demo&month=2026-11");
    expect(section(nov.html, "returns")).toContain("-20.000");
    const s1a = await owner.get("/dashboard/books/print?shop=demo&book=S1a&month=2026-11");
    expect(s1a.html).toContain("-20.000");
    expect(s1a.html).toMatch(/data-summary="total">[\s\S]*?25\.000/);
    const dec = await owner.get("/dashboard/books/print?shop=demo&book=S1a&month=2026-12");
    expect(dec.html).toContain("-25.000");
    const nothing = await owner.post("/dashboard/books/returns", { shop: "demo", code: "CC7K2M9Q", refund: "none" });
    expect(await nothing.text()).toContain("Đơn CC7K2M9Q đã được ghi trả lại hết.");
  });

  it("a return recorded by mistake is taken back: the books stop subtracting it, the goods can be returned again, a second tap says it is gone", async () => {
    await deliveredOrder("CC7K2M9Q");
    const owner = await sessionAs("8001", "owner");
    await owner.post("/dashboard/books/returns", { shop: "demo", ...NOVEMBER, code: "CC7K2M9Q", acceptedDate: "2026-11-22", refund: "cash" });
    const nov = await owner.get("/dashboard/books?shop=demo&month=2026-11");
    const action = section(nov.html, "returns").match(/action="(\/dashboard\/books\/returns\/\d+\/delete)"/)?.[1];
    expect(action).toBeTruthy();
    expect(section(nov.html, "returns")).toContain("Bỏ (ghi nhầm)");

    const taken = await owner.post(action!, { shop: "demo", ...NOVEMBER });
    expect(taken.status).toBe(303);
    expect(taken.headers.get("location")).toBe("/dashboard/books?shop=demo&month=2026-11&ok=return-deleted#returns");
    const after = await owner.get(taken.headers.get("location")!);
    expect(after.html).toContain("Đã bỏ dòng hàng trả lại ghi nhầm: sổ không còn trừ khoản này.");
    expect(section(after.html, "returns")).toContain('id="returns-none"');
    const s1a = await owner.get("/dashboard/books/print?shop=demo&book=S1a&month=2026-11");
    expect(s1a.html).not.toContain("-45.000");
    expect(s1a.html).toMatch(/data-summary="total">[\s\S]*?45\.000/);
    // The row stays, marked: a printed book can still be explained.
    const rows = await t.sqlite.store.db.selectFrom("order_returns").select(["amount", "deleted_at"]).execute();
    expect(rows).toEqual([{ amount: 45_000, deleted_at: expect.any(String) }]);

    const again = await owner.post(action!, { shop: "demo", ...NOVEMBER });
    expect(again.headers.get("location")).toContain("err=gone");
    expect((await owner.post("/dashboard/books/returns/abc/delete", { shop: "demo" })).status).toBe(400);
    // The whole order can be returned again, now for real.
    const redo = await owner.post("/dashboard/books/returns", { shop: "demo", ...NOVEMBER, code: "CC7K2M9Q", acceptedDate: "2026-11-23", refund: "cash" });
    expect(redo.headers.get("location")).toContain("amount=45000");
  });
});

describe("the household details", () => {
  it("start blank (dotted lines on the printed book), refuse a wrong tax code with the reason, and once saved head every book", async () => {
    const owner = await sessionAs("8001", "owner");
    const blank = await owner.get("/dashboard/books/profile?shop=demo");
    expect(blank.html).toContain("Bắt buộc khi doanh thu năm từ 1.000.000.000");
    expect(blank.html).toContain('value="revenue" checked');
    expect((await owner.get("/dashboard/books/print?shop=demo&book=S1a")).html).toContain('<span class="fill" data-fill="tax-code"></span>');

    const wrong = await owner.post("/dashboard/books/profile", { shop: "demo", householdName: "Hộ kinh doanh Mai Lan", taxCode: "12345", pitMethod: "revenue", declareAs: "fixed" });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain("Mã số thuế gồm 10 chữ số, 12 chữ số (số CCCD) hoặc 10 số-3 số.");
    expect(wrongHtml).toContain('value="Hộ kinh doanh Mai Lan"');
    const forged = await owner.post("/dashboard/books/profile", { shop: "demo", pitMethod: "khoán" });
    expect(forged.status).toBe(400);

    const saved = await owner.post("/dashboard/books/profile", {
      shop: "demo",
      householdName: "Hộ kinh doanh Mai Lan",
      representative: "Lò Thị Mai",
      taxCode: "001 088 012 345",
      address: "Bản Mường Than, Xã Than Uyên, Lai Châu",
      businessLocation: "Chợ Than Uyên",
      taxOffice: "Thuế cơ sở Than Uyên",
      pitMethod: "income",
      declareAs: "platform",
      einvoiceRequired: "1",
    });
    expect(saved.status).toBe(303);
    const form = await owner.get(saved.headers.get("location")!);
    expect(form.html).toContain("Đã lưu thông tin hộ kinh doanh.");
    expect(form.html).toContain('value="001088012345"');
    expect(form.html).toContain('value="income" checked');
    expect(form.html).toContain('value="platform" checked');
    expect(form.html).toMatch(/name="einvoiceRequired" value="1" checked/);
    // Ticked, the next step is SePay's settings: the page links to them.
    const settingsLink = form.html.match(/id="einvoice-settings-link"><a href="([^"]+)"/)?.[1];
    expect(settingsLink).toBe("/dashboard/einvoice?shop=demo");
    expect((await owner.get(settingsLink!)).status).toBe(200);
    const print = await owner.get("/dashboard/books/print?shop=demo&book=S1a");
    expect(print.html).toContain('data-fill="household">Hộ kinh doanh Mai Lan</span>');
    expect(print.html).toContain('data-fill="tax-code">001088012345</span>');
    expect(print.html).toContain('data-fill="representative">Lò Thị Mai</span>');
    expect((await owner.get("/dashboard/books?shop=demo")).html).not.toContain('id="profile-missing"');
  });
});

describe("in English", () => {
  it("the pages speak English; the printed form keeps its official Vietnamese", async () => {
    const owner = await sessionAs("8001", "owner", "en");
    const page = await owner.get("/dashboard/books?shop=demo&month=2026-11");
    expect(page.html).toContain("Rows added by hand");
    expect(page.html).toContain("View/Print");
    const bad = await owner.post("/dashboard/books/entries", { shop: "demo", date: "2026-11-15", kind: "sale", account: "cash", amount: "lots" });
    expect(await bad.text()).toContain("The amount could not be read");
    const print = await owner.get("/dashboard/books/print?shop=demo&book=S1a&month=2026-11");
    expect(print.html).toContain("Kỳ kê khai: Tháng 11 năm 2026");
    expect(print.html).toContain("NGƯỜI ĐẠI DIỆN HỘ KINH DOANH/CÁ NHÂN KINH DOANH");
    expect(print.html).toContain("🖨 Print");
  });
});

describe("the printed book", () => {
  it("is laid out like the form: header blocks, title, period, column letters, totals, signature; each order links to its day on the board", async () => {
    await deliveredOrder("CC7K2M9Q");
    const owner = await sessionAs("8001", "owner");
    const { html, status } = await owner.get("/dashboard/books/print?shop=demo&book=S1a&month=2026-11");
    expect(status).toBe(200);
    for (const text of ["HỘ, CÁ NHÂN KINH DOANH:", "Địa chỉ:", "Mã số thuế:", "Mẫu số S1a-HKD", "(Kèm theo Thông tư số 152/2025/TT-BTC ngày 31 tháng 12 năm 2025 của Bộ trưởng Bộ Tài chính)", "SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ", "Địa điểm kinh doanh:", "Kỳ kê khai: Tháng 11 năm 2026", "Đơn vị tính: đồng", "Ngày tháng", "Diễn giải", "Số tiền", "Tổng cộng", "NGƯỜI ĐẠI DIỆN HỘ KINH DOANH/CÁ NHÂN KINH DOANH", "(Ký, ghi rõ họ tên, đóng dấu (nếu có))", "Ngày ...... tháng ...... năm ......"]) expect(html, text).toContain(text);
    expect(html).toMatch(/<tr class="letters"><th>A<\/th><th>B<\/th><th>1<\/th><\/tr>/);
    expect(html).toContain('<a href="/dashboard/books/order?shop=demo&amp;code=CC7K2M9Q" data-order="CC7K2M9Q">CC7K2M9Q</a>');
    const order = await owner.get("/dashboard/books/order?shop=demo&code=CC7K2M9Q");
    expect(order.status).toBe(302);
    expect(order.location).toMatch(/^\/dashboard\?shop=demo&date=2026-\d\d-\d\d&q=CC7K2M9Q$/);
    expect((await owner.get("/dashboard/books/order?shop=demo&code=<b>x</b>")).html).not.toContain("<b>");
    const s2a = await owner.get("/dashboard/books/print?shop=demo&book=S2a&month=2026-11");
    expect(s2a.html).toMatch(/<tr class="letters"><th>A<\/th><th>B<\/th><th>C<\/th><th>1<\/th><\/tr>/);
    expect(s2a.html).toContain("Tổng số thuế GTGT phải nộp");
    const s2e = await owner.get("/dashboard/books/print?shop=demo&book=S2e&month=2026-11");
    expect(s2e.html).toMatch(/<tr class="letters"><th>A<\/th><th>B<\/th><th>C<\/th><th>1<\/th><th>2<\/th><\/tr>/);
    expect(s2e.html).toContain("Số dư đầu kỳ");
    expect(s2e.html).toContain("SỔ CHI TIẾT TIỀN");
    const unknown = await owner.get("/dashboard/books/print?shop=demo&book=S9z");
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain("Không có sổ này");
  });
});
