import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { allProvinces, communeByCode } from "../../../domain/address/match";
import { CARRIER_IDS, type CarrierId } from "../../../domain/carriers/carrier";
import type { ShopCarrierSetting } from "../../../domain/carriers/shop-carriers";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { ShippingMessages } from "../../../i18n/shipping";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { Page } from "../layout";
import { ShopFormFields } from "../payments/form-fields";
import { maskSecret } from "../payments/webhook-keys";

export interface ShippingPageProps {
  d: DashboardFrameMessages;
  s: ShippingMessages;
  session: Session;
  assets: AssetCatalog;
  shop: Shop;
  flash?: { text: string; error?: boolean } | undefined;
  settings: Record<CarrierId, ShopCarrierSetting>;
  /** The two webhook URLs to give the carriers. */
  webhookUrls: Record<CarrierId, string>;
}

function CarrierCard(props: { s: ShippingMessages; session: Session; shop: Shop; setting: ShopCarrierSetting }) {
  const { s, setting } = props;
  const c = setting.carrier;
  const token = setting.token;
  return (
    <section class="card" id={`carrier-${c}`} data-carrier={c}>
      <h2>{s.carrierName[c]}</h2>
      <form method="post" action="/dashboard/shipping/carrier">
        <ShopFormFields session={props.session} shop={props.shop} />
        <input type="hidden" name="carrier" value={c} />
        <label class="check">
          <input type="checkbox" name="enabled" value="1" checked={setting.enabled} /> {s.offered}
        </label>
        <div class="muted" data-token-state={token ? "set" : "unset"}>
          {token ? (setting.fromEnvironment ? s.tokenFromEnv({ masked: maskSecret(token) }) : s.tokenSet({ masked: maskSecret(token) })) : s.tokenNotSet}
        </div>
        <label class="f">
          {s.token}
          <input type="password" name="token" minlength={8} maxlength={200} autocomplete="off" placeholder={s.tokenNew} />
        </label>
        <div class="muted">{s.tokenHelp}</div>
        {c === "ghn" ? (
          <label class="f">
            {s.ghnShopId}
            <input name="ghnShopId" inputmode="numeric" pattern="[0-9]*" maxlength={12} value={setting.ghnShopId ? String(setting.ghnShopId) : ""} />
          </label>
        ) : (
          <label class="f">
            {s.clientSource}
            <input name="clientSource" maxlength={40} value={setting.clientSource ?? ""} />
          </label>
        )}
        <label class="f">
          {s.feePaidBy}
          <select name="feePaidBy">
            <option value="buyer" selected={setting.feePaidBy === "buyer"}>
              {s.feePaidByBuyer}
            </option>
            <option value="shop" selected={setting.feePaidBy === "shop"}>
              {s.feePaidByShop}
            </option>
          </select>
        </label>
        <button class="btn">{s.save}</button>
      </form>
    </section>
  );
}

/** The shop's carriers: each one's account (token masked), who pays, the pickup address and flat fee, the webhook URLs. */
export function ShippingPage(props: ShippingPageProps) {
  const { d, s, session, shop } = props;
  const commune = shop.pickup_commune_code ? communeByCode(shop.pickup_commune_code) : undefined;
  return (
    <Page d={d} session={session} assets={props.assets} title={s.pageTitle} section="payments" shop={shop} flash={props.flash} styles={["payments.css"]}>
      <h2>{s.pageTitle}</h2>
      <p class="muted">{s.pageHelp}</p>
      <div class="cols">
        {CARRIER_IDS.map((c) => (
          <CarrierCard s={s} session={session} shop={shop} setting={props.settings[c]} />
        ))}
        <section class="card" id="pickup">
          <h2>{s.pickupTitle}</h2>
          <p class="muted">{commune ? s.pickupHelp : s.pickupMissing}</p>
          <form method="post" action="/dashboard/shipping/pickup">
            <ShopFormFields session={session} shop={shop} />
            <label class="f">
              {s.province}
              <select name="province" required>
                <option value=""></option>
                {allProvinces().map((p) => (
                  <option value={p.code} selected={p.code === shop.pickup_province_code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label class="f">
              {s.commune}
              <input name="commune" required maxlength={80} value={commune?.name ?? ""} />
            </label>
            <label class="f">
              {s.hamlet}
              <input name="hamlet" maxlength={80} value={shop.pickup_hamlet ?? ""} />
            </label>
            <label class="f">
              {s.street}
              <input name="street" maxlength={120} value={shop.pickup_street ?? ""} />
            </label>
            <label class="f">
              {s.pickupName}
              <input name="name" maxlength={60} value={shop.pickup_name ?? shop.name} />
            </label>
            <label class="f">
              {s.pickupPhone}
              <input name="phone" required inputmode="tel" maxlength={15} value={shop.pickup_phone ?? shop.phone ?? ""} />
            </label>
            <label class="f">
              {s.flatFee}
              <input name="flatFee" required inputmode="numeric" maxlength={9} value={String(shop.carrier_flat_fee)} />
            </label>
            <button class="btn">{s.save}</button>
          </form>
        </section>
        <section class="card" id="carrier-webhooks">
          <h2>{s.webhooksTitle}</h2>
          <p class="muted">{s.webhooksHelp}</p>
          {CARRIER_IDS.map((c) => (
            <div data-webhook={c}>
              <strong>{s.carrierName[c]}</strong>
              <code class="url">{props.webhookUrls[c]}</code>
            </div>
          ))}
        </section>
      </div>
    </Page>
  );
}
