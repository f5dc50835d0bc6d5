import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountForStaff, createLoginLink } from "../../src/domain/auth/accounts";
import { loginByLink } from "../helpers/login-link";
import { seedMonthOfOrders, type MonthOfOrders } from "../../src/domain/shops/demo-orders";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";
import { recomputeCashBank, recomputeRevenue } from "./recompute";

// Issue 24's "done" bar for the books: a month of generated orders (November 2026) through the real
// API, each book's totals equal to what the test recomputes from the rows with its own code; the
// edges (midnight in Vietnam, the last day at 23:30, returns, rows by hand); the exports read back.

const GROUPS = { A1: "food_service", A2: "food_service", A3: "food_service", A4: "food_service", A8: "food_service", A5: "goods", A6: "goods", A7: "production" } as const;
const NOV = "from=2026-11-01&to=2026-11-30";
let t: TestApp;
let month: MonthOfOrders;
let ownerCookie = "";

interface ApiBook {
  book: string;
  from: string;
  to: string;
  rows: { date: string; ref?: string; description: string; amount: number; group?: string; account?: "bank" | "cash"; manual?: boolean }[];
  totals: Record<string, number>;
}

const get = (path: string, headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` }) => t.app.request(path, { headers });
const json = async (path: string) => {
  const res = await get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ApiBook;
};

async function sessionOf(role: "owner" | "staff" | "shipper", shopId = month.shop.id): Promise<string> {
  const staff = await t.sqlite.store.db.insertInto("staff").values({ shop_id: shopId, channel: "telegram", user_id: `${role}-${shopId}-${Math.random()}`, name: `Người ${role}`, role, created_at: "x" }).returningAll().executeTakeFirstOrThrow();
  const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
  const login = await loginByLink(t.app, await createLoginLink(t.sqlite.store, account.id, t.clock.now()));
  return login.headers.getSetCookie()[0]!.split(";")[0]!;
}

beforeAll(async () => {
  t = await makeTestApp({ now: new Date("2026-12-02T03:00:00Z") });
  month = await seedMonthOfOrders(t.sqlite.store, { groups: GROUPS });
  // A row by hand that a spreadsheet would run as a formula: it must arrive as text.
  await t.sqlite.store.db
    .insertInto("book_entries")
    .values({ shop_id: month.shop.id, entry_date: "2026-11-25", kind: "sale", account: "cash", activity_group: "goods", description: '=HYPERLINK("http://x.invalid","bấm")', ref: "+84", amount: 50_000, created_by: "test", created_at: "x", deleted_at: null })
    .execute();
  ownerCookie = await sessionOf("owner");
}, 120_000);
afterAll(async () => t.close());

describe("S1a-HKD from a month of orders", () => {
  it("its total and lines are what the rows say, recomputed independently", async () => {
    const book = await json(`/api/shops/demo/books/S1a?${NOV}`);
    const mine = await recomputeRevenue(t.sqlite.store, month.shop.id, "2026-11-01", "2026-11-30");
    expect(book).toMatchObject({ book: "S1a", from: "2026-11-01", to: "2026-11-30" });
    expect(book.totals.total).toBe(mine.revenue);
    expect(book.rows.reduce((s, r) => s + r.amount, 0)).toBe(mine.revenue);
    const sold = book.rows.filter((r) => r.description.startsWith("Bán hàng đơn")).map((r) => r.ref);
    expect(new Set(sold)).toEqual(mine.delivered);
    expect(sold).toHaveLength(mine.delivered.size);
    expect(mine.delivered.size).toBeGreaterThan(150);
  });

  it("cancelled orders are in no line; an order is on its Vietnam delivery day, midnight and the last day's 23:30 included", async () => {
    const book = await json(`/api/shops/demo/books/S1a?${NOV}`);
    const refs = new Set(book.rows.map((r) => r.ref));
    for (const o of month.orders.filter((o) => o.fate !== "delivered")) expect(refs.has(o.code), o.code).toBe(false);
    const e = month.edge;
    expect(refs.has(e.beforeFrom!.code)).toBe(false); // 23:55 on 31/10
    expect(refs.has(e.afterTo!.code)).toBe(false); // 00:10 on 01/12
    expect(book.rows.find((r) => r.ref === e.justInFrom!.code)?.date).toBe("2026-11-01"); // 00:05 on 01/11 (17:05 UTC on 31/10)
    expect(book.rows.find((r) => r.ref === e.lastDay2330!.code)?.date).toBe("2026-11-30");
    const october = await json("/api/shops/demo/books/S1a?from=2026-10-01&to=2026-10-31");
    expect(october.rows.map((r) => r.ref)).toEqual([e.beforeFrom!.code]);
    const december = await json("/api/shops/demo/books/S1a?from=2026-12-01&to=2026-12-31");
    expect(december.rows.map((r) => r.ref)).toEqual([e.afterTo!.code]);
  });

  it("a return is a negative line on the day it was accepted; rows by hand are marked", async () => {
    const book = await json(`/api/shops/demo/books/S1a?${NOV}`);
    const returns = book.rows.filter((r) => r.amount < 0);
    expect(returns).toHaveLength(3);
    const cash = returns.find((r) => r.ref === month.edge.returnedCash!.code)!;
    expect(cash.date).toBe("2026-11-07");
    expect(cash.description).toContain("Hàng bán bị trả lại");
    const sale = book.rows.find((r) => r.ref === month.edge.returnedCash!.code && r.amount > 0)!;
    expect(cash.amount).toBe(-sale.amount);
    const manual = book.rows.filter((r) => r.manual);
    expect(manual.map((r) => r.description)).toEqual(["Bán tại chợ phiên Than Uyên", "Bán chịu cho quán bà Lan (chưa thu)", '=HYPERLINK("http://x.invalid","bấm")']);
    expect(book.rows.filter((r) => !r.manual).every((r) => r.manual === false)).toBe(true);
  });
});

describe("S2a-HKD from a month of orders", () => {
  it("each group's total is the rows', recomputed independently; under 1 tỷ no tax is due", async () => {
    const book = await json(`/api/shops/demo/books/S2a?${NOV}`);
    const mine = await recomputeRevenue(t.sqlite.store, month.shop.id, "2026-11-01", "2026-11-30");
    expect(book.totals.total).toBe(mine.revenue);
    for (const g of ["goods", "food_service", "production"] as const) {
      expect(book.totals[`revenue.${g}`], g).toBe(mine.byGroup[g]);
      expect(book.rows.filter((r) => r.group === g).reduce((s, r) => s + r.amount, 0), g).toBe(mine.byGroup[g]);
    }
    expect(book.totals.vat).toBe(0);
    expect(book.totals.pit).toBe(0);
  });

  it("A is the invoice number when the order has one issued, else the order code", async () => {
    const order = month.edge.lastDay2330!;
    await t.sqlite.store.db
      .insertInto("invoices")
      .values({ shop_id: month.shop.id, order_id: order.id, reference_code: "ref-1", status: "issued", invoice_number: "C26TMB-0000042", created_by: "test", created_at: "x", updated_at: "x" })
      .execute();
    const book = await json(`/api/shops/demo/books/S2a?${NOV}`);
    expect(book.rows.filter((r) => r.ref === "C26TMB-0000042").every((r) => r.description.includes(order.code))).toBe(true);
    expect(book.rows.some((r) => r.ref === "C26TMB-0000042")).toBe(true);
    expect(book.rows.some((r) => r.ref === order.code)).toBe(false);
    await t.sqlite.store.db.deleteFrom("invoices").where("reference_code", "=", "ref-1").execute();
  });
});

describe("S2e-HKD from a month of orders", () => {
  it("cash and bank: opening, in, out and closing as the rows say, recomputed independently", async () => {
    const book = await json(`/api/shops/demo/books/S2e?${NOV}`);
    const mine = await recomputeCashBank(t.sqlite.store, month.shop.id, "2026-11-01", "2026-11-30");
    for (const a of ["cash", "bank"] as const) for (const k of ["opening", "in", "out", "closing"] as const) expect(book.totals[`${a}.${k}`], `${a}.${k}`).toBe(mine[a][k]);
    // The opening: the rows by hand of 31/10 plus the money of 31/10 (a COD delivery at 23:55, a transfer).
    expect(mine.cash.opening).toBeGreaterThan(2_000_000);
    expect(mine.bank.opening).toBeGreaterThan(15_000_000);
    for (const a of ["cash", "bank"] as const) expect(book.rows.filter((r) => r.account === a).reduce((s, r) => s + r.amount, 0)).toBe(mine[a].in - mine[a].out);
  });

  it("carrier COD, unmatched and other-account transfers are not in it; a late transfer is; refunds go out of the account named", async () => {
    const book = await json(`/api/shops/demo/books/S2e?${NOV}`);
    const refs = book.rows.map((r) => `${r.ref} ${r.description}`).join("\n");
    expect(refs).not.toContain(month.edge.carrierCod!.code);
    expect(book.rows.some((r) => r.amount === 123_000 || r.amount === 77_000)).toBe(false);
    expect(book.rows.find((r) => r.description.includes(month.edge.lateTransfer!.code))?.account).toBe("bank");
    const refundCash = book.rows.find((r) => r.ref === month.edge.returnedCash!.code && r.amount < 0);
    expect(refundCash).toMatchObject({ account: "cash", date: "2026-11-07" });
    expect(book.rows.find((r) => r.ref === month.edge.returnedBank!.code && r.amount < 0)).toMatchObject({ account: "bank", date: "2026-11-11" });
    expect(book.rows.some((r) => r.ref === month.edge.returnedNoRefund!.code && r.amount < 0)).toBe(false);
    // A sale by hand with no account (not yet collected) is revenue, not money.
    expect(book.rows.some((r) => r.description.startsWith("Bán chịu"))).toBe(false);
    expect(book.rows.some((r) => r.description === "Ghi nhầm")).toBe(false);
  });
});

describe("exports", () => {
  it("XLSX: the form's header, columns, lines and totals read back", async () => {
    const res = await get(`/api/shops/demo/books/S2a?${NOV}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="S2a-HKD_demo_2026-11.xlsx"');
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual(["S2a-HKD", "Ghi chú"]);
    const rows = sheets[0]!.data;
    const text = rows.map((r) => r.map((c) => (c === null ? "" : String(c))).join("|")).join("\n");
    for (const s of ["HỘ, CÁ NHÂN KINH DOANH:", "Mẫu số S2a-HKD", "Thông tư số 152/2025/TT-BTC", "Mã số thuế:", "SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ", "Kỳ kê khai: từ 01/11/2026 đến 30/11/2026", "Đơn vị tính: đồng", "1. Ngành nghề:", "NGƯỜI ĐẠI DIỆN HỘ KINH DOANH"]) expect(text).toContain(s);
    const header = rows.findIndex((r) => r[0] === "Số hiệu");
    expect(rows[header]).toEqual(["Số hiệu", "Ngày, tháng", "Diễn giải", "Số tiền"]);
    expect(rows[header + 1]).toEqual(["A", "B", "C", "1"]);
    const book = await json(`/api/shops/demo/books/S2a?${NOV}`);
    const lines = rows.filter((r) => typeof r[1] === "string" && /^\d\d\/\d\d\/2026$/.test(r[1]));
    expect(lines).toHaveLength(book.rows.length);
    expect(lines.reduce((s, r) => s + (r[3] as number), 0)).toBe(book.totals.total);
    const groupTotals = rows.filter((r) => r[2] === "Tổng cộng (1)").map((r) => r[3]);
    expect(groupTotals.reduce((s: number, v) => s + (v as number), 0)).toBe(book.totals.total);
    expect(rows.find((r) => r[2] === "Tổng số thuế GTGT phải nộp")?.[3]).toBe(0);
    expect(sheets[1]!.data.flat().join(" ")).toContain("Cách tính");
  });

  it("XLSX header from the tax profile when the seller filled it", async () => {
    await t.sqlite.store.db
      .insertInto("shop_tax_profiles")
      .values({ shop_id: month.shop.id, household_name: "Hộ kinh doanh Nguyễn Thị Mây", representative: "Nguyễn Thị Mây", tax_code: "012345678901", address: "12 đường 19/5, Than Uyên", business_location: "Chợ Than Uyên", updated_at: "x" })
      .execute();
    const res = await get(`/api/shops/demo/books/S2e?${NOV}&format=xlsx`);
    const [sheet] = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    const text = sheet!.data.flat().join(" ");
    for (const s of ["Hộ kinh doanh Nguyễn Thị Mây", "Mã số thuế: 012345678901", "Địa điểm kinh doanh: Chợ Than Uyên", "SỔ CHI TIẾT TIỀN", "Tiền mặt", "Số dư đầu kỳ", "Tồn cuối kỳ", "Nguyễn Thị Mây"]) expect(text).toContain(s);
    const book = await json(`/api/shops/demo/books/S2e?${NOV}`);
    expect(sheet!.data.find((r) => r[2] === "Tồn cuối kỳ")?.[3]).toBe(book.totals["cash.closing"]);
    await t.sqlite.store.db.deleteFrom("shop_tax_profiles").execute();
  });

  it("CSV: BOM, a Vietnamese header, quoted text, numbers as numbers, formulas defused", async () => {
    const res = await get(`/api/shops/demo/books/S1a?${NOV}&format=csv`);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="S1a-HKD_demo_2026-11.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes)); // the decoder drops the BOM
    expect(rows[0]).toEqual(["Phần", "Ngày tháng", "Diễn giải", "Số tiền", "Tự nhập"]);
    const book = await json(`/api/shops/demo/books/S1a?${NOV}`);
    const lines = rows.slice(1).filter((r) => r[1] !== "");
    expect(lines).toHaveLength(book.rows.length);
    expect(lines.reduce((s, r) => s + Number(r[3]), 0)).toBe(book.totals.total);
    expect(rows.find((r) => r[2] === "Tổng cộng")?.[3]).toBe(String(book.totals.total));
    const formula = lines.find((r) => r[2]!.includes("HYPERLINK"))!;
    expect(formula[2]).toBe(`'=HYPERLINK("http://x.invalid","bấm") (tự nhập)`);
    expect(formula[4]).toBe("có");
    expect(lines.find((r) => Number(r[3]) < 0)).toBeTruthy(); // a negative amount stays a number, not defused
  });

  it("a period that is not a calendar month is named by its two days", async () => {
    const res = await get("/api/shops/demo/books/S2e?from=2026-11-05&to=2026-11-20&format=csv");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="S2e-HKD_demo_2026-11-05_2026-11-20.csv"');
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["Phần", "Số hiệu", "Ngày tháng", "Diễn giải", "Thu/Gửi vào", "Chi/Rút ra", "Tự nhập"]);
    expect(rows.some((r) => r[0] === "Tiền mặt" && r[3] === "Số dư đầu kỳ")).toBe(true);
  });
});

describe("who may read the books", () => {
  it("the owner's session and the operator: yes; staff and shippers: 403; another shop: 403; nobody: 401", async () => {
    expect((await get(`/api/shops/demo/books/S1a?${NOV}`, { cookie: ownerCookie })).status).toBe(200);
    expect((await get(`/api/shops/demo/books/S1a?${NOV}`)).status).toBe(200);
    for (const role of ["staff", "shipper"] as const) {
      const res = await get(`/api/shops/demo/books/S1a?${NOV}`, { cookie: await sessionOf(role) });
      expect(res.status, role).toBe(403);
      expect(await res.json()).toHaveProperty("error");
    }
    const other = await t.sqlite.store.db.insertInto("shops").values({ slug: "other", name: "Quán khác", created_at: "x" }).returning("id").executeTakeFirstOrThrow();
    expect((await get(`/api/shops/other/books/S1a?${NOV}`, { cookie: ownerCookie })).status).toBe(403);
    expect((await get(`/api/shops/demo/books/S1a?${NOV}`, { cookie: await sessionOf("owner", other.id) })).status).toBe(403);
    expect((await get(`/api/shops/demo/books/S1a?${NOV}`, {})).status).toBe(401);
    expect((await get(`/api/shops/demo/books/S1a?${NOV}`, { authorization: "Bearer wrong" })).status).toBe(401);
  });
});

describe("bad requests", () => {
  it("an unknown book is 404; bad dates, formats and periods are 400 with a reason", async () => {
    const bad = async (query: string, status = 400, book = "S1a") => {
      const res = await get(`/api/shops/demo/books/${book}?${query}`);
      expect(res.status, query).toBe(status);
      const body = (await res.json()) as { error: string };
      expect(body.error.length, query).toBeGreaterThan(5);
      return body.error;
    };
    await bad(NOV, 404, "S3a");
    await bad(NOV, 404, "s1a");
    await bad("from=2026-13-01&to=2026-12-31");
    await bad("from=2026-02-30&to=2026-03-31");
    await bad("from=01/11/2026&to=30/11/2026");
    await bad("from=2026-11-01");
    await bad("to=2026-11-30");
    expect(await bad("from=2026-11-30&to=2026-11-01")).toContain("before");
    expect(await bad("from=2026-01-01&to=2027-01-02")).toContain("366");
    await bad("from=2025-12-01&to=2025-12-31");
    await bad(`${NOV}&format=pdf`);
    expect((await get("/api/shops/demo/books/S1a?from=2026-01-01&to=2027-01-01")).status).toBe(200); // 366 days
  });

  it("with neither from nor to, the current month in the shop's time zone", async () => {
    t.clock.set(new Date("2026-11-30T17:30:00Z")); // 00:30 on 01/12 in Vietnam
    const book = await json("/api/shops/demo/books/S1a");
    expect([book.from, book.to]).toEqual(["2026-12-01", "2026-12-31"]);
    expect(book.rows.map((r) => r.ref)).toEqual([month.edge.afterTo!.code]);
    t.clock.set(new Date("2026-12-02T03:00:00Z"));
  });
});

/** A small RFC 4180 reader: quoted fields with "" inside, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field), rows.push(row), (row = []), (field = ""), i++;
    } else field += ch;
  }
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows;
}
