import { afterEach, describe, expect, it } from "vitest";
import { liveBoard } from "../../src/domain/live/live-board";
import { formatVnd } from "../../src/domain/money";
import { expireDrafts } from "../../src/jobs/expire-drafts";
import { runLiveJobs } from "../../src/jobs/live-jobs";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";

let w: TelegramWorld;
afterEach(async () => {
  await w?.close();
});

const GROUP = -100_900;
const STAFF_GROUP = -100_901;
const OWNER = 9000;
const BUYERS = Array.from({ length: 400 }, (_, i) => 30_000 + i);
const INITIAL = { A1: 80, A5: 25, A8: 200 } as const;
const CAPS = { A1: 60, A5: 20, A8: 100 } as const;

/** A small deterministic random source, so the scripted live is the same every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const db = () => w.t.sqlite.store.db;
const stock = async (code: string) => (await db().selectFrom("products").select("stock").where("code", "=", code).executeTakeFirstOrThrow()).stock;

const peak: Record<string, number> = {};

/** The invariants that must hold at every moment of a live. */
async function checkInvariants() {
  for (const code of ["A1", "A5", "A8"] as const) {
    const item = await db().selectFrom("live_items").selectAll().where("code", "=", code).executeTakeFirstOrThrow();
    const held = await db()
      .selectFrom("stock_reservations as r")
      .innerJoin("live_orders as l", "l.order_id", "r.order_id")
      .select((eb) => eb.fn.sum<number>("r.qty").as("q"))
      .where("r.product_id", "=", item.product_id)
      .where("r.status", "=", "held")
      .executeTakeFirstOrThrow();
    expect(Number(held.q ?? 0), `${code}: the live's count equals what its orders hold`).toBe(item.taken);
    expect(item.taken, `${code}: never more than the cap`).toBeLessThanOrEqual(CAPS[code]);
    peak[code] = Math.max(peak[code] ?? 0, item.taken);
    const left = await stock(code);
    expect(left, `${code}: never below zero`).toBeGreaterThanOrEqual(0);
    expect(left + item.taken, `${code}: real stock is conserved`).toBe(INITIAL[code]);
  }
  const perBuyer = await db().selectFrom("live_orders").select(["buyer_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("buyer_id").execute();
  expect(perBuyer.every((r) => Number(r.n) === 1), "one order per buyer per live").toBe(true);
}

describe("a scripted live: 1,000 comments from 400 buyers", () => {
  it("holds exactly the caps, never more than stock, one order per buyer, a readable group, and a report right to the đồng", async () => {
    w = await telegramWorld({
      env: { SEPAY_API_KEY: "test_sepay_api_key_123" },
      limits: { perGroup: { max: 20, windowMs: 60_000 }, perChat: { max: 1, windowMs: 1_000 }, perBot: { max: 30, windowMs: 1_000 } },
    });
    w.fake.addGroup({ id: GROUP, title: "Live mật ong Than Uyên", type: "supergroup", botIsAdmin: true });
    w.fake.addGroup({ id: STAFF_GROUP, title: "Nhân viên", type: "supergroup", botIsAdmin: true });
    w.fake.addUser({ id: OWNER, firstName: "Mây" });
    for (const id of BUYERS) w.fake.addUser({ id, firstName: `Khách${id - 30_000}` });
    await w.t.app.request("/api/shops/demo/staff", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: "telegram", userId: String(OWNER), name: "Chị Mây", role: "owner" }),
    });
    for (const [code, n] of Object.entries(INITIAL)) await db().updateTable("products").set({ stock: n }).where("code", "=", code).execute();
    await w.post(w.fake.updates.groupText(OWNER, STAFF_GROUP, "/staffgroup"));
    await w.post(w.fake.updates.groupText(OWNER, GROUP, "/live start A1:60:3 A5:20 A8:100"));
    await w.flush();
    expect(w.fake.sent(GROUP).at(-1)?.text).toBe("🔴 Bắt đầu live! Đang bán: A1 (60), A5 (20), A8 (100). Bình luận “chốt A1 x2” để đặt.");

    const random = rng(20_261_123);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    const forms = [(c: string, q: number) => `chốt ${c} x${q}`, (c: string, q: number) => `${c.toLowerCase()} ${q}`, (c: string, q: number) => `#${c} ${q}`, (c: string, q: number) => `lấy ${c} ${["một", "hai", "ba"][q - 1]}`];
    const chatter = ["mật ong này ngon không shop", "ok shop", "alo alo", "❤️❤️", "giá A5 bao nhiêu", "shop ơi ship Hà Nội không", "3", "chốt"];
    const last = new Map<number, string>();
    const phoneComments: { user: number; phone: string }[] = [];
    let duplicates = 0;
    let phoneMessages = 0;
    let groupOrderComments = 0;
    const starters = new Set(BUYERS.slice(0, 60));

    for (let i = 0; i < 1000; i++) {
      const user = pick(BUYERS);
      const r = random();
      let text: string;
      if (r < 0.1 && last.has(user)) {
        text = last.get(user) ?? "";
        duplicates++;
      } else if (r < 0.18) {
        text = `huỷ ${pick(["A1", "A5", "A8"])}`;
      } else if (r < 0.33) {
        text = pick(chatter);
      } else if (r < 0.4) {
        const phone = `09${String(10_000_000 + Math.floor(random() * 89_999_999))}`;
        text = `sđt em ${phone} nha shop`;
        phoneComments.push({ user, phone });
      } else {
        const code = pick(["A1", "A1", "A5", "A8", "A8"]);
        text = pick(forms)(code, 1 + Math.floor(random() * 3));
        groupOrderComments++;
      }
      last.set(user, text);
      if (/09\d{8}/.test(text)) phoneMessages++;
      expect(await w.post(w.fake.updates.groupText(user, GROUP, text))).toBe(200);
      // Some buyers open the private chat (from the summary's link) and finish, some pay by transfer.
      if (starters.has(user) && i % 7 === 0) {
        const buyer = new TelegramBuyer(w, user);
        await buyer.say("/start l_1");
        if (buyer.last.includes("Bạn muốn nhận hàng thế nào?")) {
          await buyer.tap("Tự đến lấy");
          await buyer.say("0912345678");
          await buyer.tap("Ngày mai");
          await buyer.tap("Bỏ qua");
          await buyer.tap("Xác nhận đặt");
          await buyer.tap(i % 2 ? "Tiền mặt" : "Chuyển khoản");
        }
      }
      w.t.clock.advance(3_000 + Math.floor(random() * 1_500));
      if (i % 10 === 9) {
        await expireDrafts(w.t.sqlite.store, w.t.clock.now());
        await runLiveJobs(w.t.sqlite.store, w.t.clock.now());
        await w.flush(0, 5);
        await checkInvariants();
      }
    }
    expect(duplicates).toBeGreaterThan(20);
    expect(groupOrderComments).toBeGreaterThan(500);

    // Transfers for the orders that chose them.
    const pending = await db().selectFrom("orders").select(["code", "total"]).where("status", "=", "pending_payment").execute();
    for (const [n, o] of pending.entries()) {
      await w.t.app.request("/webhooks/sepay/demo", {
        method: "POST",
        headers: { authorization: "Apikey test_sepay_api_key_123" },
        body: JSON.stringify({ id: 5000 + n, transferType: "in", transferAmount: o.total, content: o.code, accountNumber: "0011001932418" }),
      });
    }

    // End, let the capture window pass, let holds expire and waiting buyers be served.
    await w.post(w.fake.updates.groupText(OWNER, GROUP, "/live end"));
    for (let m = 0; m < 40; m++) {
      w.t.clock.advance(60_000);
      await expireDrafts(w.t.sqlite.store, w.t.clock.now());
      await runLiveJobs(w.t.sqlite.store, w.t.clock.now());
      await w.flush(0, 10);
      await checkInvariants();
    }

    // Where demand exceeded a cap, exactly the cap was held — no more, no "provisional" extra.
    expect(peak.A5).toBe(CAPS.A5);
    expect(peak.A1).toBe(CAPS.A1);
    const board = await liveBoard(w.t.sqlite.store, 1);
    const served = await db().selectFrom("live_waitlist").select("id").where("served_at", "is not", null).execute();
    expect(served.length).toBeGreaterThan(0);
    const waitlisted = await db().selectFrom("live_waitlist").select("id").execute();
    expect(waitlisted.length).toBeGreaterThan(served.length - 1);

    // Phone numbers typed in the group were taken into the order and removed from the group.
    const deletes = w.fake.callsTo("deleteMessage").filter((c) => c.status === 200);
    // Every message carrying a number is removed, repeats included.
    expect(deletes.length).toBe(phoneMessages);
    const withPhone = phoneComments.at(-1);
    const buyerRow = await db().selectFrom("buyers").select("last_phone").where("user_id", "=", String(withPhone?.user)).executeTakeFirstOrThrow();
    expect(buyerRow.last_phone).toBe(phoneComments.filter((p) => p.user === withPhone?.user).at(-1)?.phone);

    // The group stayed readable: at most 20 messages or edits in any minute.
    const groupWrites = w.fake.calls.filter((c) => c.chatId === GROUP && ["sendMessage", "editMessageText"].includes(c.method) && c.status === 200).map((c) => c.at);
    for (const at of groupWrites) expect(groupWrites.filter((x) => x >= at && x < at + 60_000).length).toBeLessThanOrEqual(20);
    const summary = w.fake.sent(GROUP).find((m) => m.text?.includes("LIVE Bếp Nhà Mây"));
    expect(summary?.edited).toBe(true);
    expect(summary?.text).toContain("Còn lại:");

    // The closing report in the staff group, right to the đồng.
    const report = w.fake.sent(STAFF_GROUP).find((m) => m.text?.startsWith("📺 Báo cáo live #1"))?.text ?? "";
    const live = await db()
      .selectFrom("live_orders as l")
      .innerJoin("orders as o", "o.id", "l.order_id")
      .select(["o.total", "o.paid_amount", "o.status", "o.payment_status", "l.display_name"])
      .execute();
    const counted = live.filter((o) => o.status !== "cancelled" && o.status !== "draft" && o.total > 0);
    const revenue = counted.reduce((s, o) => s + o.total, 0);
    const paid = counted.reduce((s, o) => s + (o.payment_status === "cod" ? 0 : Math.min(o.paid_amount, o.total)), 0);
    expect(board.revenue).toBe(revenue);
    expect(report).toContain(`Đơn: ${counted.length} · giá trị: ${formatVnd(revenue)}`);
    expect(report).toContain(`Đã thu: ${formatVnd(paid)} (${revenue ? Math.round((paid / revenue) * 100) : 0}%)`);
    expect(report).toContain(`Danh sách chờ: đã phục vụ ${served.length}/${waitlisted.length}`);
    expect(paid).toBeGreaterThan(0);
  }, 120_000);
});
