import type { Shop } from "../../../db/schema";
import type { Store } from "../../../db/store";
import { usageMonth } from "../../../domain/usage/month";
import { fallbackUrls, linkTapsOfMonth, ordersBySourceThisMonth } from "../../../domain/zalo-groups/fallback-links";
import { fallbackPostText } from "../../../domain/zalo-groups/setup-text";
import { zaloBotsOfShop, type ZaloBotGroups } from "../../../domain/zalo-groups/zalo-bots";
import { messagesFor } from "../../../i18n/messages";
import type { ZaloGroupsCardMessages } from "../../../i18n/zalo-groups-card";

/** What the Zalo groups card shows for one shop. */
export interface ZaloGroupsView {
  bots: ZaloBotGroups[];
  /** The text the seller posts in the group (in the shop's language: buyers read it). */
  post: string;
  urls: ReturnType<typeof fallbackUrls>;
  /** The QR image on this page: same origin, whatever PUBLIC_URL says. */
  qrSrc: string;
  month: string;
  taps: { zalo: number; chat: number };
  orders: { fallback: number; webchat: number; group: number; privateChat: number };
}

/** The card's data; undefined for a shop with no Zalo bot (no card then). */
export async function loadZaloGroupsView(store: Store, shop: Shop, publicUrl: string, now: Date): Promise<ZaloGroupsView | undefined> {
  const bots = await zaloBotsOfShop(store, shop.id);
  if (bots.length === 0) return undefined;
  const month = usageMonth(now, shop.time_zone);
  const bySource = await ordersBySourceThisMonth(store, shop.id, now, shop.time_zone);
  return {
    bots,
    post: fallbackPostText(messagesFor(shop.lang), shop, publicUrl),
    urls: fallbackUrls(publicUrl, shop.slug),
    qrSrc: fallbackUrls("", shop.slug).zaloQr,
    month,
    taps: await linkTapsOfMonth(store, shop.id, month),
    orders: { fallback: bySource.fallback_link ?? 0, webchat: bySource.webchat_link ?? 0, group: bySource.group ?? 0, privateChat: bySource.private ?? 0 },
  };
}

function BotGroups(props: { z: ZaloGroupsCardMessages; bot: ZaloBotGroups }) {
  const { z, bot } = props;
  const yes = bot.mode === "mentions_only";
  return (
    <div class="zalo-bot" data-zalo-bot={bot.platformId} data-groups={yes ? "yes" : "no"}>
      <p>
        <strong>{bot.name}</strong> · <strong data-groups-flag>{yes ? z.groupsYes : z.groupsNo}</strong>
        {bot.known ? "" : <span class="muted"> ({z.notChecked})</span>}
      </p>
      <p class="muted">
        {bot.checkedAt ? `${z.checkedAt({ at: bot.checkedAt.slice(0, 16).replace("T", " ") + " UTC" })} ` : ""}
        {z.flagNote}
      </p>
      {yes ? (
        <>
          <h3>{z.seesTitle}</h3>
          <ul data-sees>
            {z.sees.map((x) => (
              <li>{x}</li>
            ))}
          </ul>
          <h3>{z.notSeesTitle}</h3>
          <ul data-not-sees>
            {z.notSees.map((x) => (
              <li>{x}</li>
            ))}
          </ul>
          <h3>{z.stepsTitle}</h3>
          <ol data-steps>
            <li>{z.step1}</li>
            <li>{z.step2}</li>
            <li>{z.step3({ bot: bot.name })}</li>
          </ol>
        </>
      ) : (
        <p data-sees>{z.noGroupSees}</p>
      )}
    </div>
  );
}

/** The fallback kit: the text to post, the QR code and both tracked links. */
function FallbackKit(props: { z: ZaloGroupsCardMessages; view: ZaloGroupsView }) {
  const { z, view } = props;
  return (
    <div data-fallback-kit>
      <h3>{z.kitTitle}</h3>
      <p class="muted">{z.kitHelp}</p>
      <label class="f">
        {z.kitText}
        <textarea readonly rows={7} style="width:100%;box-sizing:border-box" data-kit-text>
          {view.post}
        </textarea>
      </label>
      <p>
        <img src={view.qrSrc} alt={z.qrAlt} width={180} height={180} data-kit-qr />
        <br />
        <a href={`${view.qrSrc}?download=1`}>{z.qrDownload}</a>
      </p>
      <ul class="plain">
        <li>
          {z.zaloLink}: <a href={view.urls.zalo} data-kit-zalo style="word-break:break-all">{view.urls.zalo}</a>
        </li>
        <li>
          {z.chatLink}: <a href={view.urls.chat} data-kit-chat style="word-break:break-all">{view.urls.chat}</a>
        </li>
      </ul>
    </div>
  );
}

/** Per Zalo bot: groups or not (Zalo's can_join_groups), what it sees, and the set-up or the fallback kit; this month's counts. */
export function ZaloGroupsCard(props: { z: ZaloGroupsCardMessages; view: ZaloGroupsView }) {
  const { z, view } = props;
  const anyWithout = view.bots.some((b) => b.mode === "no_groups");
  return (
    <section class="card" id="zalo-groups">
      <h2>{z.title}</h2>
      {view.bots.map((bot) => (
        <BotGroups z={z} bot={bot} />
      ))}
      {anyWithout ? <FallbackKit z={z} view={view} /> : null}
      <h3>{z.countsTitle({ month: view.month })}</h3>
      <p data-counts-taps>{z.taps(view.taps)}</p>
      <p data-counts-orders>{z.orders(view.orders)}</p>
      <p class="muted">{z.countsNote}</p>
    </section>
  );
}
