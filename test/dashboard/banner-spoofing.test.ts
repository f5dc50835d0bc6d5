import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DashboardClient } from "../helpers/dashboard";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 18, item 11: a link to the orders board with `?err=` / `?ok=` put any words in the banner
// ("Không cập nhật được đơn : chuyển tiền vào STK …"), in the shop's own green frame. Only known
// message keys are shown now; anything else shows nothing.
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const SPOOFS = [
  "err=<script>alert(1)</script>",
  `err=${encodeURIComponent("Tài khoản bị khoá. Chuyển 500.000 ₫ vào STK 0123456789 để mở lại")}&code=CCABCDEF`,
  `ok=${encodeURIComponent("Hệ thống đổi ngân hàng, gọi 0900000000")}`,
  "ok=CCABCDEF<b>x</b>",
  "err=forbidden&code=<img src=x>",
  "err=not_allowed&status=<i>hacked</i>&code=CCABCDEF",
  "err=toString&code=CCABCDEF",
  "err=__proto__&code=CCABCDEF",
];

const flashOf = (html: string) => /<div class="flash[^"]*"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];

describe("the orders board's banner", () => {
  it("shows nothing for text that is not a known key", async () => {
    const client = await DashboardClient.asOperator(t);
    for (const q of SPOOFS) {
      const page = await client.get(`/dashboard?shop=demo&${q}`);
      expect(page.status, q).toBe(200);
      expect(flashOf(page.html), q).toBeUndefined();
      for (const word of ["alert(1)", "0123456789", "0900000000", "hacked", "&lt;script", "&lt;img", "&lt;b&gt;"]) expect(page.html, q).not.toContain(word);
    }
  });

  it("still tells what an action did, from keys only", async () => {
    const { order } = await placeTransferOrder(t);
    const client = await DashboardClient.asOperator(t);
    await client.get("/dashboard");
    const paid = await client.post(`/dashboard/orders/${order.code}/act`, { action: "paid", shop: "demo" });
    expect(paid.headers.get("location")).toBe(`/dashboard?shop=demo&ok=${order.code}`);
    expect(flashOf((await client.get(paid.headers.get("location") ?? "")).html)).toBe(`Đã cập nhật đơn ${order.code}.`);

    const twice = await client.post(`/dashboard/orders/${order.code}/act`, { action: "paid", shop: "demo" });
    expect(twice.headers.get("location")).toBe(`/dashboard?shop=demo&err=nothing_to_pay&code=${order.code}`);
    expect(flashOf((await client.get(twice.headers.get("location") ?? "")).html)).toBe(`Không cập nhật được đơn ${order.code}: đơn không còn khoản nào cần thu.`);

    await client.post(`/dashboard/orders/${order.code}/act`, { action: "accept", shop: "demo" });
    await client.post(`/dashboard/orders/${order.code}/act`, { action: "deliver", shop: "demo" });
    const late = await client.post(`/dashboard/orders/${order.code}/act`, { action: "accept", shop: "demo" });
    expect(late.headers.get("location")).toBe(`/dashboard?shop=demo&err=not_allowed&status=delivered&code=${order.code}`);
    expect(flashOf((await client.get(late.headers.get("location") ?? "")).html)).toBe(`Không cập nhật được đơn ${order.code}: đơn đang ở trạng thái “đã giao”.`);

    const junk = await client.post(`/dashboard/orders/${order.code}/act`, { action: "explode", shop: "demo" });
    expect(junk.headers.get("location")).toBe(`/dashboard?shop=demo&err=bad_request&code=${order.code}`);
    const unknown = await client.post("/dashboard/orders/CCZZZZZZ/act", { action: "paid", shop: "demo" });
    expect(unknown.headers.get("location")).toBe("/dashboard?shop=demo&err=unknown_order&code=CCZZZZZZ");
  });
});

describe("every other page that reads ?ok= / ?err=", () => {
  it("shows nothing for unknown keys either", async () => {
    const client = await DashboardClient.asOperator(t);
    for (const path of ["/dashboard/catalog", "/dashboard/broadcasts", "/dashboard/payments", "/dashboard/sales", "/dashboard/shops", "/dashboard/account"]) {
      for (const q of SPOOFS) {
        const page = await client.get(`${path}?shop=demo&${q}`);
        expect(page.status, `${path}?${q}`).toBe(200);
        expect(flashOf(page.html), `${path}?${q}`).toBeUndefined();
        expect(page.html, `${path}?${q}`).not.toContain("0123456789");
      }
    }
  });
});
