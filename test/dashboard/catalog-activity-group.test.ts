import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIVITY_GROUPS, ACTIVITY_GROUP_NAMES_EN, ACTIVITY_GROUP_NAMES_VI } from "../../src/domain/books/activity-groups";
import { findByCode, loadCatalog } from "../../src/domain/catalog/catalog";
import { DashboardClient } from "../helpers/dashboard";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";

// The product's nhóm ngành (issue 24) through the real app: the catalog editor's select, the
// products API, and the demo shop's groups, all over the real migrations in SQLite.

let t: TestApp;
let client: DashboardClient;
beforeEach(async () => {
  t = await makeTestApp();
  client = await DashboardClient.asOperator(t);
});
afterEach(() => t.close());

type Fields = Record<string, string | string[]>;

/** Posts the product form as a browser does (urlencoded is enough without a photo); weekdays repeat. */
async function postForm(path: string, fields: Fields, csrf = client.csrf): Promise<Response> {
  const body = new URLSearchParams({ _csrf: csrf });
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return t.app.request(path, { method: "POST", headers: { cookie: client.cookie }, body });
}

const NEW_ITEM: Fields = { code: "B1", name: "Hộp quà Tết", price: "350.000", unit: "hộp", stock: "10", description: "", category: "Quà", labels: "", aliases: "", days: ["1", "2", "3", "4", "5", "6", "7"], from: "", to: "", options: "", weight: "1200", optionWeights: "" };

const product = async (code: string) => findByCode(await loadCatalog(t.sqlite.store, 1), code);
const version = async () => (await t.sqlite.store.db.selectFrom("shops").select("catalog_version").where("id", "=", 1).executeTakeFirstOrThrow()).catalog_version;
/** The `<select name="activityGroup">` of a page, and the value it has selected. */
function groupSelect(html: string): { values: string[]; selected: string[] } {
  const select = /<select name="activityGroup">([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  return {
    values: [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]!),
    selected: [...select.matchAll(/<option value="([^"]+)" selected=""/g)].map((m) => m[1]!),
  };
}

describe("the product's activity group in the catalog editor", () => {
  it("offers the seven groups by their Vietnamese names with a hint, 'goods' for a new product, the stored one when editing", async () => {
    const list = await client.get("/dashboard/catalog?shop=demo");
    expect(list.status).toBe(200);
    expect(list.html).toContain("Nhóm ngành (sổ thuế)");
    expect(list.html).toContain("Dùng cho sổ doanh thu và tờ khai thuế. Quán ăn chọn Dịch vụ ăn uống.");
    expect(groupSelect(list.html)).toEqual({ values: [...ACTIVITY_GROUPS], selected: ["goods"] });
    for (const g of ACTIVITY_GROUPS) expect(list.html).toContain(`>${ACTIVITY_GROUP_NAMES_VI[g]}</option>`);
    // Each card says which book its revenue goes in.
    expect(list.html).toMatch(/data-activity-group="food_service">Sổ thuế: Dịch vụ ăn uống</);

    const edit = await client.get("/dashboard/catalog/A7/edit?shop=demo");
    expect(groupSelect(edit.html).selected).toEqual(["production"]);
  });

  it("saves the group on create and on update, and the catalog version moves so every reader sees it", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    const created = await postForm("/dashboard/catalog?shop=demo", { ...NEW_ITEM, activityGroup: "production" });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/dashboard/catalog?shop=demo&ok=created&code=B1");
    expect((await product("B1"))?.activityGroup).toBe("production");
    expect((await t.sqlite.store.db.selectFrom("products").select("activity_group").where("code", "=", "B1").executeTakeFirstOrThrow()).activity_group).toBe("production");

    const before = await version();
    await client.get("/dashboard/catalog/B1/edit?shop=demo");
    const saved = await postForm("/dashboard/catalog/B1?shop=demo", { ...NEW_ITEM, activityGroup: "goods" });
    expect(saved.status).toBe(303);
    expect(await version()).toBeGreaterThan(before);
    expect((await product("B1"))?.activityGroup).toBe("goods");
    expect(groupSelect((await client.get("/dashboard/catalog/B1/edit?shop=demo")).html).selected).toEqual(["goods"]);
  });

  it("a page from before the field (none sent) gets 'goods' on create and keeps the stored group on update", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    expect((await postForm("/dashboard/catalog?shop=demo", NEW_ITEM)).status).toBe(303);
    expect((await product("B1"))?.activityGroup).toBe("goods");

    const a1 = (await product("A1"))!;
    expect(a1.activityGroup).toBe("food_service");
    await client.get("/dashboard/catalog/A1/edit?shop=demo");
    const res = await postForm("/dashboard/catalog/A1?shop=demo", { ...NEW_ITEM, code: "A1", name: a1.name, price: "46.000", options: "" });
    expect(res.status).toBe(303);
    expect(await product("A1")).toMatchObject({ price: 46_000, activityGroup: "food_service" });
  });

  it("refuses a forged group with the form's clear error, shows the form again, and saves nothing", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    for (const forged of ["wholesale", "", "GOODS", "goods' OR 1=1"]) {
      const res = await postForm("/dashboard/catalog?shop=demo", { ...NEW_ITEM, activityGroup: forged });
      expect(res.status, forged).toBe(400);
      const html = await res.text();
      expect(html).toContain("Chưa lưu gì.");
      expect(html).toContain("Chọn nhóm ngành trong danh sách");
      // The rest of what was typed comes back, so nothing has to be typed again.
      expect(html).toContain('value="Hộp quà Tết"');
    }
    expect(await product("B1")).toBeUndefined();

    const before = await version();
    const a5 = await t.sqlite.store.db.selectFrom("products").selectAll().where("code", "=", "A5").executeTakeFirstOrThrow();
    await client.get("/dashboard/catalog/A5/edit?shop=demo");
    const res = await postForm("/dashboard/catalog/A5?shop=demo", { ...NEW_ITEM, code: "A5", price: "1.000", activityGroup: "tax_free" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Chọn nhóm ngành trong danh sách");
    expect(await t.sqlite.store.db.selectFrom("products").selectAll().where("code", "=", "A5").executeTakeFirstOrThrow()).toEqual(a5);
    expect(await version()).toBe(before);
  });

  it("speaks English to an English session", async () => {
    await client.get("/dashboard/catalog?shop=demo");
    await client.post("/dashboard/lang", { lang: "en" });
    const edit = await client.get("/dashboard/catalog/A1/edit?shop=demo");
    expect(edit.html).toContain("Activity group (tax books)");
    for (const g of ACTIVITY_GROUPS) expect(edit.html).toContain(`>${ACTIVITY_GROUP_NAMES_EN[g]}</option>`);
    const res = await postForm("/dashboard/catalog/A1?shop=demo", { ...NEW_ITEM, code: "A1", activityGroup: "nope" });
    expect(await res.text()).toContain("Pick an activity group from the list");
  });
});

describe("the products API and the demo shop", () => {
  const api = (path: string, init: RequestInit = {}) => t.app.request(path, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json", ...init.headers } });

  it("shows each product's activityGroup, the demo's as a market-town kitchen would keep its books", async () => {
    const listed = (await (await api("/api/shops/demo/products")).json()) as { code: string; activityGroup: string }[];
    expect(Object.fromEntries(listed.map((p) => [p.code, p.activityGroup]))).toEqual({
      A1: "food_service",
      A2: "food_service",
      A3: "food_service",
      A4: "food_service",
      A5: "goods",
      A6: "goods",
      A7: "production",
      A8: "food_service",
    });
  });

  it("PATCH sets the group alone, refuses an unknown one with 400, and changes nothing then", async () => {
    const res = await api("/api/shops/demo/products/A6", { method: "PATCH", body: JSON.stringify({ activityGroup: "other" }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ code: "A6", activityGroup: "other", price: 180_000 });
    expect((await product("A6"))?.activityGroup).toBe("other");

    for (const bad of [{ activityGroup: "wholesale" }, { activityGroup: 1 }, { activityGroup: null }]) {
      const refused = await api("/api/shops/demo/products/A6", { method: "PATCH", body: JSON.stringify(bad) });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toMatch(/invalid body/);
    }
    expect((await product("A6"))?.activityGroup).toBe("other");
  });
});
