import { Hono } from "hono";
import type { Shop } from "../../db/schema";
import { checkConnection, type ConnectionReport } from "../../domain/einvoice/connection-check";
import { einvoiceReadiness } from "../../domain/einvoice/issue-invoice";
import { checkSettings, saveEinvoiceSettings, shopEinvoiceClient, type EinvoiceSettingsInput } from "../../domain/einvoice/settings";
import { einvoicePageMessages } from "../../i18n/einvoice-page";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { EinvoiceSettingsPage } from "./einvoice/settings-page";
import { invoiceRoutes } from "./einvoice/invoice-routes";
import { ownersOnly } from "./owners-only";

const str = (v: unknown, max: number) => (typeof v === "string" ? v.normalize("NFC").trim().slice(0, max) : "");

/**
 * E-invoices through SePay eInvoice (issue 24 part 7), off by default: the settings at
 * /dashboard/einvoice (owners and operators only; the client secret sealed, shown again only
 * masked; "Kiểm tra kết nối" lists the accounts and templates to pick from), and the invoice of an
 * order from its card (invoice-routes.tsx).
 */
export function einvoiceRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/einvoice", requireSession(deps));
  app.use("/einvoice/*", requireSession(deps));
  app.use("/einvoice", ownersOnly);
  app.use("/einvoice/*", ownersOnly);

  const config = () => deps.einvoiceConfig ?? { SEPAY_EINVOICE_URL: "" };
  const render = async (c: DashboardContext, shop: Shop, extra: { flash?: { text: string; error?: boolean }; report?: ConnectionReport; sent?: EinvoiceSettingsInput } = {}, status: 200 | 400 | 502 = 200) => {
    const session = c.get("session");
    const ready = await einvoiceReadiness(deps.store, shop.id);
    return c.html(
      <EinvoiceSettingsPage d={c.get("d")} e={einvoicePageMessages(session.lang)} session={session} assets={c.get("assets")} shop={shop} flash={extra.flash} settings={ready.settings} required={ready.required} report={extra.report} sent={extra.sent} />,
      status,
    );
  };

  app.get("/einvoice", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    return render(c, shop, c.req.query("saved") === "1" ? { flash: { text: einvoicePageMessages(c.get("session").lang).saved } } : {});
  });

  app.post("/einvoice/settings", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const e = einvoicePageMessages(c.get("session").lang);
    const form = await c.req.parseBody();
    // A choice from "Kiểm tra kết nối" fills the three fields it names.
    const [account, template, series] = str(form.choice, 200).split("|");
    const secret = str(form.clientSecret, 200);
    const input: EinvoiceSettingsInput = {
      clientId: str(form.clientId, 200),
      ...(secret ? { clientSecret: secret } : {}),
      providerAccountId: account || str(form.providerAccountId, 100),
      templateCode: template || str(form.templateCode, 2),
      invoiceSeries: (series || str(form.invoiceSeries, 6)).toUpperCase(),
      enabled: form.enabled === "1",
    };
    const ready = await einvoiceReadiness(deps.store, shop.id);
    const checked = checkSettings(input, ready.settings);
    if (!checked.ok) return render(c, shop, { flash: { text: e.problem[checked.reason], error: true }, sent: input }, 400);
    await saveEinvoiceSettings(deps.store, shop.id, checked.value, deps.clock.now());
    return c.redirect(`/dashboard/einvoice?shop=${encodeURIComponent(shop.slug)}&saved=1`, 303);
  });

  app.post("/einvoice/test", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const e = einvoicePageMessages(c.get("session").lang);
    const ready = await einvoiceReadiness(deps.store, shop.id);
    if (!ready.settings?.clientSecret) return render(c, shop, { flash: { text: e.problem.secret_missing, error: true } }, 400);
    const client = shopEinvoiceClient(deps.store, shop.id, ready.settings, config(), { ...(deps.einvoice?.timeoutMs ? { timeoutMs: deps.einvoice.timeoutMs } : {}), now: () => deps.clock.now().getTime() });
    const found = await checkConnection(client);
    if (!found.ok) {
      const why = found.reason;
      const text = why.kind === "unauthorized" ? e.sepay.unauthorized : why.kind === "refused" ? e.sepay.invalid({ why: why.message }) : e.sepay.unavailable;
      return render(c, shop, { flash: { text, error: true } }, why.kind === "unavailable" ? 502 : 400);
    }
    const active = found.value.accounts.filter((a) => a.active);
    const text = active.length ? e.testOk({ accounts: active.length, quota: found.value.quota === null ? "?" : String(found.value.quota) }) : e.testNone;
    return render(c, shop, { flash: { text, error: active.length === 0 }, report: found.value });
  });

  app.route("/", invoiceRoutes(deps));
  return app;
}
