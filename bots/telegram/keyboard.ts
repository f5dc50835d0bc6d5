import type { ReplyButton } from "../../src/chat/types";

type InlineButton = { text: string; callback_data: string } | { text: string; url: string };

const MAX_CALLBACK_BYTES = 64;
const SHORT_LABEL = 22;

/** Neutral buttons as a Telegram inline keyboard: long labels get a row each, short ones pair up. */
export function inlineKeyboard(buttons: readonly ReplyButton[]): { inline_keyboard: InlineButton[][] } | undefined {
  const usable: InlineButton[] = [];
  for (const b of buttons) {
    const text = b.label.slice(0, 64);
    // Telegram only opens http(s) links; a relative link (web chat) has no meaning here.
    if (b.url && /^https?:\/\//.test(b.url)) usable.push({ text, url: b.url });
    else if (b.action && new TextEncoder().encode(b.action).length <= MAX_CALLBACK_BYTES) usable.push({ text, callback_data: b.action });
  }
  if (usable.length === 0) return undefined;
  const rows: InlineButton[][] = [];
  for (const button of usable) {
    const last = rows.at(-1);
    if (last && last.length === 1 && button.text.length <= SHORT_LABEL && (last[0]?.text.length ?? 99) <= SHORT_LABEL) last.push(button);
    else rows.push([button]);
  }
  return { inline_keyboard: rows };
}

/** Splits text into Telegram-sized messages (4,096 characters), at line breaks where possible. */
export function splitText(text: string, max = 4096): string[] {
  const parts: string[] = [];
  let rest = text.trim() || "…";
  while (rest.length > max) {
    const cut = rest.lastIndexOf("\n", max) > max / 2 ? rest.lastIndexOf("\n", max) : max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  parts.push(rest);
  return parts;
}
