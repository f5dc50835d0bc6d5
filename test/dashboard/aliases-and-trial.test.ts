import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findByCode, loadCatalog, type CatalogItem } from "../../src/domain/catalog/catalog";
import { DashboardClient } from "../helpers/dashboard";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// The catalog editor's "Tên gọi khác" field and the "Thử bình luận" box, through the real app.
let t: TestApp;
let client: DashboardClient;
beforeEach(async () => {
  t = await makeTestApp();
  client = await DashboardClient.asOperator(t);
});
afterEach(async () => {
  await t.close();
});

async function product(code: string): Promise<CatalogItem> {
  const item = findByCode(await loadCatalog(t.sqlite.store, 1), code);
  if (!item) throw new Error(`no product ${code}`);
  return item;
}

/** The edit form as the page fills it in, with some fields changed; posted as the browser does (multipart). */
async function saveProduct(code: string, changes: Record<string, string | undefined>): Promise<Response> {
  const p = await product(code);
  await client.get(`/dashboard/catalog/${code}/edit?shop=demo`);
  const fields: Record<string, string | string[] | undefined> = {
    code: p.code,
    name: p.name,
    price: String(p.price),
    unit: p.unit,
    stock: String(p.stock),
    description: p.description,
    category: p.category,
    labels: p.labels.join(", "),
    aliases: p.aliases.join(", "),
    days: [...p.availableDays],
    from: p.availableFrom ?? "",
    to: p.availableTo ?? "",
    options: p.optionGroups.map((g) => `${g.name}: ${g.options.map((o) => `${o.name}=${o.priceDelta}`).join(", ")}`).join("\n"),
    ...changes,
  };
  const form = new FormData();
  form.set("_csrf", client.csrf);
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) for (const x of [v].flat()) form.append(k, x);
  form.append("photo", new File([], "", { type: "application/octet-stream" }));
  return t.app.request(`/dashboard/catalog/${code}?shop=demo`, { method: "POST", headers: { cookie: client.cookie }, body: form });
}

/** Types a comment into the catalog page's box (the page is opened first, for its CSRF token) and sends it. */
async function tryComment(comment: string, opts: { csrf?: string | null } = {}): Promise<Response> {
  if (!client.csrf) await client.get("/dashboard/catalog?shop=demo");
  return client.post("/dashboard/catalog/try?shop=demo", { comment }, opts);
}

describe("catalog editor: other names", () => {
  it("shows the demo's other names, saves new ones (cleaned) and shows them again", async () => {
    const edit = await client.get("/dashboard/catalog/A1/edit?shop=demo");
    expect(edit.html).toContain("Tên gọi khác");
    expect(edit.html).toContain('name="aliases" value="cơm gà, gà nướng"');
    expect(edit.html).toContain("Khách gõ các tên này trong bình luận");

    const saved = await saveProduct("A6", { aliases: " trà mạn ,  Chè búp, trà MẠN,, " });
    expect(saved.status).toBe(303);
    expect((await product("A6")).aliases).toEqual(["trà mạn", "Chè búp"]);
    expect((await client.get("/dashboard/catalog/A6/edit?shop=demo")).html).toContain('name="aliases" value="trà mạn, Chè búp"');
    const list = await client.get("/dashboard/catalog?shop=demo");
    expect(list.html).toMatch(/data-code="A6"[\s\S]*?Tên gọi khác: trà mạn, Chè búp/);

    // Emptied, they are gone.
    expect((await saveProduct("A6", { aliases: "" })).status).toBe(303);
    expect((await product("A6")).aliases).toEqual([]);
  });

  it("refuses another product's code, too many names and a name with no letter; nothing is saved", async () => {
    const clash = await saveProduct("A1", { aliases: "cơm gà, a2", price: "50.000" });
    expect(clash.status).toBe(400);
    const html = await clash.text();
    expect(html).toContain("“a2” là mã món, không dùng làm tên gọi khác được.");
    // The form comes back as typed.
    expect(html).toContain('value="cơm gà, a2"');
    const many = await saveProduct("A1", { aliases: Array.from({ length: 11 }, (_, i) => `gà ${String.fromCharCode(97 + i)}`).join(", ") });
    expect(await many.text()).toContain("Tối đa 10 tên gọi khác cho mỗi món.");
    expect(await (await saveProduct("A1", { aliases: "123" })).text()).toContain("không có chữ nào");
    const a1 = await product("A1");
    expect(a1.aliases).toEqual(["cơm gà", "gà nướng"]);
    expect(a1.price).toBe(45_000);
  });

  it("a page opened before the field existed (no aliases sent) keeps the stored names", async () => {
    expect((await saveProduct("A1", { aliases: undefined, stock: "9" })).status).toBe(303);
    const a1 = await product("A1");
    expect(a1.stock).toBe(9);
    expect(a1.aliases).toEqual(["cơm gà", "gà nướng"]);
  });

  it("a new product is created with its other names", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    const form = new FormData();
    form.set("_csrf", client.csrf);
    for (const [k, v] of Object.entries({ code: "B1", name: "Măng đắng", price: "30k", unit: "kg", stock: "5", aliases: "măng rừng, măng", days: "1" })) form.append(k, v);
    form.append("photo", new File([], "", { type: "application/octet-stream" }));
    const res = await t.app.request("/dashboard/catalog?shop=demo", { method: "POST", headers: { cookie: client.cookie }, body: form });
    expect(res.status).toBe(303);
    expect((await product("B1")).aliases).toEqual(["măng rừng", "măng"]);
  });
});

describe("catalog page: Thử bình luận", () => {
  it("the page has the box, with the session's CSRF token", async () => {
    const list = await client.get("/dashboard/catalog?shop=demo");
    expect(list.html).toMatch(/<form method="post" action="\/dashboard\/catalog\/try\?shop=demo#try"><input type="hidden" name="_csrf" value="[^"]+">/);
    expect(list.html).toContain("Thử bình luận");
  });

  it("shows the items with options and quantities, the phone, the note and what was ignored", async () => {
    const res = await tryComment("chốt A1 2 lớn cay nhiều 45k sđt 0912345678 giao xóm 2 Mường Than");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Bot hiểu là:");
    expect(html).toContain('<li data-code="A1"><strong>A1</strong> · Cơm gà nướng mắc khén × 2 phần — Lớn, Cay nhiều</li>');
    expect(html).toMatch(/<dt>Số điện thoại<\/dt><dd>0912345678<\/dd>/);
    expect(html).toMatch(/<dt>Ghi chú cho shop<\/dt><dd>giao xóm 2 Mường Than<\/dd>/);
    expect(html).toMatch(/<dd data-ignored>45k<\/dd>/);
    // The comment stays in the box, to change and try again.
    expect(html).toContain('name="comment" value="chốt A1 2 lớn cay nhiều 45k sđt 0912345678 giao xóm 2 Mường Than"');
  });

  it("shows the answer the bot would give to an unclear comment, and says when it stays silent", async () => {
    const unclear = await (await tryComment("chốt Z9 2")).text();
    expect(unclear).toContain("Bot chưa đọc được hết");
    expect(unclear).toContain('<p class="answer" data-answer>Shop không có mã Z9 — gõ ví dụ: A1 2</p>');
    const chatter = await (await tryComment("alo shop ơi")).text();
    expect(chatter).toContain("<p data-chatter>Không phải đơn hàng: bot im lặng.</p>");
    expect(chatter).not.toContain("<li data-code=");
  });

  it("escapes the comment wherever it appears: in the box and in the note", async () => {
    const html = await (await tryComment('chốt A1 2 giao <script>alert(1)</script>"><img src=x onerror=alert(2)>')).text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toMatch(/<dd>giao &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it("reads a name the seller has just added", async () => {
    expect(await (await tryComment("chốt 2 trà mạn")).text()).toContain("data-chatter");
    expect((await saveProduct("A6", { aliases: "trà mạn" })).status).toBe(303);
    const html = await (await tryComment("chốt 2 trà mạn")).text();
    expect(html).toContain('<li data-code="A6"><strong>A6</strong> · Chè Shan Tuyết cổ thụ × 2 gói</li>');
  });

  it("needs the CSRF token and a session", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    expect((await tryComment("chốt A1 2", { csrf: null })).status).toBe(403);
    expect((await tryComment("chốt A1 2", { csrf: "wrong" })).status).toBe(403);
    const anonymous = await t.app.request("/dashboard/catalog/try?shop=demo", { method: "POST", body: new URLSearchParams({ comment: "chốt A1 2" }) });
    expect(anonymous.status).toBe(401);
  });

  it("in English, the page's words change and the bot's answer stays in the shop's language", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    expect((await client.post("/dashboard/lang", { lang: "en" })).status).toBeLessThan(400);
    await client.get("/dashboard/catalog?shop=demo");
    const html = await (await tryComment("chốt Z9 2")).text();
    expect(html).toContain("Try a comment");
    expect(html).toContain("The bot cannot read it all, holds nothing, and answers:");
    expect(html).toContain("Shop không có mã Z9");
  });
});
