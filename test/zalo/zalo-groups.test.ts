// Issue 22, parts 2 and 4: groups only where Zalo allows them (the daily can_join_groups re-check,
// the set-up text, the fallback kit's tracked links and order sources), and Zalo photos fetched at once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZaloBotClient } from "../../bots/zalo/client";
import { runZaloGroupChecks } from "../../src/jobs/zalo-group-check";
import { DashboardClient } from "../helpers/dashboard";
import { ADMIN_TOKEN, WebChatUser } from "../helpers/test-app";
import { ZALO_BOT_ID, ZALO_BOT_NAME, ZALO_TOKEN, zaloWorld, ZaloBuyer, type ZaloWorld } from "../helpers/zalo";

let w: ZaloWorld;
const LAN = "6ede9afa66b88fe6d6a9";
const OWNER = "9a9a9a9a9a9a9a9a9a9a";
const GROUP = "g2b1f09e4a7d3e55b180";
const DAY = 86_400_000;

beforeEach(async () => {
  w = await zaloWorld();
  w.fake.addUser({ id: LAN, name: "Lan" });
  w.fake.addUser({ id: OWNER, name: "Mây" });
});
afterEach(async () => {
  await w.close();
});

const api = (path: string, body: unknown) =>
  w.t.app.request(`/api/shops/demo${path}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
const db = () => w.t.sqlite.store.db;
/** The daily job, asking the fake through the real client. */
const recheck = () => runZaloGroupChecks(w.t.sqlite.store, w.t.clock.now(), (token) => new ZaloBotClient(token, { apiRoot: w.fake.url, timeoutMs: 2_000 }).getMe(), w.t.logger);
const storedFlag = async () => (JSON.parse((await db().selectFrom("bots").select("info").where("platform_id", "=", ZALO_BOT_ID).executeTakeFirstOrThrow()).info ?? "{}") as { can_join_groups?: boolean }).can_join_groups;

/** The owner is staff and has written to the bot (so staff notices reach them privately). */
async function ownerStaff(): Promise<ZaloBuyer> {
  await api("/staff", { channel: "zalo", userId: OWNER, name: "Chị Mây", role: "owner" });
  const owner = new ZaloBuyer(w, OWNER);
  await owner.say("xin chào");
  return owner;
}

/** Makes the bot one without group rights, as the daily check learns it from getMe. */
async function withoutGroupRights(): Promise<void> {
  w.fake.setCanJoinGroups(ZALO_TOKEN, false);
  await recheck();
  await w.flush();
}

describe("Zalo groups only where they work", () => {
  it("a bot without group rights: /link gives the fallback kit, never the group set-up", async () => {
    const owner = await ownerStaff();
    await withoutGroupRights();
    const [setup = ""] = await owner.say("/link");
    expect(setup).toContain(`Zalo chưa cho ${ZALO_BOT_NAME} vào nhóm`);
    expect(setup).toContain("https://cho.example.vn/go/demo/zalo");
    expect(setup).toContain("https://cho.example.vn/go/demo/chat");
    expect(setup).not.toContain("Mời Bot vào nhóm");
    expect(setup).not.toContain("/link <mã>");
  });

  it("a bot with group rights: /link gives the steps and says plainly what the bot will and will not see", async () => {
    const owner = await ownerStaff();
    const [setup = ""] = await owner.say("/link");
    expect(setup).toContain("Mời Bot vào nhóm");
    expect(setup).toContain("Trưởng nhóm bấm link");
    const code = new RegExp(`@${ZALO_BOT_NAME} /link (G[A-Z2-9]{6}) `).exec(setup)?.[1] ?? "";
    expect(code).not.toBe("");
    expect(setup).toContain(`bot chỉ thấy tin nhắn có @${ZALO_BOT_NAME} và tin trả lời tin của bot`);
    expect(setup).toContain(`Ảnh chỉ tới bot khi chú thích ảnh có @${ZALO_BOT_NAME}`);
    expect(setup).not.toContain("/go/demo");
    // The code in the set-up links the group, as Zalo delivers it: with the mention.
    w.fake.addGroup({ id: GROUP, name: "Chợ Than Uyên", members: [OWNER, LAN] });
    await w.post(w.fake.updates.groupText(OWNER, GROUP, `/link ${code}`, { mentionBot: true }));
    await w.flush();
    expect(w.fake.sent(GROUP).at(-1)?.text).toContain("Nhóm này đã được liên kết với Bếp Nhà Mây");
  });

  it("the daily check follows getMe: staff are told once when the flag flips, and an unreachable Zalo keeps the flag", async () => {
    const owner = await ownerStaff();
    const before = owner.texts.length;
    // The first run checks; the flag is unchanged, so nobody is told.
    expect(await recheck()).toEqual({ checked: 1, changed: 0, failed: 0 });
    w.fake.setCanJoinGroups(ZALO_TOKEN, false);
    // Within the day nothing is asked again.
    expect(await recheck()).toEqual({ checked: 0, changed: 0, failed: 0 });
    w.t.clock.advance(DAY + 1000);
    expect(await recheck()).toEqual({ checked: 1, changed: 1, failed: 0 });
    expect(await recheck()).toEqual({ checked: 0, changed: 0, failed: 0 });
    await w.flush();
    expect(await storedFlag()).toBe(false);
    const told = owner.texts.slice(before).filter((t) => t.includes("Zalo vừa tắt quyền vào nhóm"));
    expect(told).toHaveLength(1);

    // Zalo down the next day: logged, the stored flag kept, asked again an hour later.
    w.fake.setCanJoinGroups(ZALO_TOKEN, true);
    w.t.clock.advance(DAY + 1000);
    const down = w.fake.inject({ method: "getMe", times: 1, fault: { kind: "http-500" } });
    expect(await recheck()).toEqual({ checked: 0, changed: 0, failed: 1 });
    expect(down.hits).toBe(1);
    expect(await storedFlag()).toBe(false);
    expect(w.t.logger.lines.some((l) => l.includes("getMe failed in the daily group check"))).toBe(true);
    w.t.clock.advance(61 * 60_000);
    expect(await recheck()).toEqual({ checked: 1, changed: 1, failed: 0 });
    await w.flush();
    expect(await storedFlag()).toBe(true);
    expect(owner.texts.slice(before).filter((t) => t.includes("Zalo vừa cho"))).toHaveLength(1);
  });
});

describe("the fallback kit's links", () => {
  it("a tap on /go/demo/zalo is counted and opens the bot's private chat; link previews are not taps", async () => {
    await withoutGroupRights();
    const tap = await w.t.app.request("/go/demo/zalo", { headers: { "user-agent": "Mozilla/5.0 (Linux; Android 12) Zalo" } });
    expect(tap.status).toBe(302);
    expect(tap.headers.get("location")).toBe(`https://bot.zaloplatforms.com/bots/${ZALO_BOT_ID}`);
    await w.t.app.request("/go/demo/zalo", { headers: { "user-agent": "facebookexternalhit/1.1" } });
    const qr = await w.t.app.request("/go/demo/zalo/qr.png");
    expect(qr.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await qr.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const taps = await db().selectFrom("link_taps").select(["link", "month", "taps"]).execute();
    expect(taps).toEqual([{ link: "zalo", month: "2026-11", taps: 1 }]);
  });

  it("an order from a Zalo private chat opened after the link was tapped is 'fallback_link'; one from before is 'private'", async () => {
    await withoutGroupRights();
    const order = async (who: ZaloBuyer) => {
      await who.say("A1");
      await who.choose("Vừa");
      await who.choose("Không cay");
      await who.say("1");
      await who.choose("Đặt hàng");
      await who.choose("Tự đến lấy");
      await who.say("0912345678");
      await who.choose("Hôm nay 11:30");
      await who.choose("Bỏ qua");
      await who.choose("Xác nhận đặt");
    };
    await order(new ZaloBuyer(w, LAN));
    w.t.clock.advance(60_000);
    await w.t.app.request("/go/demo/zalo");
    w.t.clock.advance(60_000);
    const HOA = "7f7f7f7f7f7f7f7f7f7f";
    w.fake.addUser({ id: HOA, name: "Hoa" });
    await order(new ZaloBuyer(w, HOA));
    const sources = await db().selectFrom("orders").select(["chat_id", "source"]).orderBy("id").execute();
    expect(sources).toEqual([
      { chat_id: LAN, source: "private" },
      { chat_id: HOA, source: "fallback_link" },
    ]);
  });

  it("the web chat opened from /go/demo/chat remembers it: that order is 'webchat_link', another is 'webchat'", async () => {
    const tap = await w.t.app.request("/go/demo/chat");
    expect(tap.status).toBe(302);
    expect(tap.headers.get("location")).toBe("/chat/demo");
    const cookie = (tap.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^cc_from_link=demo$/);
    // The page's first message carries the marker (the browser sends the cookie); the answer removes it.
    const first = await w.t.app.request("/api/webchat/demo/messages", { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ id: "m0" }) });
    expect(first.headers.get("set-cookie")).toContain("cc_from_link=;");
    const viaLink = new WebChatUser(w.t.app);
    viaLink.session = ((await first.json()) as { session: string }).session;
    const plain = new WebChatUser(w.t.app);
    await plain.open();
    for (const user of [viaLink, plain]) {
      await user.say("A1");
      await user.tap("Vừa");
      await user.tap("Không cay");
      await user.say("1");
      await user.pickUpFromCart();
      await user.tap("Xác nhận đặt");
    }
    const orders = await db().selectFrom("orders").innerJoin("buyers", "buyers.id", "orders.buyer_id").select(["buyers.user_id", "orders.source"]).orderBy("orders.id").execute();
    expect(orders).toEqual([
      { user_id: viaLink.session, source: "webchat_link" },
      { user_id: plain.session, source: "webchat" },
    ]);
    const taps = await db().selectFrom("link_taps").select(["link", "taps"]).execute();
    expect(taps).toEqual([{ link: "chat", taps: 1 }]);
  });
});

describe("the seller's dashboard page", () => {
  it("/dashboard/zalo-groups shows no group mode, the kit and this month's taps and orders per source", async () => {
    await withoutGroupRights();
    await w.t.app.request("/go/demo/zalo");
    await w.t.app.request("/go/demo/zalo");
    await w.t.app.request("/go/demo/chat");
    const dash = await DashboardClient.asOperator(w.t);
    const page = await dash.get("/dashboard/zalo-groups?shop=demo");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Nhóm: không");
    expect(page.html).not.toContain("data-steps");
    expect(page.html).toContain("data-fallback-kit");
    expect(page.html).toContain('src="/go/demo/zalo/qr.png"');
    expect(page.html).toContain("Lượt bấm: link Zalo 2 · link web 1");
    expect(page.html).toContain("Đơn: từ link Zalo 0 · từ link web 0");
  });
});

describe("Zalo photos are downloaded at once", () => {
  it("a staff photo with a caption becomes a product with a /media/ photo that outlives Zalo's URL", async () => {
    const owner = await ownerStaff();
    await w.post(w.fake.updates.image(OWNER, OWNER, "Z7 Mật ong rừng 250000 hộp"));
    await w.flush();
    expect(owner.last).toContain("Z7");
    const product = await db().selectFrom("products").select(["name", "price", "photo_url"]).where("code", "=", "Z7").executeTakeFirstOrThrow();
    expect(product).toMatchObject({ name: "Mật ong rừng", price: 250_000 });
    expect(product.photo_url).toMatch(/^\/media\/[A-Za-z0-9_-]{16,64}$/);
    w.fake.expirePhotos();
    const served = await w.t.app.request(product.photo_url ?? "");
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(w.fake.photoFetches.map((f) => f.served)).toEqual([true]);
  });

  it("a photo whose URL expired before it was fetched gets the staff a clear reply, and no product", async () => {
    const owner = await ownerStaff();
    const body = w.fake.updates.image(OWNER, OWNER, "Z8 Măng khô 120000 gói");
    w.fake.expirePhotos();
    expect(await w.post(body)).toBe(200);
    await w.flush();
    expect(owner.last).toContain("Chưa tải được ảnh từ Zalo");
    expect(await db().selectFrom("products").select("id").where("code", "=", "Z8").executeTakeFirst()).toBeUndefined();
    // A redelivery is not fetched again, and says nothing twice.
    expect(await w.post(body)).toBe(200);
    await w.flush();
    expect(owner.texts.filter((t) => t.includes("Chưa tải được ảnh"))).toHaveLength(1);
    expect(w.fake.photoFetches).toHaveLength(1);
  });

  it("a file that is not an image is refused with its reason; a buyer's photo, or one without a caption, is not fetched at all", async () => {
    const owner = await ownerStaff();
    await w.post(w.fake.updates.image(OWNER, OWNER, "Z9 Trà 50000 gói", { bytes: new TextEncoder().encode("<html>not a photo</html>"), contentType: "image/jpeg" }));
    await w.flush();
    expect(owner.last).toContain("không đọc được là ảnh");
    await w.post(w.fake.updates.image(LAN, LAN, "đẹp quá"));
    await w.post(w.fake.updates.image(OWNER, OWNER));
    await w.flush();
    expect(w.fake.photoFetches).toHaveLength(1);
  });
});
