import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { explainComment } from "../../flows/comment/explain";
import { findByCode, loadCatalog } from "../../src/domain/catalog/catalog";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";

// /alias through the real Telegram webhook, the outbox and the fake Bot API, as a seller uses it.
let w: TelegramWorld;
const OWNER = 9000;
const STRANGER = 9100;
const STAFF_GROUP = -100_600;

beforeEach(async () => {
  w = await telegramWorld();
  w.fake.addUser({ id: OWNER, firstName: "Mây" });
  w.fake.addUser({ id: STRANGER, firstName: "Lạ" });
  w.fake.addGroup({ id: STAFF_GROUP, title: "Bếp Nhà Mây - nhân viên", type: "supergroup", botIsAdmin: true });
  const res = await w.t.app.request("/api/shops/demo/staff", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ channel: "telegram", userId: String(OWNER), name: "Chị Mây", role: "owner" }),
  });
  expect(res.status).toBe(201);
});
afterEach(async () => {
  await w.close();
});

const aliasesOf = async (code: string) => findByCode(await loadCatalog(w.t.sqlite.store, 1), code)?.aliases;
const reading = async (text: string) => {
  const shop = await w.t.sqlite.store.db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
  return explainComment(await loadCatalog(w.t.sqlite.store, shop.id), shop, text);
};

describe("Telegram: /alias, the words buyers use for a product", () => {
  it("staff list, add and remove; the comment reader knows the new name at once", async () => {
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/alias A1");
    expect(may.last).toBe("🏷 A1 · Cơm gà nướng mắc khén — tên gọi khác: cơm gà, gà nướng");
    await may.say("/alias A6");
    expect(may.last).toBe("A6 · Chè Shan Tuyết cổ thụ chưa có tên gọi khác. Thêm: /alias A6 <tên khách hay gọi>");

    expect((await reading("chốt 2 trà mạn")).items).toEqual([]);
    await may.say("/alias a6 trà mạn");
    expect(may.last).toBe("✅ A6: đã thêm “trà mạn” — khách bình luận tên này là hiểu A6.\nTên gọi khác: trà mạn");
    expect(await aliasesOf("A6")).toEqual(["trà mạn"]);
    expect((await reading("chốt 2 trà mạn")).items).toEqual([{ code: "A6", qty: 2, options: [] }]);

    await may.say("/alias A6 Trà Mạn");
    expect(may.last).toBe("A6 đã có tên gọi “Trà Mạn”.");
    await may.say("/alias A6 chè cổ thụ, chè búp");
    expect(await aliasesOf("A6")).toEqual(["trà mạn", "chè cổ thụ", "chè búp"]);

    await may.say("/alias A6 -tra man");
    expect(may.last).toBe("✅ A6: đã xoá “tra man”. Còn: chè cổ thụ, chè búp");
    await may.say("/alias A6 xoá chè búp");
    await may.say("/alias A6 xóa chè cổ thụ");
    expect(may.last).toBe("✅ A6: đã xoá “chè cổ thụ”. Không còn tên gọi khác.");
    expect(await aliasesOf("A6")).toEqual([]);
    await may.say("/alias A6 - chè cổ thụ");
    expect(may.last).toBe("A6 không có tên gọi “chè cổ thụ”. Xem: /alias A6");
    expect((await reading("chốt 2 trà mạn")).items).toEqual([]);
  });

  it("says why a name is refused, and nothing changes", async () => {
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/alias");
    expect(may.last).toContain("Cách dùng: /alias A1 cơm gà");
    await may.say("/alias Z9 gà");
    expect(may.last).toBe("Không có món mã Z9.");
    await may.say("/alias A1 A2");
    expect(may.last).toBe("“A2” là mã món: khách gõ mã là đã hiểu, không dùng làm tên gọi được.");
    await may.say("/alias A1 12");
    expect(may.last).toContain("không có chữ nào");
    await may.say(`/alias A1 ${"gà ".repeat(14)}`);
    expect(may.last).toBe("Tên gọi dài quá: tối đa 40 ký tự.");
    await may.say("/alias A1 gà 1, gà 2, gà 3, gà 4, gà 5, gà 6, gà 7, gà 8, gà 9");
    expect(may.last).toBe("Mỗi món tối đa 10 tên gọi khác. Xoá bớt: /alias A1 -<tên>");
    expect(await aliasesOf("A1")).toEqual(["cơm gà", "gà nướng"]);
  });

  it("works in the staff group too; a buyer's /alias is refused and changes nothing", async () => {
    await w.post(w.fake.updates.groupText(OWNER, STAFF_GROUP, "/alias A8 nước mơ ngâm đá"));
    await w.flush();
    expect(w.fake.sent(STAFF_GROUP).at(-1)?.text).toContain("✅ A8: đã thêm “nước mơ ngâm đá”");

    const stranger = new TelegramBuyer(w, STRANGER);
    await stranger.say("/alias A1 đồ ăn dở");
    expect(stranger.last).toBe("Lệnh này chỉ dành cho nhân viên shop.");
    await stranger.say("/alias A1 -cơm gà");
    expect(stranger.last).toBe("Lệnh này chỉ dành cho nhân viên shop.");
    await w.post(w.fake.updates.groupText(STRANGER, STAFF_GROUP, "/alias A1 -gà nướng"));
    await w.flush();
    expect(await aliasesOf("A1")).toEqual(["cơm gà", "gà nướng"]);
    expect(await aliasesOf("A8")).toEqual(["mơ", "nước mơ", "nước mơ ngâm đá"]);
  });

  it("answers in English for a shop that speaks English", async () => {
    await w.t.sqlite.store.db.updateTable("shops").set({ lang: "en" }).where("slug", "=", "demo").execute();
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/alias A5 honey");
    expect(may.texts.join("\n")).toContain("A5: added “honey”");
  });
});
