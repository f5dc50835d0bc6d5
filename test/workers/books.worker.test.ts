import { writeFileSync } from "node:fs";
import { join } from "node:path";
import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWranglerDev, type WranglerDev } from "../helpers/wrangler-dev";

// The books on the real Workers runtime (workerd over a local D1): the same API answers JSON, CSV and
// XLSX there. write-excel-file/universal runs on Web APIs, but its zip library compresses a part over
// 160 kB in a Web Worker, which workerd lacks: a big book's XLSX is then served as its CSV (told by
// X-Book-Format), a small one is a real XLSX.

const ADMIN = "worker-books-admin-token-0123456789";
const ORDERS = 3000;
let dev: WranglerDev;
let url = "";

const api = (path: string, auth = true) => fetch(`${url}${path}`, { headers: auth ? { authorization: `Bearer ${ADMIN}` } : {} });
const d1 = <T>(command: string) => dev.d1<T>(command);

beforeAll(async () => {
  // The demo shop exists once the Worker has started (it seeds it on its first request).
  dev = await startWranglerDev({ prefix: "cho-chat-d1-books-", vars: { ADMIN_TOKEN: ADMIN }, ready: async (u) => (await fetch(`${u}/api/shops/demo/products`, { headers: { authorization: `Bearer ${ADMIN}` } })).ok });
  url = dev.url;
  // A busy November: 3,000 cash-on-delivery pickups of one A1 each, 100 a day, delivered at 00:30
  // Vietnam time (17:30 UTC the day before). Written as rows: the order functions are tested on Node.
  const sqlFile = join(dev.dir, "books.sql");
  writeFileSync(
    sqlFile,
    `INSERT INTO buyers (channel, user_id, created_at, updated_at) VALUES ('webchat', 'books-worker', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS})
INSERT INTO orders (shop_id, code, source_key, buyer_id, channel, bot_id, chat_id, lang, status, payment_status, payment_method, fulfilment, subtotal, delivery_fee, total, pay_token, service_date, created_at, updated_at, delivered_at)
SELECT 1, 'CCW' || printf('%05d', i), 'books-worker:' || i, (SELECT id FROM buyers WHERE user_id = 'books-worker'), 'webchat', 'demo', 'c', 'vi', 'delivered', 'cod', 'cod', 'pickup', 45000, 0, 45000, 'tok' || i, '2026-11-01',
       '2026-10-31T10:00:00.000Z', '2026-10-31T10:00:00.000Z', strftime('%Y-%m-%dT%H:%M:%fZ', '2026-10-31T17:30:00Z', '+' || ((i - 1) % 30) || ' days') FROM n;
INSERT INTO order_items (order_id, line_no, product_id, code, name, qty, unit_price, line_total)
SELECT id, 1, (SELECT id FROM products WHERE code = 'A1'), 'A1', 'Cơm gà nướng mắc khén', 1, 45000, 45000 FROM orders WHERE source_key LIKE 'books-worker:%';
INSERT INTO book_entries (shop_id, entry_date, kind, account, description, amount, created_by, created_at) VALUES (1, '2026-10-31', 'opening', 'cash', 'Tiền mặt đầu kỳ', 1000000, 'test', 'x');`,
  );
  await dev.d1File(sqlFile);
}, 240_000);

afterAll(() => dev?.stop());

describe("the books on Workers", () => {
  it("JSON: S1a and S2e totals over D1", async () => {
    const s1a = (await (await api("/api/shops/demo/books/S1a?from=2026-11-01&to=2026-11-30")).json()) as { rows: { date: string }[]; totals: Record<string, number> };
    expect(s1a.totals.total).toBe(ORDERS * 45_000);
    expect(s1a.rows).toHaveLength(ORDERS);
    expect(s1a.rows[0]!.date).toBe("2026-11-01");
    const s2e = (await (await api("/api/shops/demo/books/S2e?from=2026-11-01&to=2026-11-30")).json()) as { totals: Record<string, number> };
    expect(s2e.totals).toMatchObject({ "cash.opening": 1_000_000, "cash.in": ORDERS * 45_000, "cash.closing": 1_000_000 + ORDERS * 45_000 });
    expect((await api("/api/shops/demo/books/S1a?from=2026-11-01&to=2026-11-30", false)).status).toBe(401);
    expect((await api("/api/shops/demo/books/S1a?from=2026-11-31&to=2026-12-01")).status).toBe(400);
  });

  it("XLSX of a day's book is a real XLSX made in workerd", async () => {
    const res = await api("/api/shops/demo/books/S1a?from=2026-11-02&to=2026-11-02&format=xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="S1a-HKD_demo_2026-11-02_2026-11-02.xlsx"');
    const [sheet] = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    expect(sheet!.data.find((r) => r[1] === "Tổng cộng")?.[2]).toBe(100 * 45_000);
  });

  it("XLSX of a big book: served as its CSV, and says so", async () => {
    const res = await api("/api/shops/demo/books/S1a?from=2026-11-01&to=2026-11-30&format=xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-book-format")).toBe("csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="S1a-HKD_demo_2026-11.csv"');
    const text = await res.text();
    expect(text.split("\r\n").filter((l) => l.includes("Bán hàng đơn CCW"))).toHaveLength(ORDERS);
  });
});

describe("the books' alerts on Workers", () => {
  it("a cron tick reads the year's revenue over D1 and queues the 80 % alert to the staff chat, once", async () => {
    // A big order delivered an hour ago (this year, whatever today is): with November's 3,000 the
    // year is between 80 % and 100 % of 1 tỷ. The staff chat is a Telegram group.
    const deliveredAt = new Date(Date.now() - 3_600_000).toISOString();
    await d1(
      `UPDATE shops SET staff_channel = 'telegram', staff_bot_id = '900001', staff_chat_id = '-1009000001' WHERE slug = 'demo';
       INSERT INTO orders (shop_id, code, source_key, buyer_id, channel, bot_id, chat_id, lang, status, payment_status, payment_method, fulfilment, subtotal, delivery_fee, total, pay_token, service_date, created_at, updated_at, delivered_at)
       VALUES (1, 'CCBIGONE', 'books-worker:big', (SELECT id FROM buyers WHERE user_id = 'books-worker'), 'webchat', 'demo', 'c', 'vi', 'delivered', 'cod', 'cod', 'pickup', 850000000, 0, 850000000, 'tokbig', '${deliveredAt.slice(0, 10)}', '${deliveredAt}', '${deliveredAt}', '${deliveredAt}');
       INSERT INTO order_items (order_id, line_no, product_id, code, name, qty, unit_price, line_total)
       SELECT id, 1, (SELECT id FROM products WHERE code = 'A5'), 'A5', 'Mật ong rừng', 1, 850000000, 850000000 FROM orders WHERE code = 'CCBIGONE';`,
    );
    const alerts = () => d1<{ chat_id: string; payload: string }>(`SELECT chat_id, payload FROM outbox WHERE dedupe_key LIKE 'book-alert:%' ORDER BY id`);
    const tick = () => fetch(`${url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${Date.now()}`);
    expect((await tick()).status).toBe(200);
    await expect.poll(async () => (await alerts()).length, { timeout: 20_000, interval: 500 }).toBe(1);
    const [alert] = await alerts();
    expect(alert!.chat_id).toBe("-1009000001");
    const text = (JSON.parse(alert!.payload) as { text: string }).text;
    expect(text).toMatch(/^📊 Doanh thu năm \d{4} đến hôm nay: [\d.]+\s₫, bằng (8|9)\d% mức 1\.000\.000\.000\s₫\./);
    expect(text).toContain("01/ĐKTĐ-HĐĐT");
    // The same day again: checked once, nothing more.
    expect((await tick()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await alerts()).toHaveLength(1);
    expect(dev.output()).not.toMatch(/scheduled jobs failed|book alerts failed/);
  }, 120_000);
});
