import { html } from "hono/html";
import type { DashboardUser } from "../../../db/schema";
import type { LoginLinkTarget } from "../../../domain/auth/login-links";
import type { SignInMessages } from "../../../i18n/sign-in";
import type { AssetCatalog } from "../../../web/asset-catalog";
import { HtmlDocument } from "../../../web/html-document";

const nameOf = (u: DashboardUser) => u.display_name || u.username;

export interface LinkPageProps {
  l: SignInMessages;
  assets: AssetCatalog;
  token: string;
  csrf: string;
  target: LoginLinkTarget;
  current?: DashboardUser | undefined;
}

// Whom this browser is logged in as now, and that continuing ends it (or that it is the same account).
function Current(props: LinkPageProps) {
  const { l, current } = props;
  if (!current) return <></>;
  if (current.id === props.target.user.id)
    return (
      <p class="muted" data-testid="link-current">
        {l.linkSameAccount} <a href="/dashboard">{l.linkBack}</a>
      </p>
    );
  return (
    <div class="now" data-testid="link-current">
      <p>
        {l.linkCurrent} <strong>{nameOf(current)}</strong>.
      </p>
      <p>{l.linkReplaces}</p>
    </div>
  );
}

/**
 * The login link's page (not framed): whom the link logs in, whom this browser is logged in as now
 * (and that continuing ends that), and one button that posts the confirmation with its CSRF token.
 */
export function LinkPage(props: LinkPageProps) {
  const { l, target } = props;
  return (
    <HtmlDocument lang="vi" title={l.linkTitle} assets={props.assets} styles={["login-link.css"]}>
      <main>
        <h1>{l.linkTitle}</h1>
        <p>{l.linkAccount}:</p>
        <div class="who" data-testid="link-target">
          <strong>{nameOf(target.user)}</strong>
          <br />
          <span class="muted">
            {l.linkRole}: {l.roles[target.user.role]}
            {target.shopName ? ` · ${l.linkShop}: ${target.shopName}` : ""}
          </span>
        </div>
        <Current {...props} />
        <p class="warn">{l.linkWarning}</p>
        <form method="post" action={`/dashboard/login/${encodeURIComponent(props.token)}`}>
          {/* Written as HTML so the field stays `<input …>` exactly as before. */}
          {html`<input type="hidden" name="_csrf" value="${props.csrf}">`}
          <button type="submit">{l.linkContinue({ name: nameOf(target.user) })}</button>
        </form>
      </main>
    </HtmlDocument>
  );
}
