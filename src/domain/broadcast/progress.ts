import type { Store } from "../../db/store";
import { enqueue } from "../outbox/enqueue";
import { progressKey } from "./create-broadcast";

export interface DeliveryRow {
  channel: string;
  chatId: string;
  title: string;
  status: string;
  error: string | null;
}

export interface BroadcastProgress {
  id: number;
  targets: number;
  sent: number;
  failed: number;
  uncertain: number;
  pending: number;
  deliveries: DeliveryRow[];
}

/** Where each post of a broadcast stands, group by group. */
export async function broadcastProgress(store: Store, broadcastId: number): Promise<BroadcastProgress | undefined> {
  const b = await store.db.selectFrom("broadcasts").select(["id", "targets", "shop_id"]).where("id", "=", broadcastId).executeTakeFirst();
  if (!b) return undefined;
  const rows = await store.db
    .selectFrom("outbox as o")
    .leftJoin("shop_groups as g", (j) => j.onRef("g.channel", "=", "o.channel").onRef("g.bot_id", "=", "o.bot_id").onRef("g.chat_id", "=", "o.chat_id"))
    .select(["o.channel", "o.chat_id", "o.status", "o.last_error", "g.title"])
    .where("o.ref", "=", `broadcast:${broadcastId}`)
    .orderBy("o.id")
    .execute();
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return {
    id: b.id,
    targets: b.targets,
    sent: count("sent"),
    failed: count("failed"),
    uncertain: count("uncertain"),
    pending: rows.length - count("sent") - count("failed") - count("uncertain"),
    deliveries: rows.map((r) => ({ channel: r.channel, chatId: r.chat_id, title: r.title ?? "", status: r.status, error: r.last_error })),
  };
}

// A refusal that means the bot is no longer in the group: skip the group next time.
const GONE = /kicked|not a member|chat not found|bot was blocked|have no rights|CHAT_WRITE_FORBIDDEN|group chat was deactivated/i;

/**
 * Keeps each open broadcast's progress message current (one edit at a time, never piling up),
 * marks groups that removed the bot, and closes a broadcast with its failure summary once every
 * post is settled.
 */
export async function updateBroadcastProgress(store: Store, now: Date, text: (p: BroadcastProgress, done: boolean, lang: string) => string): Promise<void> {
  const open = await store.db
    .selectFrom("broadcasts as b")
    .innerJoin("shops as s", "s.id", "b.shop_id")
    .selectAll("b")
    .select("s.lang")
    .where("b.finished_at", "is", null)
    .where("b.targets", ">", 0)
    .limit(50)
    .execute();
  for (const b of open) {
    const p = await broadcastProgress(store, b.id);
    if (!p) continue;
    for (const d of p.deliveries) {
      if (d.status === "failed" && d.error && GONE.test(d.error)) {
        await store.db.updateTable("shop_groups").set({ status: "removed", updated_at: now.toISOString() }).where("channel", "=", d.channel).where("chat_id", "=", d.chatId).execute();
      }
    }
    const done = p.pending === 0;
    if (done) await store.db.updateTable("broadcasts").set({ finished_at: now.toISOString() }).where("id", "=", b.id).where("finished_at", "is", null).execute();
    if (!b.progress_channel || !b.progress_bot_id || !b.progress_chat_id) continue;
    // One progress edit waiting is enough: the next one carries the newer count.
    const waiting = await store.db.selectFrom("outbox").select("id").where("dedupe_key", "like", `${progressKey(b.id)}%`).where("status", "in", ["pending", "sending"]).executeTakeFirst();
    if (waiting && !done) continue;
    const settled = p.sent + p.failed + p.uncertain;
    await enqueue(
      store,
      {
        channel: b.progress_channel,
        botId: b.progress_bot_id,
        chatId: b.progress_chat_id,
        reply: { text: text(p, done, b.lang), editOf: progressKey(b.id) },
        dedupeKey: `${progressKey(b.id)}:${done ? "done" : settled}`,
      },
      now,
    );
  }
}
