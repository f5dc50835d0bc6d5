// The same carrier address steps on Telegram (buttons) and Zalo (numbered choices), quoted by the
// GHN and GHTK fakes over HTTP.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { telegramWorld, TelegramBuyer, inlineButtons, type TelegramWorld } from "../helpers/telegram";
import { zaloWorld, ZaloBuyer, type ZaloWorld } from "../helpers/zalo";
import { dong, setDemoPickup, startCarriers, type Carriers } from "./ship-helpers";

let carriers: Carriers;
beforeEach(async () => {
  carriers = await startCarriers();
});
afterEach(async () => {
  await carriers.close();
});

const orderOf = (w: { t: { sqlite: { store: import("../../src/db/store").Store } } }) => w.t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();

describe("Telegram", () => {
  let w: TelegramWorld;
  beforeEach(async () => {
    w = await telegramWorld({ env: carriers.env });
    await setDemoPickup(w.t.sqlite.store);
  });
  afterEach(async () => w.close());

  it("a buyer in Lai Châu orders by carrier with buttons and sees the quoted fee", async () => {
    w.fake.addUser({ id: 7001, firstName: "Bình" });
    const b = new TelegramBuyer(w, 7001);
    await b.say("/start");
    await b.tap("Xem thực đơn");
    await b.tap("A1 ·");
    await b.tap("Lớn");
    await b.say("cay vua");
    await b.say("1");
    await b.tap("Đặt hàng");
    await b.tap("Giao tận nơi");
    await b.tap("Nơi khác");
    await b.say("lai chau");
    await b.say("muong than");
    await b.tap("Xã Mường Than (tên mới)");
    await b.say("ban Na Khuong");
    const sent = await b.say("so 5");
    const labels = sent.flatMap((m) => inlineButtons(m)).map((x) => x.text);
    const ghn = labels.find((l) => l.startsWith("GHN —")) ?? "";
    expect(labels.some((l) => l.startsWith("GHTK —"))).toBe(true);
    const fee = dong(ghn);
    expect(fee).toBeGreaterThan(0);
    await b.tap("GHN —");
    await b.say("0912345678");
    await b.tap("Bỏ qua");
    expect(b.last).toContain("Phí ship GHN:");
    expect(dong(b.last.split("\n").find((l) => l.startsWith("Phí ship GHN")) ?? "")).toBe(fee);
    await b.tap("Xác nhận đặt");
    expect(await orderOf(w)).toMatchObject({ channel: "telegram", ship_commune_code: "03618", ship_carrier: "ghn", delivery_fee: fee, address: "So 5, Ban Na Khuong, Xã Mường Than, Tỉnh Lai Châu" });
  });
});

describe("Zalo", () => {
  let w: ZaloWorld;
  beforeEach(async () => {
    w = await zaloWorld({ env: carriers.env });
    await setDemoPickup(w.t.sqlite.store);
  });
  afterEach(async () => w.close());

  it("a buyer in Lai Châu orders by carrier with numbered choices and sees the quoted fee", async () => {
    w.fake.addUser({ id: "zu-7002", name: "Lan" });
    const b = new ZaloBuyer(w, "zu-7002");
    await b.say("menu");
    await b.choose("A1 ·");
    await b.choose("Lớn");
    await b.say("cay vua");
    await b.say("1");
    await b.choose("Đặt hàng");
    await b.choose("Giao tận nơi");
    await b.choose("Nơi khác");
    await b.say("lai chau");
    await b.say("muong than");
    await b.choose("Xã Mường Than (tên mới)");
    await b.say("ban Na Khuong");
    const sent = (await b.say("so 5")).join("\n");
    const ghnLine = sent.split("\n").find((l) => /^\d+\. GHTK — /.test(l));
    expect(ghnLine).toBeDefined();
    const fee = dong(ghnLine ?? "");
    expect(fee).toBeGreaterThan(0);
    await b.choose("GHTK —");
    await b.say("0912345678");
    await b.choose("Bỏ qua");
    expect(b.last).toContain("Phí ship GHTK:");
    await b.choose("Xác nhận đặt");
    expect(await orderOf(w)).toMatchObject({ channel: "zalo", ship_commune_code: "03618", ship_hamlet: "Ban Na Khuong", ship_carrier: "ghtk", delivery_fee: fee });
  });
});
