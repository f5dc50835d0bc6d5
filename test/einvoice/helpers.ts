import type { EinvoiceDeps } from "../../src/domain/einvoice/issue-invoice";
import { accountForStaff, createLoginLink } from "../../src/domain/auth/accounts";
import { keyringFrom } from "../../src/domain/secrets/keyring";
import type { FakeEinvoice } from "../fakes/sepay-einvoice-api";
import type { DashboardClient } from "../helpers/dashboard";
import { loginByLink } from "../helpers/login-link";
import { makeTestApp, type TestApp } from "../helpers/test-app";

export const DATA_KEY = "e".repeat(40);
/** Short waits: two checks of a job within a request, 5 ms apart. */
export const TUNING = { timeoutMs: 800, polls: 2, pollIntervalMs: 5 };

/** The app over a fresh database, pointed at the fake, secrets sealed with DATA_KEY. */
export async function einvoiceApp(fake: FakeEinvoice): Promise<TestApp> {
  const t = await makeTestApp({ env: { DATA_KEY, SEPAY_EINVOICE_URL: fake.url }, deps: { einvoice: TUNING } });
  t.sqlite.store.keyring = await keyringFrom(DATA_KEY);
  return t;
}

/** What the follow-up job is given (as the entries build it). */
export function einvoiceDeps(t: TestApp, fake: FakeEinvoice): EinvoiceDeps {
  return { store: t.sqlite.store, config: { SEPAY_EINVOICE_URL: fake.url }, clock: t.clock, call: { timeoutMs: TUNING.timeoutMs } };
}

/** The shop's tax profile says it must issue e-invoices (or not), as the books page saves it. */
export async function setEinvoiceRequired(t: TestApp, required: boolean): Promise<void> {
  await t.sqlite.store.db
    .insertInto("shop_tax_profiles")
    .values({ shop_id: 1, einvoice_required: required ? 1 : 0, updated_at: t.clock.now().toISOString() })
    .onConflict((oc) => oc.column("shop_id").doUpdateSet({ einvoice_required: required ? 1 : 0 }))
    .execute();
}

/** Saves the fake's credentials and its sales-invoice template, on, through the settings page. */
export async function setUpEinvoice(client: DashboardClient, fake: FakeEinvoice, over: Record<string, string> = {}): Promise<Response> {
  await client.get("/dashboard/einvoice?shop=demo");
  return client.post("/dashboard/einvoice/settings", {
    shop: "demo",
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    providerAccountId: fake.accountId,
    templateCode: "2",
    invoiceSeries: "C26TMB",
    enabled: "1",
    ...over,
  });
}

/** A staff member of the demo shop signed in by a login link: their session cookie and a page's CSRF token. */
export async function staffSession(t: TestApp): Promise<{ cookie: string; csrf: string }> {
  const staff = await t.sqlite.store.db.insertInto("staff").values({ shop_id: 1, channel: "telegram", user_id: "9", name: "Hoa", role: "staff", created_at: "x" }).returningAll().executeTakeFirstOrThrow();
  const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
  const login = await loginByLink(t.app, await createLoginLink(t.sqlite.store, account.id, t.clock.now()));
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const board = await (await t.app.request("/dashboard?shop=demo", { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(board)?.[1] ?? "" };
}
