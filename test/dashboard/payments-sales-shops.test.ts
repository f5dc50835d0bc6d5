import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Shop } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { accountForStaff, createLoginLink } from "../../src/domain/auth/accounts";
import { summarizeDay } from "../../src/domain/orders/day-summary";
import { assignTransfer } from "../../src/domain/payments/assign-transfer";
import { recordTransfer } from "../../src/domain/payments/record-transfer";
import type { DashboardDeps } from "../../src/http/dashboard/context";
import { loginRoutes } from "../../src/http/dashboard/login";
import { paymentsRoutes } from "../../src/http/dashboard/payments";
import { salesRoutes } from "../../src/http/dashboard/sales";
import { shopsRoutes } from "../../src/http/dashboard/shops";
import { DashboardClient } from "../helpers/dashboard";
import { loginByLink } from "../helpers/login-link";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, testAssets, type TestApp } from "../helpers/test-app";

let t: TestApp;
// The real app (t.app) takes web chat orders; these routes are not wired into it yet, so the
// dashboard under test is its own Hono app over the same database and clock.
let dash: TestApp;

beforeEach(async () => {
  t = await makeTestApp();
  const deps: DashboardDeps = { store: t.sqlite.store, clock: t.clock, publicUrl: "", assets: testAssets() };
  const app = new Hono();
  app.route("/dashboard", loginRoutes(deps));
  app.route("/dashboard", paymentsRoutes(deps));
  app.route("/dashboard", salesRoutes(deps));
  app.route("/dashboard", shopsRoutes(deps));
  dash = { ...t, app };
});
afterEach(async () => {
  await t.close();
});

const db = () => t.sqlite.store.db;
const demo = async (): Promise<Shop> => db().selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();

/** A transfer a bank notifier reported whose memo names no order: recorded as unmatched. */
async function unmatchedTransfer(id: string, content = "chuyen tien an trua", amount = 45_000) {
  const result = await recordTransfer(t.sqlite.store, await demo(), { provider: "sepay", providerTxId: id, amount, content, accountNumber: "0011001932418", raw: { id } }, t.clock.now());
  expect(result.outcome).toBe("unmatched");
  return result.transaction;
}

/** A dashboard client logged in through a one-time link as a new staff member of a shop. */
async function staffClient(shopId: number, role: "owner" | "staff" | "shipper", userId: string): Promise<DashboardClient> {
  const staff = await db().insertInto("staff").values({ shop_id: shopId, channel: "telegram", user_id: userId, name: `Staff ${userId}`, role, created_at: t.clock.now().toISOString() }).returningAll().executeTakeFirstOrThrow();
  const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
  const res = await loginByLink(dash.app, await createLoginLink(t.sqlite.store, account.id, t.clock.now()));
  expect(res.status).toBe(303);
  const client = new DashboardClient(dash);
  client.cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
  return client;
}

describe("payments page", () => {
  it("assigns an unmatched transfer to an order once, even when the form is posted twice at the same time", async () => {
    const { order } = await placeTransferOrder(t);
    const tx = await unmatchedTransfer("sepay-1");
    const client = await DashboardClient.asOperator(dash);
    const before = await client.get("/dashboard/payments?shop=demo");
    expect(before.status).toBe(200);
    expect(before.html).toContain('data-group="unmatched"');
    expect(before.html).toContain("chuyen tien an trua");
    expect(before.html).toContain("45.000 ₫");
    expect(before.html).toContain(`/dashboard/payments/transfers/${tx.id}/assign`);

    const [first, second] = await Promise.all([
      client.post(`/dashboard/payments/transfers/${tx.id}/assign`, { shop: "demo", code: order.code.toLowerCase() }),
      client.post(`/dashboard/payments/transfers/${tx.id}/assign`, { shop: "demo", code: order.code }),
    ]);
    const locations = [first.headers.get("location") ?? "", second.headers.get("location") ?? ""].sort();
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(locations[0]).toContain("err=already_assigned");
    expect(locations[1]).toContain(`ok=assigned&code=${order.code}&outcome=paid`);

    const after = await db().selectFrom("orders").selectAll().where("id", "=", order.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ paid_amount: 45_000, payment_status: "paid", status: "confirmed" });
    const row = await db().selectFrom("bank_transactions").selectAll().where("id", "=", tx.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ order_id: order.id, outcome: "paid", paid_total_after: 45_000, recorded_by: "Operator" });
    expect(await db().selectFrom("bank_transactions").select("id").execute()).toHaveLength(1);
    // The buyer is told once that the money arrived.
    const buyer = await db().selectFrom("outbox").selectAll().where("dedupe_key", "=", `transfer:${tx.id}:buyer`).execute();
    expect(buyer).toHaveLength(1);
    expect(buyer[0]?.payload).toContain(order.code);

    // Posting again later changes nothing either.
    const again = await client.post(`/dashboard/payments/transfers/${tx.id}/assign`, { shop: "demo", code: order.code });
    expect(again.headers.get("location")).toContain("err=already_assigned");
    expect((await db().selectFrom("orders").select("paid_amount").where("id", "=", order.id).executeTakeFirstOrThrow()).paid_amount).toBe(45_000);

    const page = await client.get(`/dashboard/payments?shop=demo&ok=assigned&code=${order.code}&outcome=paid`);
    expect(page.html).toContain(`Đã gán chuyển khoản vào đơn ${order.code}`);
    expect(page.html).toContain('data-group="paid"');
    expect(page.html).not.toContain('data-group="unmatched"');
    expect(page.html).toMatch(new RegExp(`data-outcome="paid"[\\s\\S]*${order.code}`));
  });

  it("the claim inside the batch decides: two assignments that both passed the read before it count once", async () => {
    const { order } = await placeTransferOrder(t);
    const tx = await unmatchedTransfer("sepay-race");
    const real = t.sqlite.store;
    // Holds each batch until both callers have reached theirs, so both have read the transfer as unmatched.
    const arrived: (() => void)[] = [];
    const gated: Store = {
      db: real.db,
      batch: async (queries) => {
        // Only the first two batches (the assignments) wait; later ones (queued notices) go straight through.
        if (arrived.length < 2) {
          await new Promise<void>((go) => {
            arrived.push(go);
            if (arrived.length === 2) for (const release of arrived) release();
          });
        }
        return real.batch(queries);
      },
    };
    const shop = await demo();
    const results = await Promise.all([assignTransfer(gated, shop, tx.id, order.code, "A", t.clock.now()), assignTransfer(gated, shop, tx.id, order.code, "B", t.clock.now())]);
    expect(results.map((r) => (r.ok ? "ok" : r.reason)).sort()).toEqual(["already_assigned", "ok"]);
    expect(await db().selectFrom("orders").select(["paid_amount", "payment_status"]).where("id", "=", order.id).executeTakeFirstOrThrow()).toEqual({ paid_amount: 45_000, payment_status: "paid" });
    expect(await db().selectFrom("bank_transactions").select(["outcome", "paid_total_after"]).where("id", "=", tx.id).executeTakeFirstOrThrow()).toEqual({ outcome: "paid", paid_total_after: 45_000 });
  });

  it("refuses an unknown code and another shop's order code; nothing is counted", async () => {
    const tx = await unmatchedTransfer("sepay-2");
    const { order: foreign } = await placeTransferOrder(t);
    const other = await db().insertInto("shops").values({ slug: "khac", name: "Shop Khác", created_at: t.clock.now().toISOString() }).returning("id").executeTakeFirstOrThrow();
    await db().updateTable("orders").set({ shop_id: other.id }).where("id", "=", foreign.id).execute();
    const client = await DashboardClient.asOperator(dash);
    await client.get("/dashboard/payments?shop=demo");
    for (const code of ["CCAAAAAA", "not a code", foreign.code]) {
      const res = await client.post(`/dashboard/payments/transfers/${tx.id}/assign`, { shop: "demo", code });
      expect(res.headers.get("location")).toContain("err=unknown_code");
    }
    const page = await client.get("/dashboard/payments?shop=demo&err=unknown_code");
    expect(page.html).toContain("Không có đơn nào của shop với mã này");
    expect((await db().selectFrom("bank_transactions").selectAll().where("id", "=", tx.id).executeTakeFirstOrThrow()).outcome).toBe("unmatched");
    expect((await db().selectFrom("orders").select("paid_amount").where("id", "=", foreign.id).executeTakeFirstOrThrow()).paid_amount).toBe(0);
    // A transfer of another shop cannot be assigned through this shop's page.
    const theirs = await recordTransfer(t.sqlite.store, (await db().selectFrom("shops").selectAll().where("id", "=", other.id).executeTakeFirstOrThrow()), { provider: "manual", providerTxId: "x1", amount: 1_000, content: "?", raw: {} }, t.clock.now());
    const cross = await client.post(`/dashboard/payments/transfers/${theirs.transaction.id}/assign`, { shop: "demo", code: foreign.code });
    expect(cross.headers.get("location")).toContain("err=unknown_transfer");
  });

  it("saves bank settings only when the sample VietQR checks out, and shows the reason otherwise", async () => {
    const client = await DashboardClient.asOperator(dash);
    await client.get("/dashboard/payments?shop=demo");
    const unknown = await client.post("/dashboard/payments/bank", { shop: "demo", bin: "123456", account: "0123456789", holder: "Nguyen Van A" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Không biết ngân hàng có mã BIN này");
    const malformed = await client.post("/dashboard/payments/bank", { shop: "demo", bin: "97042", account: "0123456789" });
    expect(await malformed.text()).toContain("phải gồm 6 chữ số");
    const short = await client.post("/dashboard/payments/bank", { shop: "demo", bin: "970422", account: "123" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("quá ngắn");
    expect((await demo()).bank_bin).toBe("970436");

    const good = await client.post("/dashboard/payments/bank", { shop: "demo", bin: "970422", account: "0123 456 789", holder: "Nguyen Van A", vietqr: "1" });
    expect(good.status).toBe(303);
    expect(await demo()).toMatchObject({ bank_bin: "970422", bank_account: "0123456789", bank_holder: "NGUYEN VAN A", vietqr_enabled: 1 });
    const page = await client.get("/dashboard/payments?shop=demo&ok=bank");
    expect(page.html).toContain("Đã lưu tài khoản nhận tiền");
    expect(page.html).toContain('data-sample="ok"');
    expect(page.html).toContain("MBBank (BIN 970422) · STK 0123456789 · 10.000 ₫ · “KIEM TRA QR”");
    expect(page.html).toContain('<option value="970422" selected>');
  });

  it("shows webhook URLs and keys only masked once set, on every page", async () => {
    const key = "sk_live_5b7c1e0f2a9d4c3b8e6f9f3a";
    const client = await DashboardClient.asOperator(dash);
    const empty = await client.get("/dashboard/payments?shop=demo");
    expect(empty.html).toContain("http://localhost/webhooks/sepay/demo");
    expect(empty.html).toContain("http://localhost/webhooks/casso/demo");
    expect(empty.html).toContain("http://localhost/webhooks/payos/demo");
    expect((await client.post("/dashboard/payments/keys", { shop: "demo", provider: "sepay", key: "short" })).status).toBe(400);
    const set = await client.post("/dashboard/payments/keys", { shop: "demo", provider: "sepay", key });
    expect(set.status).toBe(303);
    expect((await demo()).sepay_api_key).toBe(key);
    expect((await client.post("/dashboard/payments/keys", { shop: "demo", provider: "payos", key: `${key}-payos` })).status).toBe(303);
    const pages = await Promise.all(["/dashboard/payments?shop=demo&ok=key", "/dashboard/sales?shop=demo", "/dashboard/shops?shop=demo"].map((p) => client.get(p)));
    expect(pages[0]?.html).toContain("Đã đặt khoá ••••9f3a");
    expect(pages[0]?.html).toContain("Đã đặt khoá ••••ayos");
    for (const p of pages) {
      expect(p.status).toBe(200);
      expect(p.html).not.toContain(key);
      expect(p.html).not.toContain(key.slice(0, 12));
    }
    await client.post("/dashboard/lang", { lang: "en" });
    const en = await client.get("/dashboard/payments?shop=demo");
    expect(en.html).toContain("Key set ••••9f3a");
    expect(en.html).toContain("Receiving account");
    expect(en.html).not.toContain(key);
  });

  it("shows a transfer memo with markup as text", async () => {
    await unmatchedTransfer("sepay-xss", "<script>alert(1)</script>");
    const client = await DashboardClient.asOperator(dash);
    const page = await client.get("/dashboard/payments?shop=demo");
    expect(page.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.html).not.toContain("<script>alert(1)");
  });

  it("refuses a POST without the CSRF token", async () => {
    const { order } = await placeTransferOrder(t);
    const tx = await unmatchedTransfer("sepay-csrf");
    const client = await DashboardClient.asOperator(dash);
    await client.get("/dashboard/payments?shop=demo");
    expect((await client.post(`/dashboard/payments/transfers/${tx.id}/assign`, { shop: "demo", code: order.code }, { csrf: null })).status).toBe(403);
    expect((await client.post("/dashboard/payments/bank", { shop: "demo", bin: "970422", account: "0123456789" }, { csrf: "wrong" })).status).toBe(403);
    expect((await client.post("/dashboard/payments/keys", { shop: "demo", provider: "sepay", key: "abcdefghijkl" }, { csrf: null })).status).toBe(403);
    expect((await client.post("/dashboard/shops", { slug: "moi", name: "Mới" }, { csrf: null })).status).toBe(403);
    expect((await db().selectFrom("bank_transactions").select("outcome").where("id", "=", tx.id).executeTakeFirstOrThrow()).outcome).toBe("unmatched");
    expect(await demo()).toMatchObject({ bank_bin: "970436", sepay_api_key: null });
    expect(await db().selectFrom("shops").select("id").where("slug", "=", "moi").executeTakeFirst()).toBeUndefined();
  });
});

describe("sales page", () => {
  it("draws an SVG bar chart whose bars equal summarizeDay for each day", async () => {
    const monday = t.clock.now();
    const first = await placeTransferOrder(t);
    await recordTransfer(t.sqlite.store, await demo(), { provider: "manual", providerTxId: "m1", amount: 45_000, content: first.order.code, raw: {} }, t.clock.now());
    t.clock.set(new Date(monday.getTime() + 86_400_000));
    const second = await placeTransferOrder(t);
    await placeTransferOrder(t);
    await recordTransfer(t.sqlite.store, await demo(), { provider: "manual", providerTxId: "m2", amount: 20_000, content: second.order.code, raw: {} }, t.clock.now());

    const client = await DashboardClient.asOperator(dash);
    const page = await client.get("/dashboard/sales?shop=demo");
    expect(page.status).toBe(200);
    expect(page.html).toContain("<svg");
    const bars = [...page.html.matchAll(/<g class="bar" data-date="([\d-]+)" data-revenue="(\d+)" data-orders="(\d+)"><title>([^<]*)<\/title>/g)];
    expect(bars).toHaveLength(30);
    expect(bars.at(-1)?.[1]).toBe("2026-11-24");
    let total = 0;
    for (const date of ["2026-11-23", "2026-11-24"]) {
      const summary = await summarizeDay(t.sqlite.store, 1, date);
      const bar = bars.find((b) => b[1] === date);
      expect(Number(bar?.[2])).toBe(summary.revenue);
      expect(Number(bar?.[3])).toBe(summary.orders);
      total += summary.revenue;
    }
    expect(bars.find((b) => b[1] === "2026-11-23")?.[4]).toBe("23/11/2026: 45.000 ₫ · 1 đơn");
    expect(bars.find((b) => b[1] === "2026-11-24")?.[4]).toBe("24/11/2026: 20.000 ₫ · 2 đơn");
    expect(total).toBe(65_000);
    expect(page.html).toContain("30 ngày qua: 65.000 ₫ · 3 đơn");
    expect(page.html).toMatch(/<text[^>]*>24\/11<\/text>/);
    expect(page.html).toContain("Món bán chạy");
    expect(page.html).toMatch(/<td>A1<\/td><td>[^<]+<\/td><td class="num">3<\/td>/);

    // English when the session says so.
    await client.post("/dashboard/lang", { lang: "en" });
    const en = await client.get("/dashboard/sales?shop=demo");
    expect(en.html).toContain("Last 30 days: 65.000 ₫ · 3 orders");
    expect(en.html).toContain("Top items (30 days)");
  });
});

describe("shops page", () => {
  it("creates shops with a unique slug, adds staff, links a bot without ever showing its token again", async () => {
    const client = await DashboardClient.asOperator(dash);
    const list = await client.get("/dashboard/shops");
    expect(list.status).toBe(200);
    expect(list.html).toContain("Bếp Nhà Mây");
    const bad = await client.post("/dashboard/shops", { slug: "A b!", name: "Sai" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Mã shop phải dài 2–30 ký tự");
    const created = await client.post("/dashboard/shops", { slug: "cho-moi", name: "Chợ Mới <b>", lang: "en" });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/dashboard/shops?shop=cho-moi&ok=created");
    const dup = await client.post("/dashboard/shops", { slug: "demo", name: "Trùng" });
    expect(dup.status).toBe(400);
    const dupHtml = await dup.text();
    expect(dupHtml).toContain("Mã shop “demo” đã có cửa hàng dùng");
    expect(dupHtml).toContain('value="Trùng"');
    expect(await db().selectFrom("shops").select("slug").orderBy("id").execute()).toEqual([{ slug: "demo" }, { slug: "cho-moi" }]);
    const shop = await db().selectFrom("shops").selectAll().where("slug", "=", "cho-moi").executeTakeFirstOrThrow();
    expect(shop).toMatchObject({ name: "Chợ Mới <b>", lang: "en" });

    const page = await client.get("/dashboard/shops?shop=cho-moi&ok=created");
    expect(page.html).toContain("Đã tạo cửa hàng cho-moi");
    expect(page.html).toContain("Chợ Mới &lt;b&gt;");

    expect((await client.post("/dashboard/shops/staff", { shop: "cho-moi", channel: "telegram", userId: "12 34", name: "Lan", role: "owner" })).status).toBe(400);
    expect((await client.post("/dashboard/shops/staff", { shop: "cho-moi", channel: "zalo", userId: "8812ab", name: "Lan", role: "shipper" })).status).toBe(303);
    expect(await db().selectFrom("staff").select(["channel", "user_id", "name", "role"]).where("shop_id", "=", shop.id).execute()).toEqual([{ channel: "zalo", user_id: "8812ab", name: "Lan", role: "shipper" }]);

    const token = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    expect((await client.post("/dashboard/shops/bots", { shop: "cho-moi", channel: "telegram", token: "not-a-token" })).status).toBe(400);
    const linked = await client.post("/dashboard/shops/bots", { shop: "cho-moi", channel: "telegram", token });
    expect(linked.status).toBe(303);
    expect(linked.headers.get("location")).not.toContain(token.slice(11));
    const bot = await db().selectFrom("bots").selectAll().executeTakeFirstOrThrow();
    expect(bot).toMatchObject({ shop_id: shop.id, channel: "telegram", platform_id: "7012345678", token, username: null });
    expect(bot.webhook_secret).toMatch(/^[0-9a-f]{48}$/);
    // The same bot cannot be taken over by another shop by pasting its token there.
    const taken = await client.post("/dashboard/shops/bots", { shop: "demo", channel: "telegram", token });
    expect(taken.status).toBe(400);
    expect(await taken.text()).not.toContain(token);
    expect((await db().selectFrom("bots").select("shop_id").executeTakeFirstOrThrow()).shop_id).toBe(shop.id);

    await db()
      .insertInto("shop_groups")
      .values([
        { shop_id: shop.id, channel: "telegram", bot_id: "7012345678", chat_id: "-1001", title: "Khách quen", linked: 1, status: "active", created_at: "x", updated_at: "x" },
        { shop_id: shop.id, channel: "telegram", bot_id: "7012345678", chat_id: "-1002", title: "Nhóm cũ", linked: 1, status: "removed", created_at: "x", updated_at: "x" },
      ])
      .execute();
    const detail = await client.get("/dashboard/shops?shop=cho-moi&ok=bot");
    expect(detail.html).toContain("7012345678:…Dsaw");
    expect(detail.html).not.toContain(token);
    expect(detail.html).not.toContain("AAHdqTcv");
    expect(detail.html).toContain("Lan");
    expect(detail.html).toMatch(/data-linked="1" data-status="active"><strong>Khách quen/);
    expect(detail.html).toMatch(/data-status="removed"><strong>Nhóm cũ<\/strong>[\s\S]*Bot đã bị xoá khỏi nhóm/);
    for (const path of ["/dashboard/payments?shop=cho-moi", "/dashboard/sales?shop=cho-moi"]) expect((await client.get(path)).html).not.toContain(token);
  });
});

describe("who may see what", () => {
  it("staff of another shop get 403 on this shop's pages; shippers on payments and sales; non-operators on shops", async () => {
    const tx = await unmatchedTransfer("sepay-roles");
    const { order } = await placeTransferOrder(t);
    const other = await db().insertInto("shops").values({ slug: "khac", name: "Shop Khác", created_at: t.clock.now().toISOString() }).returning("id").executeTakeFirstOrThrow();

    const outsider = await staffClient(other.id, "owner", "501");
    expect((await outsider.get("/dashboard/payments")).html).toContain("Shop Khác");
    await outsider.get("/dashboard/payments");
    for (const path of ["/dashboard/payments?shop=demo", "/dashboard/sales?shop=demo", "/dashboard/shops?shop=demo", "/dashboard/shops"]) expect((await outsider.get(path)).status).toBe(403);
    expect((await outsider.post(`/dashboard/payments/transfers/${tx.id}/assign`, { shop: "demo", code: order.code })).status).toBe(403);
    expect((await outsider.post("/dashboard/payments/bank", { shop: "demo", bin: "970422", account: "0123456789" })).status).toBe(403);
    expect((await outsider.post("/dashboard/shops", { slug: "cua-toi", name: "x" })).status).toBe(403);
    expect((await db().selectFrom("bank_transactions").select("outcome").where("id", "=", tx.id).executeTakeFirstOrThrow()).outcome).toBe("unmatched");

    const shipper = await staffClient(1, "shipper", "502");
    expect((await shipper.get("/dashboard/payments")).status).toBe(403);
    expect((await shipper.get("/dashboard/payments?shop=demo")).status).toBe(403);
    expect((await shipper.get("/dashboard/sales?shop=demo")).status).toBe(403);
    expect((await shipper.get("/dashboard/shops")).status).toBe(403);

    // A staff member (not the owner) sees transfers and assigns them, but cannot change where money goes.
    const staff = await staffClient(1, "staff", "503");
    const seen = await staff.get("/dashboard/payments?shop=demo");
    expect(seen.status).toBe(200);
    expect(seen.html).toContain("Chỉ chủ shop được đổi tài khoản nhận tiền");
    expect(seen.html).not.toContain('action="/dashboard/payments/bank"');
    expect((await staff.post("/dashboard/payments/bank", { shop: "demo", bin: "970422", account: "0123456789" })).status).toBe(403);
    expect((await staff.post("/dashboard/payments/keys", { shop: "demo", provider: "sepay", key: "abcdefghijkl" })).status).toBe(403);
    expect((await staff.get("/dashboard/sales?shop=demo")).status).toBe(200);
    const assigned = await staff.post(`/dashboard/payments/transfers/${tx.id}/assign`, { shop: "demo", code: order.code });
    expect(assigned.headers.get("location")).toContain("ok=assigned");
    expect((await db().selectFrom("bank_transactions").select("recorded_by").where("id", "=", tx.id).executeTakeFirstOrThrow()).recorded_by).toBe("Staff 503");
  });
});
