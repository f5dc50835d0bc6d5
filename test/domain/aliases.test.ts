import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addAlias, checkAliases, listAliases, removeAlias, setAliases } from "../../src/domain/catalog/aliases";
import { readAliasArgs } from "../../flows/staff/alias-command";
import { findByCode, loadCatalog } from "../../src/domain/catalog/catalog";
import { seedDemoShopIfEmpty } from "../../src/domain/shops/demo-seed";
import type { SqliteHandle } from "../../src/db/sqlite";
import { migratedDb, MONDAY_1030 } from "../helpers/test-app";

const CODES = ["A1", "A2", "B 12"];

describe("checkAliases", () => {
  it("cleans each alias: NFC, trimmed, single spaces; empty ones dropped", () => {
    const decomposed = "co\u031bm ga\u0300"; // "cơm gà" typed with combining marks
    const r = checkAliases([`  ${decomposed}  `, "", "  ", "gà\t  nướng"], CODES);
    expect(r).toEqual({ ok: true, value: ["cơm gà", "gà nướng"] });
    expect(r.ok && r.value[0]).toBe("cơm gà".normalize("NFC"));
  });

  it("drops duplicates whatever their case (and accents, which comments do not type either)", () => {
    expect(checkAliases(["Cơm Gà", "cơm gà", "COM GA", "gà nướng"], CODES)).toEqual({ ok: true, value: ["Cơm Gà", "gà nướng"] });
  });

  it("takes 1 to 40 characters, counted as letters, not bytes", () => {
    const forty = "ă".repeat(40);
    expect(checkAliases([forty], CODES)).toEqual({ ok: true, value: [forty] });
    expect(checkAliases(["x"], CODES)).toEqual({ ok: true, value: ["x"] });
    expect(checkAliases([`${forty}a`], CODES)).toMatchObject({ ok: false, reason: { kind: "too_long" } });
  });

  it("takes at most 10 per product", () => {
    const ten = Array.from({ length: 10 }, (_, i) => `tên ${"abcdefghij"[i]}`);
    expect(checkAliases(ten, CODES)).toEqual({ ok: true, value: ten });
    expect(checkAliases([...ten, "tên k"], CODES)).toEqual({ ok: false, reason: { kind: "too_many" } });
    // Duplicates do not count towards the ten.
    expect(checkAliases([...ten, "TÊN A"], CODES).ok).toBe(true);
  });

  it("refuses a product's code, however it is typed, and an alias with no letter", () => {
    expect(checkAliases(["cơm gà", "a2"], CODES)).toEqual({ ok: false, reason: { kind: "is_code", alias: "a2" } });
    expect(checkAliases(["b12"], CODES)).toEqual({ ok: false, reason: { kind: "is_code", alias: "b12" } });
    expect(checkAliases(["A3"], CODES)).toEqual({ ok: true, value: ["A3"] });
    expect(checkAliases(["2"], CODES)).toEqual({ ok: false, reason: { kind: "no_letter", alias: "2" } });
  });
});

describe("/alias arguments", () => {
  it("a code alone lists, a name adds, a minus or xoá removes; half a command is the usage", () => {
    expect(readAliasArgs("A1")).toEqual({ kind: "list", code: "A1" });
    expect(readAliasArgs(" A1  cơm   gà ")).toEqual({ kind: "add", code: "A1", alias: "cơm gà" });
    expect(readAliasArgs("A1 +cơm gà")).toEqual({ kind: "add", code: "A1", alias: "cơm gà" });
    expect(readAliasArgs("A1 -cơm gà")).toEqual({ kind: "remove", code: "A1", alias: "cơm gà" });
    expect(readAliasArgs("A1 − cơm gà")).toEqual({ kind: "remove", code: "A1", alias: "cơm gà" });
    for (const word of ["xoá", "xóa", "XOA", "remove"]) expect(readAliasArgs(`A1 ${word} cơm gà`)).toEqual({ kind: "remove", code: "A1", alias: "cơm gà" });
    for (const half of ["", "  ", "A1 -", "A1 xoá"]) expect(readAliasArgs(half)).toBeUndefined();
  });
});

describe("a product's aliases in the database", () => {
  let db: SqliteHandle;
  beforeEach(async () => {
    db = await migratedDb();
    await seedDemoShopIfEmpty(db.store, MONDAY_1030, "Asia/Ho_Chi_Minh");
  });
  afterEach(async () => {
    await db.close();
  });
  const stored = async (code: string) => findByCode(await loadCatalog(db.store, 1), code)?.aliases;

  it("the demo shop is seeded with the words its buyers use", async () => {
    expect(await stored("A1")).toEqual(["cơm gà", "gà nướng"]);
    expect(await stored("A2")).toEqual(["bún cá", "chả cá"]);
    expect(await stored("A4")).toEqual(["lẩu", "lẩu cá"]);
    expect(await stored("A8")).toEqual(["mơ", "nước mơ"]);
    expect(await stored("A5")).toEqual([]);
  });

  it("adds, lists and removes; a code from another shop's point of view is unknown", async () => {
    const added = await addAlias(db.store, 1, "a6", "trà shan tuyết");
    expect(added).toEqual({ ok: true, value: { code: "A6", name: "Chè Shan Tuyết cổ thụ", aliases: ["trà shan tuyết"], changed: true } });
    expect(await addAlias(db.store, 1, "A6", "Trà Shan Tuyết")).toMatchObject({ ok: true, value: { changed: false, aliases: ["trà shan tuyết"] } });
    expect((await listAliases(db.store, 1, "A6"))?.aliases).toEqual(["trà shan tuyết"]);
    expect(await removeAlias(db.store, 1, "A6", "tra shan tuyet")).toMatchObject({ ok: true, value: { aliases: [] } });
    expect(await removeAlias(db.store, 1, "A6", "trà")).toEqual({ ok: false, reason: { kind: "not_found", alias: "trà" } });
    expect(await addAlias(db.store, 1, "Z9", "gì đó")).toEqual({ ok: false, reason: { kind: "unknown_code" } });
    expect(await addAlias(db.store, 2, "A1", "gì đó")).toEqual({ ok: false, reason: { kind: "unknown_code" } });
    expect(await addAlias(db.store, 1, "A6", "A7")).toEqual({ ok: false, reason: { kind: "is_code", alias: "A7" } });
    expect(await stored("A6")).toEqual([]);
  });

  it("set replaces the whole list, checked the same way", async () => {
    expect(await setAliases(db.store, 1, "A1", ["gà mắc khén", " cơm gà "])).toMatchObject({ ok: true, value: { aliases: ["gà mắc khén", "cơm gà"] } });
    expect(await setAliases(db.store, 1, "A1", ["a2"])).toMatchObject({ ok: false });
    expect(await stored("A1")).toEqual(["gà mắc khén", "cơm gà"]);
  });

  it("staff adding at the same moment both land (a compare-and-set, no transaction)", async () => {
    const words = ["một", "hai", "ba", "bốn", "năm"];
    const results = await Promise.all(words.map((w) => addAlias(db.store, 1, "A5", w)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(await stored("A5"))).toEqual(new Set(words));
  });
});
