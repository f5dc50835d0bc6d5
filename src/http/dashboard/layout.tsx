import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { Shop } from "../../db/schema";
import type { Session } from "../../domain/auth/accounts";
import type { DashboardFrameMessages } from "../../i18n/dashboard-frame";
import type { AssetCatalog } from "../../web/asset-catalog";
import { HtmlDocument } from "../../web/html-document";

export type Section = "orders" | "catalog" | "broadcasts" | "payments" | "sales" | "books" | "zalo" | "shops" | "account";

export interface PageProps {
  d: DashboardFrameMessages;
  session: Session;
  assets: AssetCatalog;
  title: string;
  section: Section;
  shop?: Shop | undefined;
  flash?: { text: string; error?: boolean } | undefined;
  /** The page's own stylesheets and scripts in src/web/assets/, after the shared dashboard.css. */
  styles?: string[];
  scripts?: string[];
  children?: Child;
}

/** A hidden CSRF field for a form. */
// Written as HTML rather than JSX: the same bytes the pages always had (`<input …>`, not `<input …/>`).
export const CsrfField = (props: { session: Session }) => html`<input type="hidden" name="_csrf" value="${props.session.csrf}">`;

function Header(props: PageProps) {
  const { d, session } = props;
  const q = props.shop ? `?shop=${encodeURIComponent(props.shop.slug)}` : "";
  const link = (section: Section, href: string, label: string) => (
    <a href={`${href}${q}`} class={props.section === section ? "on" : ""}>
      {label}
    </a>
  );
  return (
    <header>
      <strong>Chợ Chat</strong>
      <nav>
        {link("orders", "/dashboard", d.navOrders)}
        {link("catalog", "/dashboard/catalog", d.navCatalog)}
        {link("broadcasts", "/dashboard/broadcasts", d.navBroadcasts)}
        {link("payments", "/dashboard/payments", d.navPayments)}
        {link("sales", "/dashboard/sales", d.navSales)}
        {session.user.role === "owner" || session.user.role === "operator" ? link("books", "/dashboard/books", d.navBooks) : ""}
        {session.user.role === "shipper" ? "" : link("zalo", "/dashboard/zalo-groups", d.navZalo)}
        {session.user.role === "operator" ? link("shops", "/dashboard/shops", d.navShops) : ""}
      </nav>
      <span class="sp"></span>
      <a href="/dashboard/account" class={`me ${props.section === "account" ? "on" : ""}`} title={d.navAccount}>
        👤 {session.user.display_name || session.user.username}
      </a>
      <form method="post" action="/dashboard/lang" class="inline">
        <CsrfField session={session} />
        <input type="hidden" name="lang" value={session.lang === "en" ? "vi" : "en"} />
        <button>{d.switchLang}</button>
      </form>
      <form method="post" action="/dashboard/logout" class="inline">
        <CsrfField session={session} />
        <button>{d.logout}</button>
      </form>
    </header>
  );
}

// On a phone (360 px) the header is two short rows, ~75 px instead of ~180: the name, account,
// language and logout, then the sections in one row that scrolls sideways (dashboard.css).
/** The shared page frame: navigation, language switch, logout (with its CSRF token), the page itself. */
export function Page(props: PageProps) {
  const { d, session, assets } = props;
  return (
    <HtmlDocument
      lang={session.lang}
      title={
        <>
          {props.title} · {d.title}
        </>
      }
      assets={assets}
      head={<link rel="icon" href="/favicon.svg" type="image/svg+xml" />}
      styles={["dashboard.css", ...(props.styles ?? [])]}
      scripts={props.scripts ?? []}
    >
      <Header {...props} />
      <main>
        {props.flash ? (
          <div class={`flash ${props.flash.error ? "err" : ""}`} role="status">
            {props.flash.text}
          </div>
        ) : (
          ""
        )}
        <h1>
          {props.title}
          {props.shop ? <span class="muted"> · {props.shop.name}</span> : ""}
        </h1>
        {props.children}
      </main>
    </HtmlDocument>
  );
}
