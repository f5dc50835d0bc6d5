import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { savePickupSettings } from "../../src/domain/carriers/shop-carriers";
import { findDefaultShop } from "../../src/domain/shops/shops";
import { messagesFor } from "../../src/i18n/messages";
import type { GroupContext } from "../../flows/group-context";
import { NetworkFirst } from "../../flows/inbound/network-first";
import { staffOrderButtons } from "../../flows/staff/order-buttons";
import { runStaffOrderButton } from "../../flows/staff/order-actions";
import { runStaffCommand } from "../../flows/staff/staff-commands";
import { startFakeGhn, type FakeGhn } from "../fakes/ghn-api";
import { startFakeGhtk, type FakeGhtk } from "../fakes/ghtk-api";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Staff make an order's waybill from chat: the notice's "🚚 GHN" button and `/gui CODE ghn|huy`,
// the carrier called outside Node's atomic unit (NetworkFirst), one waybill however often it is sent.
let ghn: FakeGhn;
let ghtk: FakeGhtk;
let t: TestApp;

beforeAll(async () => {
  ghn = await startFakeGhn();
  ghtk = await startFakeGhtk();
});
afterAll(async () => {
  await ghn.close();
  await ghtk.close();
});
const env = () => ({ GHN_TOKEN: ghn.token, GHN_SHOP_ID: String(ghn.shopId), GHN_API_ROOT: ghn.url, GHTK_TOKEN: ghtk.token, GHTK_API_ROOT: ghtk.url });
beforeEach(async () => {
  t = await makeTestApp({ env: env() });
  await savePickupSettings(t.sqlite.store, 1, { provinceCode: "01", communeCode: "00070", hamlet: null, street: "12 Hàng Bạc", name: "Quán Demo", phone: "0987000111", flatFee: 35_000 });
});
afterEach(() => t.close());

async function setup(role: "owner" | "shipper" = "owner") {
  const { order } = await placeTransferOrder(t, { method: "cod" });
  const db = t.sqlite.store.db;
  await db.updateTable("orders").set({ fulfilment: "delivery", ship_province_code: "12", ship_commune_code: "03618", ship_hamlet: "Bản Mường", ship_carrier: "ghn", status: "confirmed" }).where("id", "=", order.id).execute();
  await db.insertInto("staff").values({ shop_id: 1, channel: "telegram", user_id: "77", name: "Lan", role, created_at: "x" }).onConflict((oc) => oc.doNothing()).execute();
  const staff = await db.selectFrom("staff").selectAll().where("user_id", "=", "77").executeTakeFirstOrThrow();
  const config = loadConfig({ DATABASE_PATH: ":memory:", ...env() });
  if (!config.ok) throw new Error(config.reason);
  const shop = (await findDefaultShop(t.sqlite.store))!;
  const ctx: GroupContext = { store: t.sqlite.store, shop, channel: "telegram", botId: "1", deepLink: () => undefined, publicUrl: "https://cho.example", now: t.clock.now(), lang: "vi", t: messagesFor("vi"), carrierConfig: config.value };
  const fresh = await db.selectFrom("orders").selectAll().where("id", "=", order.id).executeTakeFirstOrThrow();
  return { order: fresh, staff, ctx };
}
const input = (args: string) => ({ command: "gui", args, from: { id: "77" }, chat: { id: "77", kind: "private" as const }, eventId: "e1" });

describe("waybill from the staff chat", () => {
  it("the order notice offers the carrier chosen at checkout; a tap makes the waybill, a second tap finds it", async () => {
    const { order, staff, ctx } = await setup();
    const button = staffOrderButtons(ctx.t, order).find((b) => b.label === "🚚 GHN");
    expect(button?.action).toBe(`so:${order.code}:waybill:ghn`);
    const [first] = await runStaffOrderButton(ctx, staff, button!.action!);
    const row = await t.sqlite.store.db.selectFrom("shipments").selectAll().executeTakeFirstOrThrow();
    expect(first?.text).toContain(`Đã tạo vận đơn GHN ${row.waybill}`);
    expect(first?.buttons?.map((b) => b.url)).toEqual([row.tracking_url, `https://cho.example/dashboard/orders/${order.code}/label?shop=demo`]);
    const [again] = await runStaffOrderButton(ctx, staff, button!.action!);
    expect(again?.text).toContain(`đã có vận đơn GHN ${row.waybill}`);
    expect(await t.sqlite.store.db.selectFrom("shipments").selectAll().execute()).toHaveLength(1);
  });

  it("/gui inside Node's atomic unit fetches first, then answers; /gui CODE huy cancels before pickup", async () => {
    const { order, ctx } = await setup();
    let thrown: unknown;
    try {
      await runStaffCommand({ ...ctx, holdsDatabase: true }, input(`${order.code.toLowerCase()} ghtk`));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NetworkFirst);
    const prefetched = new Map<string, unknown>();
    await (thrown as NetworkFirst).fetch(t.sqlite.store, prefetched);
    const [reply] = (await runStaffCommand({ ...ctx, holdsDatabase: true, prefetched }, input(`${order.code} ghtk`)))!;
    const row = await t.sqlite.store.db.selectFrom("shipments").selectAll().executeTakeFirstOrThrow();
    expect(reply?.text).toContain(`Đã tạo vận đơn GHTK ${row.waybill}`);
    const [cancelled] = (await runStaffCommand(ctx, input(`${order.code} huỷ`)))!;
    expect(cancelled?.text).toContain(`Đã huỷ vận đơn ${row.waybill}`);
    expect([...ghtk.orders.values()].find((o) => o.label === row.waybill)?.statusId).toBe(-1);
    expect((await runStaffCommand(ctx, input("xyz")))![0]?.text).toContain("/gui <mã đơn> ghn");
  });

  it("shippers may not make waybills", async () => {
    const { order, staff, ctx } = await setup("shipper");
    expect((await runStaffOrderButton(ctx, staff, `so:${order.code}:waybill:ghn`))[0]?.text).toContain("không có quyền");
    expect(await t.sqlite.store.db.selectFrom("shipments").selectAll().execute()).toHaveLength(0);
  });
});

describe("cancelling from chat an order that has a waybill", () => {
  it("cancels the waybill at the carrier first; after pickup the order stays", async () => {
    const { order, staff, ctx } = await setup();
    await runStaffOrderButton(ctx, staff, `so:${order.code}:waybill:ghn`);
    const row = await t.sqlite.store.db.selectFrom("shipments").selectAll().executeTakeFirstOrThrow();
    await ghn.advance(row.waybill, "picked");
    const [refused] = await runStaffOrderButton(ctx, staff, `so:${order.code}:cancel:too_busy`);
    expect(refused?.text).toContain("không huỷ vận đơn được");
    expect((await t.sqlite.store.db.selectFrom("orders").select("status").where("id", "=", order.id).executeTakeFirstOrThrow()).status).toBe("confirmed");

    const other = await setup();
    await runStaffOrderButton(other.ctx, other.staff, `so:${other.order.code}:waybill:ghn`);
    const second = (await t.sqlite.store.db.selectFrom("shipments").selectAll().where("order_id", "=", other.order.id).executeTakeFirstOrThrow()).waybill;
    let thrown: unknown;
    try {
      await runStaffOrderButton({ ...other.ctx, holdsDatabase: true }, other.staff, `so:${other.order.code}:cancel:too_busy`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NetworkFirst);
    const prefetched = new Map<string, unknown>();
    await (thrown as NetworkFirst).fetch(t.sqlite.store, prefetched);
    await runStaffOrderButton({ ...other.ctx, holdsDatabase: true, prefetched }, other.staff, `so:${other.order.code}:cancel:too_busy`);
    expect(ghn.order(second)?.status).toBe("cancel");
    expect((await t.sqlite.store.db.selectFrom("orders").select("status").where("id", "=", other.order.id).executeTakeFirstOrThrow()).status).toBe("cancelled");
  });
});
