import type { Shop } from "../../../db/schema";
import type { Session } from "../../../domain/auth/accounts";
import type { OaConnection } from "../../../domain/oa/connections";
import type { ZaloOaCardMessages } from "../../../i18n/zalo-oa-card";
import { CsrfField } from "../layout";

export interface ZaloOaCardProps {
  m: ZaloOaCardMessages;
  session: Session;
  shop: Shop;
  conn: OaConnection | undefined;
  groups: number;
  /** The URLs the seller pastes into the Zalo developer console. */
  webhookUrl: string;
  redirectUri: string;
}

/** A secret as it may be shown: never more than its last four characters. */
export const maskSecret = (secret: string) => (secret.length > 8 ? `…${secret.slice(-4)}` : "…");

const when = (d: Date | null, lang: string) => (d ? d.toLocaleString(lang === "en" ? "en-GB" : "vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "short", timeStyle: "short" }) : "—");

/** The shop's Zalo OA: the connection (OA id, expiry, groups seen, last error; secrets masked) and the connect form. */
export function ZaloOaCard(props: ZaloOaCardProps) {
  const { m, conn, session } = props;
  const lang = session.lang;
  return (
    <section class="card" id="zalo-oa">
      <h2>{m.title}</h2>
      <p class="muted">{m.intro}</p>
      {conn ? (
        <dl>
          <dt>{m.status({ status: conn.status })}</dt>
          <dd></dd>
          <dt>{m.oaId}</dt>
          <dd>
            <code>{conn.oaId ?? "—"}</code>
          </dd>
          <dt>{m.appId}</dt>
          <dd>
            <code>{conn.appId}</code> · {m.appSecret}: <code>{maskSecret(conn.appSecret)}</code> · {m.oaSecretKey}: <code>{maskSecret(conn.oaSecretKey)}</code>
          </dd>
          <dt>{m.expires}</dt>
          <dd>{when(conn.expiresAt, lang)}</dd>
          <dt>{m.groups}</dt>
          <dd>{props.groups}</dd>
          {conn.lastError ? (
            <>
              <dt>{m.lastError}</dt>
              <dd>
                {when(conn.lastErrorAt, lang)} · {conn.lastError}
              </dd>
            </>
          ) : (
            ""
          )}
        </dl>
      ) : (
        <p>{m.notConnected}</p>
      )}
      <p>
        {m.webhookUrl}: <code>{props.webhookUrl}</code>
        <br />
        {m.events}
        <br />
        {m.redirectUri}: <code>{props.redirectUri}</code>
      </p>
      <form method="post" action="/dashboard/zalo-oa/connect">
        <CsrfField session={session} />
        <input type="hidden" name="shop" value={props.shop.slug} />
        <label>
          {m.appId} <input name="appId" inputmode="numeric" required value={conn?.appId ?? ""} autocomplete="off" />
        </label>
        <label>
          {m.appSecret} <input name="appSecret" type="password" autocomplete="off" placeholder={conn ? m.keepSecret : ""} />
        </label>
        <label>
          {m.oaSecretKey} <input name="oaSecretKey" type="password" autocomplete="off" placeholder={conn ? m.keepSecret : ""} />
        </label>
        <button class="btn">{conn?.status === "connected" || conn?.status === "reconnect" ? m.reconnect : m.connect}</button>
      </form>
    </section>
  );
}
