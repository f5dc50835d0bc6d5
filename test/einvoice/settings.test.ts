import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { einvoiceSettings } from "../../src/domain/einvoice/settings";
import { keyringFrom } from "../../src/domain/secrets/keyring";
import { resealSecrets } from "../../src/domain/secrets/reseal";
import { startFakeSepayEinvoice, type FakeEinvoice } from "../fakes/sepay-einvoice-api";
import { DashboardClient } from "../helpers/dashboard";
import type { TestApp } from "../helpers/test-app";
import { DATA_KEY, einvoiceApp, setEinvoiceRequired, setUpEinvoice, staffSession } from "./helpers";

// The e-invoice settings page (/dashboard/einvoice): off by default, owners and operators only, the
// client secret sealed and only ever shown masked, "Kiểm tra kết nối" listing what SePay gave to
// pick from, and every wrong field answered in words.
let fake: FakeEinvoice;
let t: TestApp;

beforeAll(async () => {
  fake = await startFakeSepayEinvoice({ now: () => t?.clock.now().getTime() ?? Date.now() });
});
afterAll(() => fake.close());
beforeEach(async () => {
  t = await einvoiceApp(fake);
});
afterEach(async () => {
  fake.clearFaults();
  await t.close();
});

const row = () => t.sqlite.store.db.selectFrom("shop_einvoice").selectAll().where("shop_id", "=", 1).executeTakeFirst();

describe("e-invoice settings", () => {
  it("start off; are saved with the secret sealed, shown masked, kept when left empty, and survive a key rotation", async () => {
    const client = await DashboardClient.asOperator(t);
    const page = await client.get("/dashboard/einvoice?shop=demo");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Hóa đơn điện tử");
    expect(page.html).toContain("Hồ sơ thuế chưa bật");
    expect(page.html).toContain('data-secret-state="unset"');
    expect(page.html).not.toContain("Kiểm tra kết nối</button>");
    expect(await row()).toBeUndefined();

    // No secret on a first save: refused.
    const none = await setUpEinvoice(client, fake, { clientSecret: "", enabled: "" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("cần nhập client_secret");

    expect((await setUpEinvoice(client, fake, { enabled: "" })).status).toBe(303);
    const saved = (await row())!;
    expect(saved.client_secret).toMatch(/^enc:v1:/);
    expect(JSON.stringify(saved)).not.toContain(fake.clientSecret);
    expect(saved).toMatchObject({ enabled: 0, client_id: fake.clientId, provider_account_id: fake.accountId, template_code: "2", invoice_series: "C26TMB" });
    const again = await client.get("/dashboard/einvoice?shop=demo");
    expect(again.html).not.toContain(fake.clientSecret);
    expect(again.html).toContain(`••••${fake.clientSecret.slice(-4)}`);
    expect(again.html).toContain("Kiểm tra kết nối");

    // Saved again without a secret: the sealed one stays; turned on.
    expect((await setUpEinvoice(client, fake, { clientSecret: "" })).status).toBe(303);
    expect((await row())!.client_secret).toBe(saved.client_secret);
    expect((await row())!.enabled).toBe(1);

    t.sqlite.store.keyring = await keyringFrom("r".repeat(40), [DATA_KEY]);
    expect((await resealSecrets(t.sqlite.store)).unreadable).toEqual([]);
    expect((await row())!.client_secret).not.toBe(saved.client_secret);
    expect((await einvoiceSettings(t.sqlite.store, 1))!.clientSecret).toBe(fake.clientSecret);
  });

  it("refuse a malformed series, a VAT template, and turning on without an account — in words, the fields kept", async () => {
    const client = await DashboardClient.asOperator(t);
    const cases: [Record<string, string>, string][] = [
      [{ invoiceSeries: "X26TMB" }, "ký hiệu phải có dạng C26TMB"],
      [{ invoiceSeries: "C26TM" }, "ký hiệu phải có dạng"],
      [{ templateCode: "1", invoiceSeries: "C26TAT" }, "hóa đơn bán hàng (mẫu số 2)"],
      [{ providerAccountId: "" }, "chọn tài khoản, mẫu và ký hiệu trước"],
      [{ clientId: "" }, "client_id không hợp lệ"],
    ];
    for (const [over, words] of cases) {
      const res = await setUpEinvoice(client, fake, over);
      expect(res.status, JSON.stringify(over)).toBe(400);
      const html = await res.text();
      expect(html).toContain(words);
      expect(html).not.toContain(fake.clientSecret);
    }
    expect(await row()).toBeUndefined();
    // A lower-case series is taken as the upper-case one.
    expect((await setUpEinvoice(client, fake, { invoiceSeries: "c26tmb" })).status).toBe(303);
    expect((await row())!.invoice_series).toBe("C26TMB");
  });

  it("Kiểm tra kết nối lists the accounts and templates to choose from; a choice fills the three fields", async () => {
    const client = await DashboardClient.asOperator(t);
    await setEinvoiceRequired(t, true);
    expect((await setUpEinvoice(client, fake, { providerAccountId: "", templateCode: "", invoiceSeries: "", enabled: "" })).status).toBe(303);
    const res = await client.post("/dashboard/einvoice/test", { shop: "demo" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Kết nối được SePay: 1 tài khoản, còn");
    expect(html).toContain("matbao");
    expect(html).toContain(fake.accountId);
    expect(html).toContain("2 - C26TMB - Hóa đơn bán hàng");
    expect(html).toContain("1 - C26TAT - Hóa đơn giá trị gia tăng");
    // Only the sales invoice can be chosen.
    expect(html).toMatch(new RegExp(`value="${fake.accountId}\\|1\\|C26TAT" disabled`));
    expect(html).not.toMatch(new RegExp(`value="${fake.accountId}\\|2\\|C26TMB" disabled`));
    expect(html).toContain("cửa hàng phải xuất hóa đơn điện tử");
    const chosen = await client.post("/dashboard/einvoice/settings", { shop: "demo", clientId: fake.clientId, clientSecret: "", choice: `${fake.accountId}|2|C26TMB`, enabled: "1" });
    expect(chosen.status).toBe(303);
    expect(await row()).toMatchObject({ provider_account_id: fake.accountId, template_code: "2", invoice_series: "C26TMB", enabled: 1 });
  });

  it("Kiểm tra kết nối with a wrong secret or no answer: a short message, never the secret", async () => {
    const client = await DashboardClient.asOperator(t);
    await setUpEinvoice(client, fake, { clientSecret: "wrong-secret-1234", enabled: "" });
    const refused = await client.post("/dashboard/einvoice/test", { shop: "demo" });
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain("SePay từ chối client_id / client_secret");
    expect(text).not.toContain("wrong-secret-1234");
    await setUpEinvoice(client, fake, { enabled: "" });
    fake.inject({ kind: "http-500", path: "/v1/provider-accounts" });
    const down = await client.post("/dashboard/einvoice/test", { shop: "demo" });
    expect(down.status).toBe(502);
    expect(await down.text()).toContain("SePay chưa trả lời");
  });

  it("owners and operators only: staff get 403 and change nothing", async () => {
    const { cookie, csrf } = await staffSession(t);
    expect((await t.app.request("/dashboard/einvoice?shop=demo", { headers: { cookie } })).status).toBe(403);
    const post = await t.app.request("/dashboard/einvoice/settings", { method: "POST", headers: { cookie }, body: new URLSearchParams({ _csrf: csrf, shop: "demo", clientId: "x-client", clientSecret: "some-secret-value" }) });
    expect(post.status).toBe(403);
    expect(await row()).toBeUndefined();
    // Not logged in: to the login form.
    expect((await t.app.request("/dashboard/einvoice?shop=demo")).status).toBe(302);
  });
});
