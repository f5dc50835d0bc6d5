import { sql } from "kysely";
import type { z } from "zod";
import type { Reply } from "../../src/chat/types";
import { claimInboundEvent, finishInboundEvent } from "../../src/domain/chat/inbound-events";
import { choiceFor } from "../../src/domain/chat/numbered-choices";
import type { BotRow, Shop } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { upsertBuyer } from "../../src/domain/buyers/buyers";
import { activeLive } from "../../src/domain/live/lives";
import { findShopById } from "../../src/domain/shops/shops";
import { findStaff, rememberStaffChat } from "../../src/domain/shops/staff";
import { recordGroupPresence } from "../../src/domain/shops/groups";
import { messagesFor, toLang } from "../../src/i18n/messages";
import { enqueue } from "../../src/domain/outbox/enqueue";
import { replyKind } from "../../src/domain/outbox/types";
import type { Clock } from "../../src/platform/clock";
import type { Logger } from "../../src/platform/logger";
import { takeComment } from "../../flows/comment/take-comment";
import { runConversation } from "../../flows/engine";
import type { GroupContext } from "../../flows/group-context";
import { takeLiveComment } from "../../flows/live/live-comment";
import { runStaffCommand } from "../../flows/staff/staff-commands";
import { convertZalo, type zaloWebhookBody } from "./convert";

export interface ZaloHandlerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  onOutboxWrite?: () => void;
}

type Addressed = { chatId: string; reply: Reply };
const to = (chatId: string, replies: Reply[]): Addressed[] => replies.map((reply) => ({ chatId, reply }));

function groupContext(deps: ZaloHandlerDeps, bot: BotRow, shop: Shop, now: Date): GroupContext {
  const lang = toLang(shop.lang);
  // Zalo has no link that opens a private chat carrying a payload: texts say what to send instead.
  return { store: deps.store, shop, channel: "zalo", botId: bot.platform_id, deepLink: () => undefined, publicUrl: deps.publicUrl, now, lang, t: messagesFor(lang) };
}

function splitCommand(text: string | undefined): { command: string; args: string } | undefined {
  const m = /^\/([A-Za-z0-9_]+)\s*([\s\S]*)$/.exec(text ?? "");
  return m ? { command: (m[1] ?? "").toLowerCase(), args: m[2] ?? "" } : undefined;
}

/** The item of the bot's latest item post in a group: Zalo does not say which message a reply quotes. */
async function latestPostedItem(store: Store, botId: string, chatId: string): Promise<string | undefined> {
  const row = await store.db
    .selectFrom("outbox as o")
    .innerJoin("broadcasts as b", (j) => j.on(sql`o.ref`, "=", sql`'broadcast:' || b.id`))
    .select("b.product_code")
    .where("o.channel", "=", "zalo")
    .where("o.bot_id", "=", botId)
    .where("o.chat_id", "=", chatId)
    .where("o.status", "=", "sent")
    .where("b.kind", "=", "item")
    .orderBy("o.id", "desc")
    .executeTakeFirst();
  return row?.product_code ?? undefined;
}

/**
 * One Zalo update, exactly once (event name + message id), run through the same flows as every
 * channel; replies go to the outbox. In groups the platform only delivers messages that mention the
 * bot or quote it, so every group message here is addressed to the shop.
 */
export async function handleZaloUpdate(deps: ZaloHandlerDeps, bot: BotRow, body: z.infer<typeof zaloWebhookBody>): Promise<"handled" | "busy"> {
  const now = deps.clock.now();
  const shop = await findShopById(deps.store, bot.shop_id);
  if (!shop) return "handled";
  const event = convertZalo(body, { botId: bot.platform_id, botNames: [bot.username ?? "", shop.name], shopId: shop.id, now });
  if (!event.eventKey) return "handled";
  const claim = await claimInboundEvent(deps.store, "zalo", bot.platform_id, event.eventKey, now);
  // Still being handled (or by a run that died): not acknowledged, so Zalo sends it again later.
  if (claim.kind === "in_progress") return "busy";
  if (claim.kind !== "claimed") return "handled";
  const replies = event.kind === "message" ? await route(deps, bot, shop, event.msg, now) : [];
  let i = 0;
  for (const r of replies) {
    await enqueue(deps.store, { channel: "zalo", botId: bot.platform_id, chatId: r.chatId, reply: r.reply, dedupeKey: `zalo:${bot.platform_id}:${event.eventKey}:${i++}`, kind: replyKind(event.kind === "message" ? event.msg : undefined, r.chatId) }, now);
  }
  await finishInboundEvent(deps.store, "zalo", bot.platform_id, event.eventKey, "");
  if (replies.length) deps.onOutboxWrite?.();
  return "handled";
}

async function route(deps: ZaloHandlerDeps, bot: BotRow, shop: Shop, msg: Extract<ReturnType<typeof convertZalo>, { kind: "message" }>["msg"], now: Date): Promise<Addressed[]> {
  const ctx = groupContext(deps, bot, shop, now);
  const command = splitCommand(msg.text);
  if (msg.chat.kind === "private") {
    const buyer = await upsertBuyer(deps.store, "zalo", msg.from.id, msg.from.name, now);
    if (buyer.private_chat_id !== msg.chat.id) await deps.store.db.updateTable("buyers").set({ private_chat_id: msg.chat.id }).where("id", "=", buyer.id).execute();
    const staff = await findStaff(deps.store, shop.id, "zalo", msg.from.id);
    if (staff) await rememberStaffChat(deps.store, staff.id, msg.chat.id);
    if (command) {
      const staffReply = await runStaffCommand(ctx, { ...command, from: msg.from, chat: msg.chat, eventId: msg.eventId });
      if (staffReply) return to(msg.chat.id, staffReply);
    }
    // No buttons on Zalo: "2" means the second choice the bot just offered.
    const action = await choiceFor(deps.store, { channel: "zalo", botId: bot.platform_id, chatId: msg.chat.id }, msg.text ?? "");
    const input = action ? { ...msg, action, text: undefined } : msg;
    return to(msg.chat.id, await runConversation({ store: deps.store, clock: deps.clock, logger: deps.logger, publicUrl: deps.publicUrl }, shop, input));
  }

  await recordGroupPresence(deps.store, { shopId: shop.id, channel: "zalo", botId: bot.platform_id, chatId: msg.chat.id, title: "", present: true }, now);
  if (command) {
    const staffReply = await runStaffCommand(ctx, { ...command, from: msg.from, chat: msg.chat, eventId: msg.eventId });
    return staffReply ? to(msg.chat.id, staffReply) : [];
  }
  const buyer = await deps.store.db.selectFrom("buyers").select("private_chat_id").where("channel", "=", "zalo").where("user_id", "=", msg.from.id).executeTakeFirst();
  const impliedCode = await latestPostedItem(deps.store, bot.platform_id, msg.chat.id);
  const comment = { chatId: msg.chat.id, messageId: msg.eventId, from: msg.from, text: msg.text ?? "", ...(impliedCode ? { impliedCode } : {}), ...(buyer?.private_chat_id ? { privateChatId: buyer.private_chat_id } : {}) };
  const live = await activeLive(deps.store, "zalo", bot.platform_id, msg.chat.id, now);
  if (live) {
    const taken = await takeLiveComment(ctx, live, comment);
    return buyer?.private_chat_id ? to(buyer.private_chat_id, taken.private) : [];
  }
  if (shop.comments_outside_live === "live_only") return [];
  const outcome = await takeComment(ctx, comment);
  return [...to(msg.chat.id, outcome.group), ...(buyer?.private_chat_id ? to(buyer.private_chat_id, outcome.private) : [])];
}
