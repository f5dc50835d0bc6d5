import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readStaffAdminArgs } from "../../flows/staff/staff-admin-command";
import { accountForStaff, createSession, findSession } from "../../src/domain/auth/accounts";
import { findStaff } from "../../src/domain/shops/staff";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";

// /staff through the real Telegram webhook, the outbox and the fake Bot API: an owner removes a
// staff member from the chat, and that member's dashboard session ends at once (issue 18, item 1).
let w: TelegramWorld;
const OWNER = 9000;
const HELPER = 9200;
const SHIPPER = 9300;

async function putStaff(userId: number, name: string, role: "owner" | "staff" | "shipper") {
  const res = await w.t.app.request("/api/shops/demo/staff", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ channel: "telegram", userId: String(userId), name, role }),
  });
  expect(res.status).toBe(201);
}

async function openSession(userId: number): Promise<string> {
  const staff = await findStaff(w.t.sqlite.store, 1, "telegram", String(userId));
  if (!staff) throw new Error("no staff");
  const account = await accountForStaff(w.t.sqlite.store, staff, w.t.clock.now());
  return createSession(w.t.sqlite.store, account.id, "vi", w.t.clock.now());
}

beforeEach(async () => {
  w = await telegramWorld();
  for (const [id, firstName] of [
    [OWNER, "Mây"],
    [HELPER, "Hoa"],
    [SHIPPER, "Tú"],
  ] as const)
    w.fake.addUser({ id, firstName });
  await putStaff(OWNER, "Chị Mây", "owner");
  await putStaff(HELPER, "Hoa", "staff");
  await putStaff(SHIPPER, "Anh Tú", "shipper");
});
afterEach(async () => {
  await w.close();
});

describe("/staff (owners)", () => {
  it("lists the staff and removes one; their dashboard session ends at once", async () => {
    const session = await openSession(HELPER);
    expect(await findSession(w.t.sqlite.store, session, w.t.clock.now())).toBeDefined();
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/staff");
    expect(may.last).toContain("• Hoa · nhân viên · telegram 9200");
    expect(may.last).toContain("• Anh Tú · shipper · telegram 9300");

    await may.say("/staff remove 9200");
    expect(may.last).toBe("Đã xoá Hoa khỏi shop. Mọi phiên đăng nhập trang quản lý của họ đã bị đăng xuất.");
    expect(await findStaff(w.t.sqlite.store, 1, "telegram", String(HELPER))).toBeUndefined();
    expect(await findSession(w.t.sqlite.store, session, w.t.clock.now())).toBeUndefined();
    expect((await w.t.app.request("/dashboard", { headers: { cookie: `cc_session=${session}` } })).status).toBe(302);

    // The removed member is no staff any more: their commands are refused.
    const hoa = new TelegramBuyer(w, HELPER);
    await hoa.say("/stock A1 0");
    expect(hoa.last).toBe("Lệnh này chỉ dành cho nhân viên shop.");

    await may.say("/staff xoá 9200");
    expect(may.last).toContain("Không có nhân viên nào có ID 9200");
    await may.say("/staff remove 9000");
    expect(may.last).toContain("Bạn không tự xoá mình được");
    await may.say("/staff fire 9300");
    expect(may.last).toContain("Cách dùng: /staff");
    expect(await findStaff(w.t.sqlite.store, 1, "telegram", String(OWNER))).toBeDefined();
    expect(await findStaff(w.t.sqlite.store, 1, "telegram", String(SHIPPER))).toBeDefined();
  });

  it("staff and shippers cannot remove anyone", async () => {
    const tu = new TelegramBuyer(w, SHIPPER);
    await tu.say("/staff remove 9200");
    expect(tu.last).toBe("Chỉ chủ shop mới quản lý được nhân viên.");
    const hoa = new TelegramBuyer(w, HELPER);
    await hoa.say("/staff remove 9000");
    expect(hoa.last).toBe("Chỉ chủ shop mới quản lý được nhân viên.");
    expect(await findStaff(w.t.sqlite.store, 1, "telegram", String(OWNER))).toBeDefined();
    expect(await findStaff(w.t.sqlite.store, 1, "telegram", String(HELPER))).toBeDefined();
  });
});

describe("readStaffAdminArgs", () => {
  it("reads a list, a removal in English or Vietnamese, and nothing else", () => {
    expect(readStaffAdminArgs("")).toEqual({ kind: "list" });
    expect(readStaffAdminArgs(" remove  123 ")).toEqual({ kind: "remove", userId: "123" });
    expect(readStaffAdminArgs("Xóa 123")).toEqual({ kind: "remove", userId: "123" });
    expect(readStaffAdminArgs("xoa abc_D-9")).toEqual({ kind: "remove", userId: "abc_D-9" });
    expect(readStaffAdminArgs("remove")).toEqual({ kind: "usage" });
    expect(readStaffAdminArgs("remove 1 2")).toEqual({ kind: "usage" });
    expect(readStaffAdminArgs("remove <b>")).toEqual({ kind: "usage" });
  });
});
