import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// What a buyer reads on the payment page, by the state of the order: never an account to pay into
// again once it is paid, what remains when it is partly paid, and a way to pay from the same phone.
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const page = async (token: string | null) => (await t.app.request(`/pay/${token}`)).text();
const setOrder = (id: number, set: { payment_status: "paid" | "partial"; paid_amount: number; status?: "confirmed" | "cancelled" }) =>
  t.sqlite.store.db.updateTable("orders").set(set).where("id", "=", id).execute();

describe("the payment page", () => {
  it("unpaid: the amount, the QR with 'Lưu ảnh QR' (a real PNG download), the how-to, and lines that add up", async () => {
    const { order } = await placeTransferOrder(t);
    const html = await page(order.pay_token);
    expect(html).toContain('id="due">45.000 ₫');
    expect(html).toContain(`href="/pay/${order.pay_token}/qr.png?download=1"`);
    expect(html).toContain("Lưu ảnh QR");
    expect(html).toContain("mở app ngân hàng → Quét QR → chọn ảnh vừa lưu");
    expect(html).toContain('data-copy="45000"');
    expect(html).toContain("Tổng cộng: 45.000 ₫");
    const png = await t.app.request(`/pay/${order.pay_token}/qr.png?download=1`);
    expect(png.headers.get("content-disposition")).toBe(`attachment; filename="${order.code}-qr.png"`);
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("paid: 'Đã thanh toán' first, and no QR, account or amount to pay again", async () => {
    const { order } = await placeTransferOrder(t);
    await setOrder(order.id, { payment_status: "paid", paid_amount: 45_000, status: "confirmed" });
    const html = await page(order.pay_token);
    expect(html).toContain("✅ Đã thanh toán");
    expect(html).toContain("Shop đã nhận 45.000 ₫. Bạn không cần chuyển thêm.");
    expect(html).not.toContain('id="due"');
    expect(html).not.toContain('id="qr"');
    expect(html).not.toContain("Số tài khoản");
    expect(html.indexOf("Đã thanh toán")).toBeLessThan(html.indexOf("Món đã đặt"));
  });

  it("partly paid: what remains, in large type, with the QR for the rest", async () => {
    const { order } = await placeTransferOrder(t);
    await setOrder(order.id, { payment_status: "partial", paid_amount: 20_000 });
    const html = await page(order.pay_token);
    expect(html).toContain("Còn thiếu");
    expect(html).toContain('id="due">25.000 ₫');
    expect(html).toContain("Shop đã nhận 20.000 ₫");
    expect(html).toContain('id="qr"');
  });

  it("cancelled: nothing to pay", async () => {
    const { order } = await placeTransferOrder(t);
    await t.sqlite.store.db.updateTable("orders").set({ status: "cancelled" }).where("id", "=", order.id).execute();
    const html = await page(order.pay_token);
    expect(html).toContain("Đơn này đã huỷ, không cần thanh toán.");
    expect(html).not.toContain('id="qr"');
    expect(html).not.toContain("Số tài khoản");
  });
});
