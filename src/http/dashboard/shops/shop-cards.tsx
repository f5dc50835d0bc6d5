import type { Shop, Staff } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { ShopBot } from "../../../domain/shops/shop-bots";
import type { groupsOfShop } from "../../../domain/shops/shop-groups";
import type { ShopsPageMessages } from "../../../i18n/shops-page";
import { CsrfField } from "../layout";

export const CHANNELS = ["telegram", "zalo"] as const;
export const ROLES = ["owner", "staff", "shipper"] as const satisfies readonly Staff["role"][];

/** A bot token as it may be shown again: its public id, an ellipsis and the last 4 characters (`123456:…abcd`). */
export function maskToken(token: string): string {
  const [id = ""] = token.split(":");
  return `${id}:…${token.slice(-4)}`;
}

interface CardProps {
  s: ShopsPageMessages;
  session: Session;
  shop: Shop;
}

// Every form of a shop's cards says which shop it is about.
const Hidden = (props: CardProps) => (
  <>
    <CsrfField session={props.session} />
    <input type="hidden" name="shop" value={props.shop.slug} />
  </>
);

const ChannelSelect = (props: { s: ShopsPageMessages }) => (
  <select name="channel">
    {CHANNELS.map((ch) => (
      <option value={ch}>{props.s.channelName[ch]}</option>
    ))}
  </select>
);

const channelName = (s: ShopsPageMessages, channel: string) => (channel === "zalo" ? s.channelName.zalo : s.channelName.telegram);

// Removing is one more click (a closed <details>), so a slip of the thumb removes nobody.
function StaffActions(props: CardProps & { member: Staff }) {
  const { s, member } = props;
  const who = (
    <>
      <Hidden {...props} />
      <input type="hidden" name="channel" value={member.channel} />
      <input type="hidden" name="userId" value={member.user_id} />
    </>
  );
  return (
    <div class="staff-actions">
      <form method="post" action="/dashboard/shops/staff/logout" class="inline">
        {who}
        <button class="btn alt">{s.endStaffSessions}</button>
      </form>
      <details class="inline">
        <summary class="muted">{s.removeStaff}…</summary>
        <form method="post" action="/dashboard/shops/staff/remove" class="inline">
          {who}
          <span class="muted">{s.removeStaffConfirm({ name: member.name })}</span> <button class="btn danger">{s.removeStaff}</button>
        </form>
      </details>
    </div>
  );
}

/** The shop's staff, each with "log out everywhere" and "remove", and the form to add one. */
export function StaffCard(props: CardProps & { staff: readonly Staff[] }) {
  const { s, staff } = props;
  return (
    <section class="card" id="staff">
      <h2>
        {s.staffTitle} ({staff.length})
      </h2>
      {staff.length ? (
        <ul class="plain">
          {staff.map((m) => (
            <li data-staff={`${m.channel}:${m.user_id}`}>
              <strong>{m.name}</strong> · {s.roleName[m.role]}{" "}
              <span class="muted">
                · {m.channel === "zalo" ? s.channelName.zalo : m.channel === "telegram" ? s.channelName.telegram : m.channel} {m.user_id} · {m.chat_id ? s.startedBot : s.notStartedBot}
              </span>
              <StaffActions {...props} member={m} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{s.noStaff}</p>
      )}
      <form method="post" action="/dashboard/shops/staff">
        <Hidden {...props} />
        <h2>{s.addStaff}</h2>
        <label class="f">
          {s.channel}
          <ChannelSelect s={s} />
        </label>
        <label class="f">
          {s.userId}
          <input name="userId" required maxlength={64} autocomplete="off" inputmode="numeric" />
        </label>
        <label class="f">
          {s.staffName}
          <input name="name" required maxlength={60} />
        </label>
        <label class="f">
          {s.role}
          <select name="role">
            {ROLES.map((r) => (
              <option value={r} selected={r === "staff"}>
                {s.roleName[r]}
              </option>
            ))}
          </select>
        </label>
        <button class="btn">{s.addStaff}</button>
      </form>
    </section>
  );
}

/** The shop's bots (tokens masked) and the form to link one. */
export function BotsCard(props: CardProps & { bots: readonly ShopBot[] }) {
  const { s, bots } = props;
  return (
    <section class="card" id="bots">
      <h2>
        {s.botsTitle} ({bots.length})
      </h2>
      {bots.length ? (
        <ul class="plain">
          {bots.map((b) => (
            <li data-bot={b.id}>
              <strong>{channelName(s, b.channel)}</strong> {b.username ? `@${b.username}` : <span class="muted">({s.botNotConnected})</span>} · <code>{maskToken(b.token)}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{s.noBots}</p>
      )}
      <form method="post" action="/dashboard/shops/bots">
        <Hidden {...props} />
        <h2>{s.linkBot}</h2>
        <label class="f">
          {s.channel}
          <ChannelSelect s={s} />
        </label>
        <label class="f">
          {s.token}
          <input type="password" name="token" required maxlength={240} autocomplete="off" placeholder={s.tokenPlaceholder} />
        </label>
        <div class="muted">{s.tokenHelp}</div>
        <button class="btn">{s.linkBot}</button>
      </form>
    </section>
  );
}

/** The groups the shop's bots have been in: linked or not, present or removed. */
export function GroupsCard(props: { s: ShopsPageMessages; groups: Awaited<ReturnType<typeof groupsOfShop>> }) {
  const { s, groups } = props;
  return (
    <section class="card" id="groups">
      <h2>
        {s.groupsTitle} ({groups.length})
      </h2>
      {groups.length ? (
        <ul class="plain">
          {groups.map((g) => (
            <li data-group={g.id} data-linked={g.linked} data-status={g.status}>
              <strong>{g.title || g.chat_id}</strong>{" "}
              <span class="muted">
                · {channelName(s, g.channel)} {g.chat_id}
              </span>
              <br />
              {g.linked ? s.groupLinked : s.groupNotLinked} · {g.status === "removed" ? s.groupRemoved : s.groupActive}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{s.noGroups}</p>
      )}
    </section>
  );
}
