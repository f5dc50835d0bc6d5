import { foldText } from "../../src/text/normalize";

// Zalo writes a mention as "@" and the name the member's app shows for the bot ("@Bot Bếp Nhà Mây"),
// which getMe does not return; and every group message Zalo delivers already addresses the bot
// (ZALO-GROUPS.md). So a leading mention of one to six words is dropped before the comment is read.
const MAX_MENTION_WORDS = 6;

// Where a comment or command starts once the name is over: first choice an order word, a code or a
// command; else a number (a name may end in one: "Bếp Mây 2").
const ORDER_START = /^(\/|#|[a-z]{1,2}\d{1,3}\b|(chot|lay|dat|mua|cho|order|gui|them|ship|xin|em|minh|toi|e|m)\b)/;
const NUMBER_START = /^\d/;

/**
 * The text without its leading @mention, and whether there was one. The mention ends where the
 * comment starts (a name the bot is known by, else the first order word, code or number within six
 * words); with no such start, only the first word is taken as the name.
 */
export function stripLeadingMention(text: string, knownNames: readonly string[] = []): { text: string; mentioned: boolean } {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("@")) return { text, mentioned: false };
  const afterAt = trimmed.slice(1);
  const folded = foldText(afterAt);
  for (const name of knownNames) {
    const n = foldText(name);
    if (n && folded.startsWith(n) && (folded.length === n.length || /\s|[,:.!]/.test(folded[n.length] ?? ""))) {
      return { text: afterAt.slice(sameLengthPrefix(afterAt, n.length)).replace(/^[\s,:.!]+/, ""), mentioned: true };
    }
  }
  const words = afterAt.split(/\s+/).filter(Boolean);
  for (const start of [ORDER_START, NUMBER_START]) {
    for (let k = 1; k <= Math.min(MAX_MENTION_WORDS, words.length - 1); k++) {
      const rest = words.slice(k).join(" ");
      if (start.test(foldText(rest))) return { text: rest, mentioned: true };
    }
  }
  return { text: words.slice(1).join(" "), mentioned: true };
}

/** How many characters of `original` make the first `foldedLength` characters of its folded form. */
function sameLengthPrefix(original: string, foldedLength: number): number {
  for (let i = 0; i <= original.length; i++) if (foldText(original.slice(0, i)).length >= foldedLength) return i;
  return original.length;
}
