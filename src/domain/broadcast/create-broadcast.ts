import type { Reply } from "../../chat/types";
import type { Broadcast, BroadcastKind, Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { enqueue } from "../outbox/enqueue";
import { broadcastTargets, type BroadcastTarget } from "./targets";

export interface NewBroadcast {
  kind: BroadcastKind;
  productCode?: string | null;
  text?: string | null;
  photoUrl?: string | null;
  /** What asked for it: the same key never makes a second broadcast. */
  sourceKey: string;
  createdBy?: string;
  /** Where the seller follows its progress. */
  progressTo?: { channel: string; botId: string; chatId: string };
}

/** The outbox dedupe key of the post to one group: the (broadcast, group) pair, so nothing is posted twice. */
export const postKey = (broadcastId: number, t: Pick<BroadcastTarget, "channel" | "chatId">) => `bc:${broadcastId}:${t.channel}:${t.chatId}`;
/** The dedupe key of the progress message a broadcast's later progress edits replace. */
export const progressKey = (broadcastId: number) => `bc:${broadcastId}:progress`;

/**
 * Creates a broadcast and queues one post per linked group. Every step is idempotent (the
 * broadcast by its source key, each post by its pair key), so a retry or a restart half-way
 * queues what is missing and nothing twice.
 */
export async function createBroadcast(store: Store, shop: Shop, input: NewBroadcast, render: (target: BroadcastTarget) => Reply, progressText: (targets: number) => string, now: Date): Promise<Broadcast> {
  await store.db
    .insertInto("broadcasts")
    .values({
      shop_id: shop.id,
      kind: input.kind,
      product_code: input.productCode ?? null,
      text: input.text ?? null,
      photo_url: input.photoUrl ?? null,
      source_key: input.sourceKey,
      progress_channel: input.progressTo?.channel ?? null,
      progress_bot_id: input.progressTo?.botId ?? null,
      progress_chat_id: input.progressTo?.chatId ?? null,
      created_by: input.createdBy ?? null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column("source_key").doNothing())
    .execute();
  const broadcast = await store.db.selectFrom("broadcasts").selectAll().where("source_key", "=", input.sourceKey).executeTakeFirstOrThrow();
  const targets = broadcast.targets > 0 ? await queuedTargets(store, broadcast.id) : await broadcastTargets(store, shop.id);
  if (broadcast.progress_channel && broadcast.progress_bot_id && broadcast.progress_chat_id) {
    await enqueue(store, { channel: broadcast.progress_channel, botId: broadcast.progress_bot_id, chatId: broadcast.progress_chat_id, reply: { text: progressText(targets.length) }, dedupeKey: progressKey(broadcast.id) }, now);
  }
  for (const target of targets) {
    await enqueue(store, { channel: target.channel, botId: target.botId, chatId: target.chatId, reply: render(target), dedupeKey: postKey(broadcast.id, target), kind: "broadcast", ref: `broadcast:${broadcast.id}` }, now);
  }
  // Set only once every post is queued: a broadcast with targets > 0 is known to be fully queued.
  if (broadcast.targets === 0) await store.db.updateTable("broadcasts").set({ targets: targets.length }).where("id", "=", broadcast.id).execute();
  return { ...broadcast, targets: targets.length };
}

// A resumed broadcast keeps the groups it was first sent to, even if groups were linked since.
async function queuedTargets(store: Store, broadcastId: number): Promise<BroadcastTarget[]> {
  const rows = await store.db.selectFrom("outbox").select(["channel", "bot_id", "chat_id"]).where("ref", "=", `broadcast:${broadcastId}`).execute();
  return rows.map((r) => ({ channel: r.channel, botId: r.bot_id, botUsername: null, chatId: r.chat_id, title: "" }));
}
