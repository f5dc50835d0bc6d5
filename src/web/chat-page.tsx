import { raw } from "hono/html";
import type { Shop } from "../db/schema";
import type { Messages } from "../i18n/messages";
import type { AssetCatalog } from "./asset-catalog";
import { HtmlDocument } from "./html-document";

export interface ChatPageProps {
  shop: Shop;
  t: Messages;
  /** Where the script posts the buyer's messages and polls for the shop's. */
  apiPath: string;
  assets: AssetCatalog;
}

// Its style (chat.css) and script (chat.js) are inline and small: the whole page is one request,
// readable on a 3G phone. The script renders every reply with textContent, so nothing a shop or
// buyer types can become markup. Messages go one at a time, in order; each carries an id, and a
// failed send is retried with the same id, so the server answers a resend with its first answer
// instead of acting twice. The conversation is kept on the phone (the last 50 bubbles, at most
// ~48 KB of localStorage) and shown again on a reload before the server's "resume" answer, so a
// buyer finds their QR again. What it needs from the server is in the #chat-config JSON block.

/** The web chat page for a shop: the conversation, a text box, and the script that drives them. */
export function ChatPage({ shop, t, apiPath, assets }: ChatPageProps) {
  const config = JSON.stringify({
    shop: shop.slug,
    api: apiPath,
    t: { retrying: t.webchatRetrying, offline: t.webchatOffline, sending: t.webchatSending },
  }).replace(/</g, "\\u003c");
  return (
    <HtmlDocument inline lang={shop.lang} title={t.webchatTitle({ shop: shop.name })} assets={assets} styles={["chat.css"]} scripts={["chat.js"]} head={<link rel="icon" href="/favicon.svg" type="image/svg+xml" />}>
      <div id="chat">
        <header>{shop.name}</header>
        <main id="log" aria-live="polite"></main>
        <div id="status" role="status"></div>
        <form id="composer" autocomplete="off">
          <input id="text" name="text" maxlength={2000} placeholder={t.webchatPlaceholder} aria-label={t.webchatPlaceholder} />
          <button type="submit">{t.webchatSend}</button>
        </form>
      </div>
      <script type="application/json" id="chat-config">
        {raw(config)}
      </script>
    </HtmlDocument>
  );
}

/** The page for `c.html(…)` in routes written in .ts. */
export const chatPage = (shop: Shop, t: Messages, apiPath: string, assets: AssetCatalog) => <ChatPage shop={shop} t={t} apiPath={apiPath} assets={assets} />;
