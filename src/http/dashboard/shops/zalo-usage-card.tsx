import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import { MAX_LIMIT } from "../../../domain/usage/plan-limits";
import { percentUsed, reachedLevel } from "../../../domain/usage/thresholds";
import type { BotUsageView } from "../../../domain/usage/usage-view";
import type { ZaloUsageCardMessages } from "../../../i18n/zalo-usage-card";
import { localTime } from "../../../platform/shop-time";
import { CsrfField } from "../layout";

export interface ZaloUsageCardProps {
  m: ZaloUsageCardMessages;
  session: Session;
  shop: Shop;
  views: readonly BotUsageView[];
  /** Where the limits form comes back to: the shops page or the usage page. */
  back: "shops" | "usage";
  /** The owner and the operator may edit the limits; others only read them. */
  canEdit: boolean;
}

const number = (n: number, lang: string) => n.toLocaleString(lang === "en" ? "en-US" : "vi-VN");

function when(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const l = localTime(at, timeZone);
  return `${l.date.slice(8, 10)}/${l.date.slice(5, 7)} ${String(Math.floor(l.minutes / 60)).padStart(2, "0")}:${String(l.minutes % 60).padStart(2, "0")}`;
}

/** One limit: "Người dùng 50 / 50 · đã đầy" over a bar that turns amber at 80% and red when full. */
function Gauge(props: { m: ZaloUsageCardMessages; lang: string; what: string; label: string; used: number; limit: number; detail?: string }) {
  const { m, used, limit, lang } = props;
  const level = reachedLevel(used, limit);
  return (
    <div class="usage-gauge" data-what={props.what} data-used={used} data-limit={limit} data-level={level ?? 0} style="margin:8px 0">
      <div style="display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 8px">
        <span>{props.label}</span>
        <strong>
          <span class="used">{number(used, lang)}</span> / <span class="limit">{number(limit, lang)}</span> <span class="muted">({percentUsed(used, limit)}%)</span>
          {level === 100 ? <span class="err"> · {m.full}</span> : level === 80 ? <span> · {m.nearlyFull}</span> : ""}
        </strong>
      </div>
      <meter min={0} max={Math.max(limit, 1)} low={Math.max(limit, 1) * 0.8} high={Math.max(limit, 1) * 0.999} optimum={0} value={Math.min(used, Math.max(limit, 1))} style="display:block;width:100%;height:18px">
        {percentUsed(used, limit)}%
      </meter>
      {props.detail ? <div class="muted">{props.detail}</div> : ""}
    </div>
  );
}

function LimitsForm(props: ZaloUsageCardProps & { view: BotUsageView }) {
  const { m, view } = props;
  const field = (name: string, label: string, value: number) => (
    <label class="f">
      {label}
      <input name={name} type="number" inputmode="numeric" min={0} max={MAX_LIMIT} step={1} required value={String(value)} style="width:100%" />
    </label>
  );
  return (
    <details class="usage-limits">
      <summary style="cursor:pointer;padding:8px 0">{m.editLimits}</summary>
      <form method="post" action="/dashboard/zalo-usage/limits" class="usage-limits-form">
        <CsrfField session={props.session} />
        <input type="hidden" name="shop" value={props.shop.slug} />
        <input type="hidden" name="botId" value={view.botId} />
        <input type="hidden" name="back" value={props.back} />
        {field("maxUsers", m.maxUsers, view.plan.maxUsers)}
        {field("maxMessages", m.maxMessages, view.plan.maxMessages)}
        {field("maxGroups", m.maxGroups, view.plan.maxGroups)}
        <button class="btn">{m.save}</button>
      </form>
    </details>
  );
}

/** Per Zalo bot: users, messages and groups this month against the plan's limits, who was turned away, and the limits form. */
export function ZaloUsageCard(props: ZaloUsageCardProps) {
  const { m, views, shop } = props;
  const lang = props.session.lang;
  return (
    <section class="card" id="zalo-usage">
      <h2>{m.title}</h2>
      {views.length === 0 ? <p class="muted">{m.noBots}</p> : ""}
      {views.map((v) => (
        <div data-usage-bot={v.botId} style="margin-bottom:12px">
          <div>
            <strong>{v.username ? `@${v.username}` : v.botId}</strong>{" "}
            <span class="muted">
              · {m.month({ month: v.month })} · {m.planName({ plan: v.plan.plan })}
            </span>
          </div>
          <Gauge m={m} lang={lang} what="users" label={m.users} used={v.usage.users} limit={v.plan.maxUsers} />
          <Gauge
            m={m}
            lang={lang}
            what="messages"
            label={m.messages}
            used={v.usage.messagesIn + v.usage.messagesOut}
            limit={v.plan.maxMessages}
            detail={m.messagesSplit({ in: v.usage.messagesIn, out: v.usage.messagesOut })}
          />
          <Gauge m={m} lang={lang} what="groups" label={m.groups} used={v.usage.groups} limit={v.plan.maxGroups} />
          {v.usage.refusedSends > 0 ? (
            <p class="err" data-refused={v.usage.refusedSends}>
              {m.refused({ n: v.usage.refusedSends })}
            </p>
          ) : (
            ""
          )}
          <h3 style="font-size:1em;margin:10px 0 4px">{m.turnedAwayTitle({ n: v.turnedAway.length })}</h3>
          {v.turnedAway.length ? (
            <>
              <div class="muted">{m.turnedAwayHelp}</div>
              <ul class="plain turned-away">
                {v.turnedAway.map((b) => (
                  <li data-turned-away={b.userId} style="overflow-wrap:anywhere">
                    <strong>{b.name || b.userId}</strong> <span class="muted">· {b.userId}</span>
                    <br />
                    {b.firstText ? <span>“{b.firstText}”</span> : ""}
                    <br />
                    <span class="muted">
                      {m.firstSeen({ at: when(b.firstAt, shop.time_zone) })} · {m.times({ n: b.times })}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="muted">{m.noTurnedAway}</p>
          )}
          {props.canEdit ? <LimitsForm {...props} view={v} /> : ""}
        </div>
      ))}
    </section>
  );
}
