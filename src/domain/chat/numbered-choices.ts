import type { Reply } from "../../chat/types";
import type { Store } from "../../db/store";

/**
 * Buttons as numbered lines, for platforms without buttons: "1. Giao tận nơi". Links are written
 * out. Returns the text and the actions in the order they were numbered.
 */
export function numberButtons(reply: Reply, hint: string): { text: string; actions: string[] } {
  const actions: string[] = [];
  const lines: string[] = [];
  for (const b of reply.buttons ?? []) {
    if (b.url && /^https?:\/\//.test(b.url)) lines.push(`🔗 ${b.label}: ${b.url}`);
    else if (b.action) {
      actions.push(b.action);
      lines.push(`${actions.length}. ${b.label}`);
    }
  }
  if (lines.length === 0) return { text: reply.text, actions };
  return { text: `${reply.text}\n\n${lines.join("\n")}${actions.length ? `\n${hint}` : ""}`, actions };
}

/** Remembers the choices just offered in a chat. */
export async function rememberChoices(store: Store, key: { channel: string; botId: string; chatId: string }, actions: string[], now: Date): Promise<void> {
  await store.db
    .insertInto("numbered_choices")
    .values({ channel: key.channel, bot_id: key.botId, chat_id: key.chatId, actions: JSON.stringify(actions), updated_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["channel", "bot_id", "chat_id"]).doUpdateSet({ actions: JSON.stringify(actions), updated_at: now.toISOString() }))
    .execute();
}

/** The action behind a typed number ("2"), if the chat was last offered that many choices. */
export async function choiceFor(store: Store, key: { channel: string; botId: string; chatId: string }, text: string): Promise<string | undefined> {
  const m = /^\s*(\d{1,2})\s*\.?\s*$/.exec(text);
  if (!m) return undefined;
  const row = await store.db.selectFrom("numbered_choices").select("actions").where("channel", "=", key.channel).where("bot_id", "=", key.botId).where("chat_id", "=", key.chatId).executeTakeFirst();
  if (!row) return undefined;
  const actions = JSON.parse(row.actions) as string[];
  return actions[Number(m[1]) - 1];
}
