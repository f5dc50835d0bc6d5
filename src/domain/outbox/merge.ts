import type { Reply } from "../../chat/types";
import type { OutboxRow } from "./types";

export interface SendUnit {
  rows: OutboxRow[];
  reply: Reply;
}

const MAX_MERGED_CHARS = 3500;

/**
 * Groups claimed rows into sends. Mergeable replies to the same chat (live-stream
 * acknowledgements in a group) become one message, in order, up to a size that fits every
 * platform; the rest are sent one by one. While a group's rate limit holds messages back, more
 * acknowledgements pile up and go out together: the group gets a few readable messages, not hundreds.
 */
export function planSends(rows: readonly OutboxRow[]): { units: SendUnit[]; overflow: OutboxRow[] } {
  const units: SendUnit[] = [];
  const overflow: OutboxRow[] = [];
  const merging = new Map<string, SendUnit>();
  for (const row of rows) {
    const reply = JSON.parse(row.payload) as Reply;
    if (!reply.mergeable || reply.image || reply.buttons?.length) {
      units.push({ rows: [row], reply });
      continue;
    }
    const key = `${row.channel}|${row.bot_id}|${row.chat_id}`;
    const unit = merging.get(key);
    if (!unit) {
      const fresh = { rows: [row], reply: { text: reply.text } };
      merging.set(key, fresh);
      units.push(fresh);
    } else if (unit.reply.text.length + 1 + reply.text.length <= MAX_MERGED_CHARS) {
      unit.rows.push(row);
      unit.reply = { text: `${unit.reply.text}\n${reply.text}` };
    } else {
      overflow.push(row);
    }
  }
  return { units, overflow };
}
