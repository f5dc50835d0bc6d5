import { html, raw } from "hono/html";
import type { Shop } from "../db/schema";
import type { Messages } from "../i18n/messages";
import { chatScript } from "./chat-script";

// Inline and small: the whole page is one request, readable on a 3G phone.
const styles = `
*{box-sizing:border-box}
body{margin:0;font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f1ec;color:#1d1d1b}
header{position:sticky;top:0;background:#1f6f43;color:#fff;padding:12px 16px;font-weight:600;font-size:18px;z-index:1}
main{max-width:640px;margin:0 auto;padding:12px 12px 96px}
.msg{margin:8px 0;padding:10px 12px;border-radius:14px;max-width:92%;white-space:pre-wrap;word-wrap:break-word}
.bot{background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.me{background:#d9f2e2;margin-left:auto}
.bot img{display:block;max-width:100%;border-radius:10px;margin-bottom:8px}
.buttons{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}
.btn{display:inline-block;min-height:44px;padding:10px 14px;border:1px solid #1f6f43;border-radius:22px;background:#fff;color:#1f6f43;font:inherit;font-size:16px;text-decoration:none;cursor:pointer;text-align:left}
.btn:active{background:#e7f5ec}
.btn:disabled{opacity:.55}.btn.sending{opacity:1;background:#e7f5ec}
.msg[data-sending]::after{content:" · " attr(data-sending);font-size:13px;opacity:.7}
form{position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:1px solid #ddd;padding:8px;display:flex;gap:8px;justify-content:center}
form input{flex:1;max-width:520px;min-height:48px;font:inherit;padding:10px 12px;border:1px solid #bbb;border-radius:24px}
form button{min-height:48px;min-width:72px;border:0;border-radius:24px;background:#1f6f43;color:#fff;font:inherit;font-weight:600}
#status{position:fixed;bottom:66px;left:0;right:0;text-align:center;font-size:14px;color:#8a4b00}
`;

/** The web chat page for a shop: the conversation, a text box, and the script that drives them. */
export function chatPage(shop: Shop, t: Messages, apiPath: string) {
  const config = JSON.stringify({
    shop: shop.slug,
    api: apiPath,
    t: { retrying: t.webchatRetrying, offline: t.webchatOffline, sending: t.webchatSending },
  }).replace(/</g, "\\u003c");
  return html`<!doctype html>
<html lang="${shop.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t.webchatTitle({ shop: shop.name })}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${raw(styles)}</style>
</head>
<body>
<div id="chat">
<header>${shop.name}</header>
<main id="log" aria-live="polite"></main>
<div id="status" role="status"></div>
<form id="composer" autocomplete="off">
<input id="text" name="text" maxlength="2000" placeholder="${t.webchatPlaceholder}" aria-label="${t.webchatPlaceholder}">
<button type="submit">${t.webchatSend}</button>
</form>
</div>
<script type="application/json" id="chat-config">${raw(config)}</script>
<script>${raw(chatScript)}</script>
</body>
</html>`;
}
