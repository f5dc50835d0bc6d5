import { Hono } from "hono";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createLoginLink } from "../../src/domain/auth/accounts";
import { findByCode, loadCatalog, type CatalogItem } from "../../src/domain/catalog/catalog";
import { broadcastRoutes } from "../../src/http/dashboard/broadcasts";
import { catalogRoutes, mediaRoute } from "../../src/http/dashboard/catalog";
import { DashboardClient } from "../helpers/dashboard";
import { loginByLink } from "../helpers/login-link";
import { makeTestApp, testAssets, type TestApp } from "../helpers/test-app";

// The real app with these sections mounted after it, as they will be once wired into src/app.ts
// (so the app's body limit and the orders section's session check run first, as in production).
function withSections(t: TestApp): TestApp {
  const deps = { store: t.sqlite.store, clock: t.clock, publicUrl: "", assets: testAssets() };
  const app = new Hono();
  app.route("/", t.app);
  app.route("/dashboard", catalogRoutes(deps));
  app.route("/dashboard", broadcastRoutes(deps));
  app.route("/", mediaRoute(t.sqlite.store));
  return { ...t, app };
}

let t: TestApp;
let client: DashboardClient;
beforeEach(async () => {
  t = withSections(await makeTestApp());
  client = await DashboardClient.asOperator(t);
});
afterEach(async () => {
  await t.close();
});

type Fields = Record<string, string | string[]>;

/** The edit form's fields for a product, as the page fills them in. */
function fieldsOf(p: CatalogItem): Fields {
  return {
    code: p.code,
    name: p.name,
    price: String(p.price),
    unit: p.unit,
    stock: String(p.stock),
    description: p.description,
    category: p.category,
    labels: p.labels.join(", "),
    days: [...p.availableDays],
    from: p.availableFrom ?? "",
    to: p.availableTo ?? "",
    options: p.optionGroups.map((g) => `${g.name}: ${g.options.map((o) => `${o.name}=${o.priceDelta}`).join(", ")}`).join("\n"),
    ...(p.soldOut ? { soldOut: "1" } : {}),
  };
}

/** Posts a form the way the product editor does: multipart, with a photo part (empty when no file is chosen). */
async function postMultipart(c: DashboardClient, path: string, fields: Fields, photo?: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> }, opts: { csrf?: boolean } = {}): Promise<Response> {
  const form = new FormData();
  if (opts.csrf !== false) form.set("_csrf", c.csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
  form.append("photo", photo ? new File([photo.bytes], photo.name, { type: photo.type }) : new File([], "", { type: "application/octet-stream" }));
  return t.app.request(path, { method: "POST", headers: { cookie: c.cookie }, body: form });
}

async function product(code: string, shopId = 1): Promise<CatalogItem> {
  const item = findByCode(await loadCatalog(t.sqlite.store, shopId), code);
  if (!item) throw new Error(`no product ${code}`);
  return item;
}

function png(width = 4, height = 4): Uint8Array<ArrayBuffer> {
  const image = new PNG({ width, height });
  image.data.fill(180);
  return new Uint8Array(PNG.sync.write(image));
}

describe("catalog editor", () => {
  it("lists products and saves a new price, options, labels and hours that loadCatalog then returns", async () => {
    const list = await client.get("/dashboard/catalog?shop=demo");
    expect(list.status).toBe(200);
    expect(list.html).toContain("Cơm gà nướng mắc khén");
    expect(list.html).toContain("45.000 ₫");
    const edit = await client.get("/dashboard/catalog/A1/edit?shop=demo");
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('value="45.000"');
    expect(edit.html).toContain("Cỡ phần: Vừa=0, Lớn=10000\nĐộ cay: Không cay=0, Cay vừa=0, Cay nhiều=0");

    const before = await product("A1");
    const optionsText = "Cỡ phần: Vừa=0, Lớn=15k\nĐộ cay: Không cay, Cay=+0\nThêm: Trứng=5.000";
    const res = await postMultipart(client, "/dashboard/catalog/A1?shop=demo", { ...fieldsOf(before), price: "55k", labels: "Mới, Bán chạy, Mới", days: ["1", "2", "3", "4", "5"], from: "10:00", to: "14:00", options: optionsText });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/catalog?shop=demo&ok=saved&code=A1");

    const after = await product("A1");
    expect(after).toMatchObject({ price: 55_000, labels: ["Mới", "Bán chạy"], availableDays: "12345", availableFrom: "10:00", availableTo: "14:00", stock: 50, soldOut: false });
    expect(after.optionGroups.map((g) => [g.name, g.options.map((o) => [o.name, o.priceDelta])])).toEqual([
      ["Cỡ phần", [["Vừa", 0], ["Lớn", 15_000]]],
      ["Độ cay", [["Không cay", 0], ["Cay", 0]]],
      ["Thêm", [["Trứng", 5_000]]],
    ]);
    const shown = await client.get("/dashboard/catalog?shop=demo&ok=saved&code=A1");
    expect(shown.html).toContain("55.000 ₫");
    expect(shown.html).toContain("Đã lưu A1.");
    // Shown back in the same format it was typed in.
    expect((await client.get("/dashboard/catalog/A1/edit?shop=demo")).html).toContain("Cỡ phần: Vừa=0, Lớn=15000\nĐộ cay: Không cay=0, Cay=0\nThêm: Trứng=5000");

    // Saving again without touching the options keeps their ids (a buyer's open cart refers to them).
    const ids = after.optionGroups.flatMap((g) => g.options.map((o) => o.id));
    expect((await postMultipart(client, "/dashboard/catalog/A1?shop=demo", { ...fieldsOf(after), price: "45.000" })).status).toBe(303);
    const again = await product("A1");
    expect(again.price).toBe(45_000);
    expect(again.optionGroups.flatMap((g) => g.options.map((o) => o.id))).toEqual(ids);
  });

  it("reads option prices the way sellers type them, and refuses an unreadable one instead of saving 0 ₫", async () => {
    await client.get("/dashboard/catalog/A1/edit?shop=demo");
    const before = await product("A1");
    const typed = "Cỡ phần: Vừa, Lớn +20k\nĐộ cay: Không cay, Cay vừa (+5.000đ), Cay nhiều = 7000\nThêm: Trứng 10.000đ";
    expect((await postMultipart(client, "/dashboard/catalog/A1?shop=demo", { ...fieldsOf(before), options: typed })).status).toBe(303);
    const after = await product("A1");
    expect(after.optionGroups.map((g) => g.options.map((o) => [o.name, o.priceDelta]))).toEqual([
      [["Vừa", 0], ["Lớn", 20_000]],
      [["Không cay", 0], ["Cay vừa", 5_000], ["Cay nhiều", 7_000]],
      [["Trứng", 10_000]],
    ]);
    await client.get("/dashboard/catalog/A1/edit?shop=demo");
    const refused = await postMultipart(client, "/dashboard/catalog/A1?shop=demo", { ...fieldsOf(after), options: "Cỡ phần: Vừa, Lớn +hai mươi" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Không đọc được giá của “Lớn +hai mươi”");
    expect((await product("A1")).optionGroups[0]?.options.map((o) => o.priceDelta)).toEqual([0, 20_000]);
  });

  it("adds a new product at the end of the menu, and toggles sold out", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    const res = await postMultipart(client, "/dashboard/catalog?shop=demo", { code: "b9", name: "Nem rán", price: "30.000", unit: "đĩa", stock: "12", description: "", category: "Món phụ", labels: "", days: ["6", "7"], from: "", to: "", options: "Cỡ: Nhỏ, Lớn=10000" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/catalog?shop=demo&ok=created&code=B9");
    const catalog = await loadCatalog(t.sqlite.store, 1);
    expect(catalog.at(-1)).toMatchObject({ code: "B9", name: "Nem rán", price: 30_000, unit: "đĩa", stock: 12, availableDays: "67", availableFrom: null, category: "Món phụ" });
    expect(catalog.at(-1)?.optionGroups[0]?.options.map((o) => o.priceDelta)).toEqual([0, 10_000]);

    await client.get("/dashboard/catalog?shop=demo");
    const off = await client.post("/dashboard/catalog/B9/sold-out?shop=demo", { soldOut: "1" });
    expect(off.headers.get("location")).toBe("/dashboard/catalog?shop=demo&ok=soldout&code=B9");
    expect((await product("B9")).soldOut).toBe(true);
    expect((await client.get("/dashboard/catalog?shop=demo&ok=soldout&code=B9")).html).toContain("B9 đã báo hết hàng.");
    await client.post("/dashboard/catalog/B9/sold-out?shop=demo", { soldOut: "0" });
    expect((await product("B9")).soldOut).toBe(false);
  });

  it("bad input shows the form again with a clear message and saves nothing", async () => {
    const before = await product("A1");
    await client.get("/dashboard/catalog/A1/edit?shop=demo");
    const cases: [Fields, string][] = [
      [{ name: "  " }, "Tên sản phẩm không được để trống."],
      [{ price: "-5000" }, "Giá phải là số đồng từ 0 trở lên"],
      [{ price: "năm chục" }, "Giá phải là số đồng từ 0 trở lên"],
      [{ name: "x".repeat(5_000) }, "Tên dài quá: tối đa 120 ký tự."],
      [{ description: "x".repeat(5_000) }, "Mô tả dài quá: tối đa 1000 ký tự."],
      [{ stock: "-1" }, "Tồn kho phải là số nguyên"],
      [{ from: "14:00", to: "10:00" }, "Giờ bán cần cả giờ bắt đầu và giờ kết thúc"],
      [{ days: [] }, "Chọn ít nhất một ngày bán."],
      [{ options: "Cỡ Vừa Lớn" }, "Không hiểu dòng tuỳ chọn “Cỡ Vừa Lớn”"],
      [{ options: "Cỡ: Lớn=nhiều" }, "Không đọc được giá của “Lớn=nhiều”"],
      [{ code: "A 1!" }, "Mã phải từ 1 đến 10 chữ cái"],
    ];
    for (const [change, message] of cases) {
      const res = await postMultipart(client, "/dashboard/catalog/A1?shop=demo", { ...fieldsOf(before), price: "99k", ...change });
      expect(res.status, JSON.stringify(change).slice(0, 80)).toBe(400);
      const body = await res.text();
      expect(body).toContain("Chưa lưu gì.");
      expect(body).toContain(message);
    }
    expect(await product("A1")).toEqual(before);
    const created = await postMultipart(client, "/dashboard/catalog?shop=demo", { code: "C1", name: "", price: "-1", unit: "phần", stock: "1", days: ["1"] });
    expect(created.status).toBe(400);
    expect(await t.sqlite.store.db.selectFrom("products").select("id").where("code", "=", "C1").executeTakeFirst()).toBeUndefined();
  });

  it("a code already used by another product is refused with a clear message, not a crash", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    const a2 = await product("A2");
    const renamed = await postMultipart(client, "/dashboard/catalog/A2?shop=demo", { ...fieldsOf(a2), code: "a1" });
    expect(renamed.status).toBe(409);
    expect(await renamed.text()).toContain("Mã A1 đã có sản phẩm khác dùng. Chọn mã khác.");
    expect(await product("A2")).toEqual(a2);
    const created = await postMultipart(client, "/dashboard/catalog?shop=demo", { ...fieldsOf(a2), code: "A1", name: "Trùng mã" });
    expect(created.status).toBe(409);
    expect(await t.sqlite.store.db.selectFrom("products").select("id").where("name", "=", "Trùng mã").executeTakeFirst()).toBeUndefined();
    // Renaming to a free code works, and the list follows.
    expect((await postMultipart(client, "/dashboard/catalog/A2?shop=demo", { ...fieldsOf(a2), code: "A22" })).status).toBe(303);
    expect((await product("A22")).id).toBe(a2.id);
  });

  it("refuses an oversized or non-image photo; stores a real PNG and serves it at /media/<id>", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    const a3 = await product("A3");
    const big = new Uint8Array(1_010_000);
    big.set(png().subarray(0, 8));
    const tooBig = await postMultipart(client, "/dashboard/catalog/A3?shop=demo", fieldsOf(a3), { name: "big.png", type: "image/png", bytes: big });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain("Ảnh lớn quá: tối đa 1 MB.");
    const fake = await postMultipart(client, "/dashboard/catalog/A3?shop=demo", fieldsOf(a3), { name: "photo.png", type: "image/png", bytes: new TextEncoder().encode("<svg onload=alert(1)></svg>") });
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("Tệp này không phải ảnh JPEG, PNG hoặc WebP.");
    expect(await t.sqlite.store.db.selectFrom("media").select("id").execute()).toEqual([]);
    expect((await product("A3")).photoUrl).toBeNull();

    const bytes = png(8, 6);
    // The browser's claimed type is ignored: the bytes say PNG.
    const saved = await postMultipart(client, "/dashboard/catalog/A3?shop=demo", fieldsOf(a3), { name: "x.jpg", type: "image/jpeg", bytes });
    expect(saved.status).toBe(303);
    const photoUrl = (await product("A3")).photoUrl ?? "";
    expect(photoUrl).toMatch(/^\/media\/[A-Za-z0-9_-]{22}$/);
    const served = await t.app.request(photoUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    // The list shows a 64 px thumbnail: the small copy when there is one, this photo itself otherwise.
    expect((await client.get("/dashboard/catalog?shop=demo")).html).toContain(`src="${photoUrl}?w=128"`);

    for (const path of ["/media/..%2F..%2Fetc%2Fpasswd", "/media/AAAAAAAAAAAAAAAAAAAAAA", "/media/x", "/media/a/b"]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: "not found" });
    }
  });

  it("a staff session of one shop cannot edit another shop's product", async () => {
    const now = t.clock.now().toISOString();
    const other = await t.sqlite.store.db.insertInto("shops").values({ slug: "khac", name: "Shop Khác", created_at: now }).returning("id").executeTakeFirstOrThrow();
    await t.sqlite.store.db.insertInto("products").values({ shop_id: other.id, code: "K1", name: "Bánh khác", price: 10_000, stock: 5, created_at: now }).execute();
    const schedule = await t.sqlite.store.db.insertInto("scheduled_posts").values({ shop_id: other.id, cron: "30 10 * * *", kind: "menu", next_run_at: now, created_at: now }).returning("id").executeTakeFirstOrThrow();
    const staff = await t.sqlite.store.db.insertInto("staff").values({ shop_id: 1, channel: "telegram", user_id: "9", name: "Hoa", role: "staff", created_at: now }).returningAll().executeTakeFirstOrThrow();
    const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
    const hoa = new DashboardClient(t);
    const login = await loginByLink(t.app, await createLoginLink(t.sqlite.store, account.id, t.clock.now()));
    hoa.cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    const own = await hoa.get("/dashboard/catalog");
    expect(own.status).toBe(200);
    expect(own.html).toContain("Cơm gà nướng mắc khén");
    expect(own.html).not.toContain("Bánh khác");

    expect((await hoa.get("/dashboard/catalog/K1/edit")).status).toBe(404);
    expect((await hoa.get("/dashboard/catalog/K1/edit?shop=khac")).status).toBe(403);
    const k1 = await product("K1", other.id);
    expect((await postMultipart(hoa, "/dashboard/catalog/K1", { ...fieldsOf(k1), price: "1" })).status).toBe(404);
    expect((await postMultipart(hoa, "/dashboard/catalog/K1?shop=khac", { ...fieldsOf(k1), price: "1" })).status).toBe(403);
    expect((await postMultipart(hoa, "/dashboard/catalog", { ...fieldsOf(k1), shop: "khac", code: "K2" })).status).toBe(403);
    expect((await hoa.post("/dashboard/catalog/K1/sold-out", { soldOut: "1" })).status).toBe(404);
    expect((await hoa.post(`/dashboard/broadcasts/schedules/${schedule.id}/off`, {})).status).toBe(404);
    expect(await product("K1", other.id)).toEqual(k1);
    expect((await t.sqlite.store.db.selectFrom("scheduled_posts").select("active").where("id", "=", schedule.id).executeTakeFirstOrThrow()).active).toBe(1);
    expect(await t.sqlite.store.db.selectFrom("products").select("id").where("code", "=", "K2").executeTakeFirst()).toBeUndefined();
  });

  it("shows a product name with markup escaped, everywhere it appears", async () => {
    await t.sqlite.store.db.updateTable("products").set({ name: "<script>alert(1)</script>", labels: '["<b>x</b>"]' }).where("code", "=", "A5").execute();
    for (const path of ["/dashboard/catalog?shop=demo", "/dashboard/catalog/A5/edit?shop=demo", "/dashboard/broadcasts?shop=demo"]) {
      const { html } = await client.get(path);
      expect(html, path).not.toContain("<script>alert(1)</script>");
      expect(html, path).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html, path).not.toContain("<b>x</b>");
    }
  });

  it("a POST without the CSRF token (or from another site) is refused and changes nothing", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    const before = await product("A1");
    expect((await postMultipart(client, "/dashboard/catalog/A1?shop=demo", { ...fieldsOf(before), price: "1" }, undefined, { csrf: false })).status).toBe(403);
    expect((await client.post("/dashboard/catalog/A1/sold-out?shop=demo", { soldOut: "1" }, { csrf: null })).status).toBe(403);
    expect((await client.post("/dashboard/catalog/A1/sold-out?shop=demo", { soldOut: "1" }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await client.post("/dashboard/broadcasts?shop=demo", { do: "schedule", kind: "menu", preset: "daily1030" }, { csrf: "wrong" })).status).toBe(403);
    expect(await product("A1")).toEqual(before);
    expect(await t.sqlite.store.db.selectFrom("scheduled_posts").select("id").execute()).toEqual([]);
  });
});

describe("broadcast composer", () => {
  async function linkGroups() {
    const now = t.clock.now().toISOString();
    await t.sqlite.store.db.insertInto("bots").values({ shop_id: 1, channel: "telegram", platform_id: "7001", token: "7001:secret", username: "bep_nha_may_bot", webhook_secret: "s", created_at: now }).execute();
    await t.sqlite.store.db
      .insertInto("shop_groups")
      .values([
        { shop_id: 1, channel: "telegram", bot_id: "7001", chat_id: "-1001", title: "Khách Than Uyên", linked: 1, created_at: now, updated_at: now },
        { shop_id: 1, channel: "telegram", bot_id: "7001", chat_id: "-1002", title: "Khách Mường Than", linked: 1, created_at: now, updated_at: now },
        { shop_id: 1, channel: "telegram", bot_id: "7001", chat_id: "-1003", title: "Nhóm chưa liên kết", linked: 0, created_at: now, updated_at: now },
      ])
      .execute();
  }
  const nonceOf = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)?.[1] ?? "";

  it("previews the post as the chat sends it, sends it to the linked groups once, and shows each group's delivery", async () => {
    await linkGroups();
    const composer = await client.get("/dashboard/broadcasts?shop=demo");
    expect(composer.status).toBe(200);
    expect(composer.html).toContain("📋 Thực đơn Bếp Nhà Mây:");
    const preview = await t.app.request("/dashboard/broadcasts/preview?shop=demo&kind=item&code=A1", { headers: { cookie: client.cookie } });
    expect(await preview.text()).toContain("A1 · Cơm gà nướng mắc khén — 45.000 ₫/phần");
    const previewed = await client.post("/dashboard/broadcasts?shop=demo", { do: "preview", kind: "free", text: "Chiều nay có <b>xôi</b>" });
    expect(previewed.status).toBe(200);
    expect(await previewed.text()).toContain("Chiều nay có &lt;b&gt;xôi&lt;/b&gt;");

    const nonce = nonceOf(composer.html);
    const sent = await client.post("/dashboard/broadcasts?shop=demo", { do: "send", kind: "item", code: "A1", nonce });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe("/dashboard/broadcasts?shop=demo&ok=sent&n=2");
    const broadcast = await t.sqlite.store.db.selectFrom("broadcasts").selectAll().executeTakeFirstOrThrow();
    expect(broadcast).toMatchObject({ shop_id: 1, kind: "item", product_code: "A1", created_by: "Operator", targets: 2 });
    expect(broadcast.source_key).toMatch(/^dash:/);
    const posts = await t.sqlite.store.db.selectFrom("outbox").selectAll().where("ref", "=", `broadcast:${broadcast.id}`).orderBy("id").execute();
    expect(posts.map((p) => p.chat_id)).toEqual(["-1001", "-1002"]);
    expect(JSON.parse(posts[0]?.payload ?? "{}").text).toContain("A1 · Cơm gà nướng mắc khén — 45.000 ₫/phần");

    // The same form sent twice (a double tap) posts once.
    const twice = await client.post("/dashboard/broadcasts?shop=demo", { do: "send", kind: "item", code: "A1", nonce });
    expect(twice.headers.get("location")).toBe("/dashboard/broadcasts?shop=demo&ok=dup");
    expect(await t.sqlite.store.db.selectFrom("broadcasts").select("id").execute()).toHaveLength(1);

    const list = await client.get("/dashboard/broadcasts?shop=demo&ok=sent&n=2");
    expect(list.html).toContain("Đã đưa bài vào hàng gửi tới 2 nhóm.");
    expect(list.html).toContain(`href="/dashboard/broadcasts/${broadcast.id}?shop=demo"`);
    await t.sqlite.store.db.updateTable("outbox").set({ status: "failed", last_error: "Forbidden: bot was kicked" }).where("chat_id", "=", "-1002").execute();
    const details = await client.get(`/dashboard/broadcasts/${broadcast.id}?shop=demo`);
    expect(details.status).toBe(200);
    expect(details.html).toContain("Khách Than Uyên");
    expect(details.html).toContain("đang chờ");
    expect(details.html).toContain("Forbidden: bot was kicked");
    expect(details.html).not.toContain("Nhóm chưa liên kết");
  });

  it("explains why a post cannot be sent", async () => {
    await client.get("/dashboard/broadcasts?shop=demo");
    const noGroups = await client.post("/dashboard/broadcasts?shop=demo", { do: "send", kind: "menu" });
    expect(noGroups.status).toBe(409);
    expect(await noGroups.text()).toContain("Chưa có nhóm nào được liên kết.");
    await linkGroups();
    const empty = await client.post("/dashboard/broadcasts?shop=demo", { do: "send", kind: "free", text: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Bài tự do cần có nội dung.");
    const unknown = await client.post("/dashboard/broadcasts?shop=demo", { do: "send", kind: "item", code: "ZZ9" });
    expect(await unknown.text()).toContain("Chọn một món có trong danh sách.");
    expect(await t.sqlite.store.db.selectFrom("broadcasts").select("id").execute()).toEqual([]);
  });

  it("schedules with a preset, refuses a wrong cron with its reason, and turns a schedule off", async () => {
    await client.get("/dashboard/broadcasts?shop=demo");
    const res = await client.post("/dashboard/broadcasts?shop=demo", { do: "schedule", kind: "menu", preset: "daily1030" });
    expect(res.status).toBe(303);
    // Monday 10:30 in Hà Nội now: the next 10:30 is Tuesday's.
    expect(res.headers.get("location")).toBe("/dashboard/broadcasts?shop=demo&ok=scheduled&next=2026-11-24T03%3A30%3A00.000Z");
    await client.post("/dashboard/broadcasts?shop=demo", { do: "schedule", kind: "item", code: "A2", preset: "weekdays1030" });
    const rows = await t.sqlite.store.db.selectFrom("scheduled_posts").selectAll().orderBy("id").execute();
    expect(rows.map((r) => [r.cron, r.kind, r.product_code, r.active])).toEqual([
      ["30 10 * * *", "menu", null, 1],
      ["30 10 * * 1-5", "item", "A2", 1],
    ]);
    const list = await client.get(`/dashboard/broadcasts?shop=demo&ok=scheduled&next=${encodeURIComponent(rows[0]?.next_run_at ?? "")}`);
    expect(list.html).toContain("Đã lên lịch. Lần đăng tới: 2026-11-24 10:30.");
    expect(list.html).toContain("Mỗi ngày lúc 10:30");
    expect(list.html).toContain("Thứ 2 – thứ 6 lúc 10:30");

    for (const [cron, reason] of [
      ["30 10 * *", "lịch cần đúng 5 trường"],
      ["61 10 * * *", "Lịch không hợp lệ: "],
    ] as const) {
      const wrong = await client.post("/dashboard/broadcasts?shop=demo", { do: "schedule", kind: "menu", preset: "custom", cron });
      expect(wrong.status).toBe(400);
      const body = await wrong.text();
      expect(body).toContain("Lịch không hợp lệ: ");
      expect(body).toContain(reason);
      expect(body).toContain(`value="${cron}"`);
    }
    expect(await t.sqlite.store.db.selectFrom("scheduled_posts").select("id").execute()).toHaveLength(2);

    const off = await client.post(`/dashboard/broadcasts/schedules/${rows[0]?.id}/off?shop=demo`, {});
    expect(off.headers.get("location")).toBe("/dashboard/broadcasts?shop=demo&ok=off");
    expect((await t.sqlite.store.db.selectFrom("scheduled_posts").select("active").where("id", "=", rows[0]?.id ?? 0).executeTakeFirstOrThrow()).active).toBe(0);
    const after = await client.get("/dashboard/broadcasts?shop=demo");
    expect(after.html).not.toContain(`<tr data-id="${rows[0]?.id}"`);
    expect(after.html).toContain(`<tr data-id="${rows[1]?.id}"`);
  });

  it("speaks English when the session's language is English", async () => {
    await client.get("/dashboard/broadcasts?shop=demo");
    await client.post("/dashboard/lang", { lang: "en" });
    const composer = await client.get("/dashboard/broadcasts?shop=demo");
    expect(composer.html).toContain("Compose a post");
    expect(composer.html).toContain("Every day at 10:30");
    expect((await client.get("/dashboard/catalog?shop=demo")).html).toContain("Mark sold out");
  });
});
