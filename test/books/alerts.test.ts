import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { declarationsView } from "../../src/domain/books/declarations/declarations-view";
import { parsePeriodKey } from "../../src/domain/books/declarations/periods";
import { saveTaxProfile, EMPTY_TAX_PROFILE } from "../../src/domain/books/tax-profile";
import { runBookAlerts } from "../../src/jobs/book-alerts";
import { memoryLogger } from "../../src/platform/logger";
import { addDays } from "../../src/platform/shop-time";
import { seedMonthOfOrders, YEAR_ABOVE_THRESHOLD } from "../../src/domain/shops/demo-orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";
import { firstDayReaching, linesFromRows } from "./declarations-recompute";

// Staff-chat alerts about the books: the year's revenue at 80 % and 100 % of a threshold, filings a
// week before their deadline, each once ever, to the staff chat or (without one) to each owner and
// staff member privately, in the shop's language.

const STAFF_CHAT = "-100777";
const PUBLIC = "https://cho.example";
const logger = memoryLogger();
/** 08:30 in Vietnam on a shop-local day. */
const morning = (day: string) => new Date(`${day}T08:30:00+07:00`);
const run = (t: TestApp, at: Date) => runBookAlerts(t.sqlite.store, at, { publicUrl: PUBLIC, logger });

async function alertMessages(t: TestApp): Promise<{ chat: string; key: string; text: string }[]> {
  const rows = await t.sqlite.store.db.selectFrom("outbox").select(["chat_id", "dedupe_key", "payload"]).where("dedupe_key", "like", "book-alert:%").orderBy("id").execute();
  return rows.map((r) => ({ chat: r.chat_id, key: r.dedupe_key!.split(":staff:")[0]!.replace(/^book-alert:\d+:/, ""), text: (JSON.parse(r.payload) as { text: string }).text }));
}
const sentKeys = async (t: TestApp) =>
  (await t.sqlite.store.db.selectFrom("book_alerts").select("alert_key").where("alert_key", "!=", "checked").orderBy("alert_key").execute()).map((r) => r.alert_key);

describe("a generated year that passes 80 % and then 100 % of 1 tỷ", () => {
  let t: TestApp;
  let reached80: string;
  let crossed: string;
  const log: { day: string; sent: number }[] = [];

  beforeAll(async () => {
    t = await makeTestApp({ now: morning("2026-06-30") });
    await seedMonthOfOrders(t.sqlite.store, YEAR_ABOVE_THRESHOLD);
    await t.sqlite.store.db.updateTable("shops").set({ staff_channel: "telegram", staff_bot_id: "123456", staff_chat_id: STAFF_CHAT }).where("slug", "=", "demo").execute();
    const lines = await linesFromRows(t.sqlite.store, 1);
    reached80 = firstDayReaching(lines, "2026", 1_000_000_000, 0.8)!;
    crossed = firstDayReaching(lines, "2026", 1_000_000_000, 1)!;
    // Every morning from 1 July to 30 November, as the daily job would, and a second run each day.
    for (let day = "2026-07-01"; day <= "2026-11-30"; day = addDays(day, 1)) {
      log.push({ day, sent: await run(t, morning(day)) });
      expect(await run(t, new Date(morning(day).getTime() + 3_600_000))).toBe(0);
    }
    return () => t.close();
  }, 120_000);

  it("sends one alert at 80 %, one at 100 %, and one a week before each filing that applies — each once", async () => {
    expect(reached80 > "2026-07-01" && reached80 < crossed).toBe(true);
    expect(await sentKeys(t)).toEqual(["deadline:01/CNKD:2026-Q3", "deadline:01/TKN-CNKD:2026-H1", "threshold:2026:einvoice+no_tax:100", "threshold:2026:einvoice+no_tax:80"]);
    const messages = await alertMessages(t);
    // Each on the day it was reached (the H1 notice on 24/07, a week before 31/07; Q3 on 24/10), in that order.
    const expected = [
      [reached80, "threshold:2026:einvoice+no_tax:80"],
      ["2026-07-24", "deadline:01/TKN-CNKD:2026-H1"],
      [crossed, "threshold:2026:einvoice+no_tax:100"],
      ["2026-10-24", "deadline:01/CNKD:2026-Q3"],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(messages.map((m) => m.key)).toEqual(expected.map((e) => e[1]));
    expect(log.filter((l) => l.sent > 0).map((l) => l.day)).toEqual(expected.map((e) => e[0]));
    expect(messages.every((m) => m.chat === STAFF_CHAT)).toBe(true);
    // Q2 was under the threshold: no 01/CNKD for it; no 3 tỷ or 50 tỷ alert for 1.3 tỷ.
    expect(messages.some((m) => m.key.includes("2026-Q2") || m.key.includes("income_method") || m.key.includes("monthly"))).toBe(false);
  });

  it("says the figure, what to do and where the draft is, in short Vietnamese", async () => {
    const all = await alertMessages(t);
    const [h1, near, over, q3] = ["deadline:01/TKN-CNKD:2026-H1", "threshold:2026:einvoice+no_tax:80", "threshold:2026:einvoice+no_tax:100", "deadline:01/CNKD:2026-Q3"].map((k) => all.find((m) => m.key === k));
    expect(near!.text).toMatch(/^📊 Doanh thu năm 2026 đến hôm nay: [\d.]+\s₫, bằng 8\d% mức 1\.000\.000\.000\s₫\./);
    expect(near!.text).toContain("khai và nộp thuế GTGT, TNCN bằng tờ khai 01/CNKD từ quý 3/2026 (hạn 31/10/2026)");
    expect(near!.text).toContain("dùng hóa đơn điện tử: đăng ký (mẫu 01/ĐKTĐ-HĐĐT) trước 30/10/2026");
    expect(near!.text).toContain(`Xem bản nháp tờ khai: ${PUBLIC}/dashboard/declarations?shop=demo`);
    expect(over!.text).toMatch(/^⚠️ Doanh thu năm 2026 đã vượt 1\.000\.000\.000\s₫ \(đến hôm nay: [\d.]+\s₫\)\./);
    expect(over!.text).toContain("từ quý 3/2026 (hạn 31/10/2026)");
    expect(h1!.text).toContain("Còn 7 ngày đến hạn 31/07/2026: thông báo doanh thu 01/TKN-CNKD 6 tháng đầu năm 2026.");
    expect(h1!.text).toContain("không phải nộp thuế");
    expect(h1!.text).toContain(`${PUBLIC}/dashboard/declarations?shop=demo&period=2026-H1`);
    // The Q3 reminder carries the draft's own figures.
    const v = await declarationsView(t.sqlite.store, { id: 1, time_zone: "Asia/Ho_Chi_Minh" }, parsePeriodKey("2026-Q3"), "2026-10-24");
    if ("refused" in v) throw new Error(v.refused);
    const cell = (row: string, i: number) => v.draft.rows.find((r) => r.key === row)!.cells[i]!.value!;
    const fmt = (n: number) => `${String(n).replace(/\B(?=(\d{3})+$)/g, ".")}\u00a0₫`;
    expect(q3!.text).toContain(`Còn 7 ngày đến hạn 31/10/2026: tờ khai thuế 01/CNKD quý 3/2026. Theo bản nháp: doanh thu ${fmt(cell("18", 0))}, thuế còn phải nộp ${fmt(cell("20", 3) + cell("20", 6))}.`);
    expect(q3!.text).toContain("shop kiểm tra, tự nhập vào eTax và nộp");
    for (const m of [h1, near, over, q3]) expect(m!.text.length).toBeLessThan(700);
  });

  it("forgetting the day's check sends nothing again: each alert's key is kept", async () => {
    await t.sqlite.store.db.deleteFrom("book_alerts").where("alert_key", "=", "checked").execute();
    expect(await run(t, morning("2026-10-25"))).toBe(0);
    expect(await alertMessages(t)).toHaveLength(4);
  });
});

describe("alerts on a small shop (rows added by hand)", () => {
  let t: TestApp;
  afterEach(() => t?.close());

  const sale = (day: string, amount: number) =>
    t.sqlite.store.db
      .insertInto("book_entries")
      .values({ shop_id: 1, entry_date: day, kind: "sale", account: "cash", activity_group: "goods", description: "Bán ngoài", amount, created_by: "test", created_at: `${day}T03:00:00Z` })
      .execute();

  async function privateStaff() {
    const db = t.sqlite.store.db;
    const at = t.clock.now().toISOString();
    await db.insertInto("bots").values({ shop_id: 1, channel: "telegram", platform_id: "7001", token: "7001:secret", username: "bep_bot", webhook_secret: "s", created_at: at }).execute();
    await db
      .insertInto("staff")
      .values([
        { shop_id: 1, channel: "telegram", user_id: "501", name: "Chủ", role: "owner", chat_id: "501", created_at: at },
        { shop_id: 1, channel: "telegram", user_id: "502", name: "Lan", role: "staff", chat_id: "502", created_at: at },
        { shop_id: 1, channel: "telegram", user_id: "503", name: "Tòng", role: "shipper", chat_id: "503", created_at: at },
      ])
      .execute();
  }

  it("a shop with no staff chat: each owner and staff member privately, once; a jump past 100 % is one message", async () => {
    t = await makeTestApp({ now: morning("2026-03-10") });
    await privateStaff();
    await sale("2026-03-09", 1_050_000_000);
    expect(await run(t, morning("2026-03-10"))).toBe(1);
    const messages = await alertMessages(t);
    expect(messages.map((m) => [m.chat, m.key])).toEqual([
      ["501", "threshold:2026:einvoice+no_tax:100"],
      ["502", "threshold:2026:einvoice+no_tax:100"],
    ]);
    expect(messages[0]!.text).toContain("từ quý 1/2026 (hạn 30/04/2026)");
    // The 80 % it jumped past is kept as told: it never comes later.
    expect(await sentKeys(t)).toEqual(["threshold:2026:einvoice+no_tax:100", "threshold:2026:einvoice+no_tax:80"]);
    expect(await run(t, morning("2026-03-11"))).toBe(0);
  });

  it("before 08:00 nothing is sent; with nobody to tell, nothing is marked, and it goes out once someone can hear it", async () => {
    t = await makeTestApp({ now: morning("2026-05-02") });
    await sale("2026-05-01", 820_000_000);
    expect(await run(t, new Date("2026-05-02T07:59:00+07:00"))).toBe(0);
    expect(await run(t, morning("2026-05-02"))).toBe(0);
    expect(await sentKeys(t)).toEqual([]);
    await privateStaff();
    expect(await run(t, morning("2026-05-03"))).toBe(1);
    const [m] = await alertMessages(t);
    expect(m!.text).toContain("bằng 82% mức 1.000.000.000");
  });

  it("two runners at once send it once", async () => {
    t = await makeTestApp({ now: morning("2026-05-02") });
    await privateStaff();
    await sale("2026-05-01", 820_000_000);
    const [a, b] = await Promise.all([run(t, morning("2026-05-02")), run(t, morning("2026-05-02"))]);
    expect(a + b).toBe(1);
    expect(await alertMessages(t)).toHaveLength(2);
  });

  it("3 tỷ: the income method; a shop in English hears it in English", async () => {
    t = await makeTestApp({ now: morning("2026-08-03") });
    await t.sqlite.store.db.updateTable("shops").set({ lang: "en", staff_channel: "telegram", staff_bot_id: "123456", staff_chat_id: STAFF_CHAT }).where("id", "=", 1).execute();
    await sale("2026-08-01", 2_500_000_000);
    expect(await run(t, morning("2026-08-03"))).toBe(2);
    const messages = await alertMessages(t);
    expect(messages.map((m) => m.key)).toEqual(["threshold:2026:einvoice+no_tax:100", "threshold:2026:income_method:80"]);
    expect(messages[1]!.text).toMatch(/^📊 Revenue in 2026 so far: 2\.500\.000\.000\s₫, 83% of the 3\.000\.000\.000\s₫ threshold\./);
    expect(messages[1]!.text).toContain("pay PIT on income");
    expect(messages[0]!.text).toContain("every quarter from Q3 2026 (due 31 Oct 2026)");
  });

  it("after the year: the revenue notice under 1 tỷ by 31/01, the PIT finalization on income by 31/03", async () => {
    t = await makeTestApp({ now: morning("2027-01-24") });
    await t.sqlite.store.db.updateTable("shops").set({ staff_channel: "telegram", staff_bot_id: "123456", staff_chat_id: STAFF_CHAT }).where("id", "=", 1).execute();
    await sale("2026-11-20", 400_000_000);
    expect(await run(t, morning("2027-01-23"))).toBe(0);
    expect(await run(t, morning("2027-01-24"))).toBe(1);
    expect((await alertMessages(t))[0]!.text).toContain("Còn 7 ngày đến hạn 31/01/2027: thông báo doanh thu 01/TKN-CNKD năm 2026. Theo bản nháp: doanh thu 400.000.000\u00a0₫");

    await sale("2026-12-01", 900_000_000);
    await saveTaxProfile(t.sqlite.store, 1, { ...EMPTY_TAX_PROFILE, pitMethod: "income" }, t.clock.now());
    expect(await run(t, morning("2027-03-24"))).toBe(1);
    const last = (await alertMessages(t)).at(-1)!;
    expect(last.key).toBe("deadline:02/CNKD-TNCN-QTT:2026");
    expect(last.text).toContain("Còn 7 ngày đến hạn 31/03/2027: quyết toán thuế TNCN 02/CNKD-TNCN-QTT năm 2026.");
    // The deadline's own day is the last reminder day; after it, nothing.
    expect(await run(t, morning("2027-04-01"))).toBe(0);
  });
});
