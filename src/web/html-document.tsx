import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { AssetCatalog } from "./asset-catalog";

export interface HtmlDocumentProps {
  lang: string;
  title: Child;
  assets: AssetCatalog;
  /** More for the head, before the stylesheets: an icon, a robots tag. */
  head?: Child;
  /** Stylesheets in src/web/assets/, in this order. */
  styles: string[];
  /** Browser scripts in src/web/assets/, at the end of the body. */
  scripts?: string[];
  /**
   * Put the assets in the page instead of linking them: the buyers' pages do (one request less on
   * 3G for an old phone; the Content-Security-Policy allows their scripts by hash). The dashboard
   * links its own: a seller's phone fetches each once and keeps it.
   */
  inline?: boolean;
  /** The body's data attributes (the slips say their paper width). */
  data?: Record<string, string | number>;
  children?: Child;
}

/** A whole page: the doctype, the head with its stylesheets, the body and its scripts. */
export function HtmlDocument(props: HtmlDocumentProps) {
  const { assets, inline } = props;
  const data = Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>{props.title}</title>
          {props.head}
          {props.styles.map((name) => (inline ? <style>{raw(assets.text(name))}</style> : <link rel="stylesheet" href={assets.href(name)} />))}
        </head>
        <body {...data}>
          {props.children}
          {/* Linked scripts are deferred: they run once the page is parsed, like a script at the end of the body. */}
          {(props.scripts ?? []).map((name) => (inline ? <script>{raw(assets.text(name))}</script> : <script src={assets.href(name)} defer></script>))}
        </body>
      </html>
    </>
  );
}
