import { Hono } from "hono";
import type { Shop } from "../../db/schema";
import { findCommune, provinceByCode } from "../../domain/address/match";
import { CARRIER_IDS, type CarrierId } from "../../domain/carriers/carrier";
import { carrierWebhookToken, savePickupSettings, saveShopCarrier, shopCarrierSettings } from "../../domain/carriers/shop-carriers";
import { shippingMessages } from "../../i18n/shipping";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { ownersOnly } from "./owners-only";
import { ShippingPage } from "./shipping/page";

const TOKEN_SHAPE = /^[A-Za-z0-9._-]{8,200}$/;
const str = (v: unknown, max: number) => (typeof v === "string" ? v.normalize("NFC").trim().slice(0, max) : "");

/**
 * The shop's carrier settings at /dashboard/shipping (issue 23): owners and operators only (staff and
 * shippers: 403). Tokens are sealed when saved and shown again only masked.
 */
export function shippingRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/shipping", requireSession(deps));
  app.use("/shipping/*", requireSession(deps));
  app.use("/shipping", ownersOnly);
  app.use("/shipping/*", ownersOnly);

  const config = () => deps.carrierConfig ?? { GHN_API_ROOT: "", GHTK_API_ROOT: "" };
  const render = async (c: DashboardContext, shop: Shop, flash?: { text: string; error?: boolean }, status: 200 | 400 = 200) => {
    const session = c.get("session");
    const settings = await shopCarrierSettings(deps.store, shop, config());
    const origin = (deps.publicUrl || new URL(c.req.url).origin).replace(/\/+$/, "");
    const token = await carrierWebhookToken(deps.store, shop, config());
    const webhookUrls = Object.fromEntries(CARRIER_IDS.map((id) => [id, `${origin}/webhooks/${id}/${shop.slug}/${token}`])) as Record<CarrierId, string>;
    return c.html(<ShippingPage d={c.get("d")} s={shippingMessages(session.lang)} session={session} assets={c.get("assets")} shop={shop} flash={flash} settings={settings} webhookUrls={webhookUrls} />, status);
  };
  const back = (c: DashboardContext, shop: Shop, anchor: string) => c.redirect(`/dashboard/shipping?shop=${encodeURIComponent(shop.slug)}&saved=1#${anchor}`, 303);

  app.get("/shipping", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    return render(c, shop, c.req.query("saved") === "1" ? { text: shippingMessages(c.get("session").lang).saved } : undefined);
  });

  app.post("/shipping/carrier", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const s = shippingMessages(c.get("session").lang);
    const form = await c.req.parseBody();
    const carrier = CARRIER_IDS.find((id) => id === form.carrier);
    const token = str(form.token, 200);
    const shopIdText = str(form.ghnShopId, 12);
    const ghnShopId = shopIdText ? Number(shopIdText) : null;
    const clientSource = str(form.clientSource, 40) || null;
    const feePaidBy = form.feePaidBy === "shop" ? "shop" : form.feePaidBy === "buyer" ? "buyer" : undefined;
    if (!carrier || !feePaidBy || (token && !TOKEN_SHAPE.test(token)) || (ghnShopId !== null && (!Number.isSafeInteger(ghnShopId) || ghnShopId <= 0)) || (clientSource && !/^[A-Za-z0-9_-]{1,40}$/.test(clientSource)))
      return render(c, shop, { text: s.invalid, error: true }, 400);
    await saveShopCarrier(deps.store, shop.id, carrier, { enabled: form.enabled === "1", ...(token ? { token } : {}), ghnShopId: carrier === "ghn" ? ghnShopId : null, clientSource: carrier === "ghtk" ? clientSource : null, feePaidBy }, deps.clock.now());
    return back(c, shop, `carrier-${carrier}`);
  });

  app.post("/shipping/pickup", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const s = shippingMessages(c.get("session").lang);
    const form = await c.req.parseBody();
    const province = provinceByCode(str(form.province, 4));
    const communeText = str(form.commune, 80);
    const match = province && communeText ? findCommune(communeText, province.code) : undefined;
    const phone = str(form.phone, 15).replace(/[\s.-]/g, "");
    const fee = Number(str(form.flatFee, 9).replace(/[.,\s₫đ]/g, ""));
    if (!province || match?.kind !== "one" || !/^\+?\d{8,12}$/.test(phone) || !Number.isSafeInteger(fee) || fee < 0 || fee > 5_000_000) {
      const names = match?.kind === "several" ? ` (${match.candidates.map((x) => x.value.name).join(", ")})` : "";
      return render(c, shop, { text: s.pickupInvalid + names, error: true }, 400);
    }
    await savePickupSettings(deps.store, shop.id, {
      provinceCode: province.code,
      communeCode: match.value.code,
      hamlet: str(form.hamlet, 80) || null,
      street: str(form.street, 120) || null,
      name: str(form.name, 60) || shop.name,
      phone,
      flatFee: fee,
    });
    return back(c, shop, "pickup");
  });

  return app;
}
