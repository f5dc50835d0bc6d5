import type { Shop, Staff } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { ShopBot } from "../../../domain/shops/shop-bots";
import type { groupsOfShop } from "../../../domain/shops/shop-groups";
import type { DashboardFrameMessages } from "../../../i18n/dashboard-frame";
import type { ShopsPageMessages } from "../../../i18n/shops-page";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { CsrfField, Page } from "../layout";
import { BotsCard, GroupsCard, StaffCard } from "./shop-cards";
import { zaloGroupsCardMessages } from "../../../i18n/zalo-groups-card";
import { ZaloGroupsCard, type ZaloGroupsView } from "./zalo-groups-card";
import type { BotUsageView } from "../../../domain/usage/usage-view";
import { zaloUsageCardMessages } from "../../../i18n/zalo-usage-card";
import { zaloOaCardMessages } from "../../../i18n/zalo-oa-card";
import { ZaloUsageCard } from "./zalo-usage-card";

/** What the create form was sent with, to show again when it is refused. */
export type CreateForm = { slug: string; name: string; lang: string };

export interface ShopsPageProps {
  d: DashboardFrameMessages;
  s: ShopsPageMessages;
  session: Session;
  assets: AssetCatalog;
  /** The shop whose staff, bots and groups are shown. */
  shop: Shop;
  shops: readonly Shop[];
  staff: readonly Staff[];
  bots: readonly ShopBot[];
  groups: Awaited<ReturnType<typeof groupsOfShop>>;
  /** The shop's Zalo bots in groups, or the fallback kit (zalo-groups-card.tsx); none without a Zalo bot. */
  zaloGroups?: ZaloGroupsView | undefined;
  /** Each Zalo bot's month against its plan's limits (zalo-usage-card.tsx). */
  zaloUsage?: readonly BotUsageView[];
  create: CreateForm;
  flash?: { text: string; error?: boolean } | undefined;
}

function ShopList(props: ShopsPageProps) {
  const { s, shops, shop } = props;
  return (
    <section class="card shops">
      <h2>
        {s.shopsTitle} ({shops.length})
      </h2>
      {shops.length ? (
        <ul class="plain">
          {shops.map((x) => (
            <li data-shop={x.slug}>
              <a href={`/dashboard/shops?shop=${encodeURIComponent(x.slug)}`} class={x.id === shop.id ? "on" : ""}>
                {x.name}
              </a>{" "}
              <span class="muted">
                · {x.slug} · {x.lang === "en" ? s.langName.en : s.langName.vi}
                {x.id === shop.id ? ` · ${s.selected}` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{s.noShops}</p>
      )}
    </section>
  );
}

function CreateShop(props: ShopsPageProps) {
  const { s, create } = props;
  return (
    <section class="card" id="create">
      <h2>{s.createShop}</h2>
      <form method="post" action="/dashboard/shops">
        <CsrfField session={props.session} />
        <label class="f">
          {s.slug}
          <input name="slug" value={create.slug} required minlength={2} maxlength={30} pattern="[a-z0-9\-]{2,30}" autocapitalize="none" autocomplete="off" />
        </label>
        <div class="muted">{s.slugHelp}</div>
        <label class="f">
          {s.shopName}
          <input name="name" value={create.name} required maxlength={80} />
        </label>
        <label class="f">
          {s.lang}
          <select name="lang">
            <option value="vi" selected={create.lang !== "en"}>
              {s.langName.vi}
            </option>
            <option value="en" selected={create.lang === "en"}>
              {s.langName.en}
            </option>
          </select>
        </label>
        <button class="btn">{s.createShop}</button>
      </form>
    </section>
  );
}

/** The shops page (operator only): every shop, creating one, and the chosen shop's staff, bots and groups. */
export function ShopsPage(props: ShopsPageProps) {
  const { d, s, session, shop } = props;
  const card = { s, session, shop };
  return (
    <Page d={d} session={session} assets={props.assets} title={d.navShops} section="shops" shop={shop} flash={props.flash} styles={["shops.css"]}>
      <div class="cols">
        <ShopList {...props} />
        <CreateShop {...props} />
      </div>
      <h2>
        {shop.name} <span class="muted">({shop.slug})</span>
      </h2>
      <div class="cols">
        <StaffCard {...card} staff={props.staff} />
        <BotsCard {...card} bots={props.bots} />
        <GroupsCard s={s} groups={props.groups} />
        {props.zaloGroups ? <ZaloGroupsCard z={zaloGroupsCardMessages(session.lang)} view={props.zaloGroups} /> : ""}
        {props.zaloUsage?.length ? <ZaloUsageCard m={zaloUsageCardMessages(session.lang)} session={session} shop={shop} views={props.zaloUsage} back="shops" canEdit={true} /> : ""}
        <section class="card" id="zalo-oa">
          <h2>Zalo OA</h2>
          <a href={`/dashboard/zalo-oa?shop=${encodeURIComponent(shop.slug)}`}>{zaloOaCardMessages(session.lang).title} →</a>
        </section>
      </div>
    </Page>
  );
}
