import type { Update } from "grammy/types";
import type { Reply } from "../../src/chat/types";
import { claimInboundEvent, finishInboundEvent } from "../../src/domain/chat/inbound-events";
import type { BotRow, Shop } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { upsertBuyer } from "../../src/domain/buyers/buyers";
import { migrateGroupId, recordGroupPresence } from "../../src/domain/shops/groups";
import { findShopById } from "../../src/domain/shops/shops";
import { itemOfPost } from "../../src/domain/broadcast/post-lookup";
import { findStaff, rememberStaffChat } from "../../src/domain/shops/staff";
import { messagesFor, toLang } from "../../src/i18n/messages";
import { enqueue } from "../../src/domain/outbox/enqueue";
import { replyKind } from "../../src/domain/outbox/types";
import type { Clock } from "../../src/platform/clock";
import type { Logger } from "../../src/platform/logger";
import { takeComment } from "../../flows/comment/take-comment";
import { takeLiveComment } from "../../flows/live/live-comment";
import { activeLive } from "../../src/domain/live/lives";
import { runConversation } from "../../flows/engine";
import type { GroupContext } from "../../flows/group-context";
import { menuText } from "../../flows/order/menu-text";
import { loadCatalog } from "../../src/domain/catalog/catalog";
import { parseProductCaption, upsertProductFromPhoto } from "../../flows/staff/product-from-photo";
import { runStaffOrderButton } from "../../flows/staff/order-actions";
import { runStaffCommand } from "../../flows/staff/staff-commands";
import { convertUpdate, type TelegramEvent } from "./convert";

export interface TelegramHandlerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  /** Answers a button tap at once, so the person's spinner stops (errors are logged, never thrown). */
  answerCallback(botId: string, callbackId: string): Promise<void>;
  onOutboxWrite?: () => void;
}

type MessageEvent = Extract<TelegramEvent, { kind: "message" }>;

/**
 * One Telegram update, exactly once: the update id is claimed first (a redelivery changes
 * nothing), then it is converted to the neutral form and run through the flows. Replies are queued
 * in the outbox, never sent inline, so a slow or limited Telegram never slows the webhook.
 */
export async function handleTelegramUpdate(deps: TelegramHandlerDeps, bot: BotRow, update: Update): Promise<"handled" | "busy"> {
  const now = deps.clock.now();
  const eventId = String(update.update_id);
  const claim = await claimInboundEvent(deps.store, "telegram", bot.platform_id, eventId, now);
  // Still being handled (or by a run that died): not acknowledged, so Telegram sends it again later.
  if (claim.kind === "in_progress") return "busy";
  if (claim.kind !== "claimed") return "handled";
  const shop = await findShopById(deps.store, bot.shop_id);
  if (!shop) return "handled";
  const event = convertUpdate(update, { botId: bot.platform_id, shopId: shop.id, botUsername: bot.username, now });
  const replies = await route(deps, bot, shop, event, now);
  let i = 0;
  for (const r of replies) {
    await enqueue(deps.store, { channel: "telegram", botId: bot.platform_id, chatId: r.chatId, reply: r.reply, dedupeKey: `tg:${bot.platform_id}:${eventId}:${i++}`, kind: replyKind(event.kind === "message" ? event.msg : undefined, r.chatId) }, now);
  }
  await finishInboundEvent(deps.store, "telegram", bot.platform_id, eventId, "");
  if (replies.length) deps.onOutboxWrite?.();
  return "handled";
}

type Addressed = { chatId: string; reply: Reply };
const to = (chatId: string, replies: Reply[]): Addressed[] => replies.map((reply) => ({ chatId, reply }));

function groupContext(deps: TelegramHandlerDeps, bot: BotRow, shop: Shop, now: Date): GroupContext {
  const lang = toLang(shop.lang);
  return {
    store: deps.store,
    shop,
    channel: "telegram",
    botId: bot.platform_id,
    deepLink: (payload) => `https://t.me/${bot.username ?? ""}?start=${payload}`,
    publicUrl: deps.publicUrl,
    now,
    lang,
    t: messagesFor(lang),
  };
}

async function route(deps: TelegramHandlerDeps, bot: BotRow, shop: Shop, event: TelegramEvent, now: Date): Promise<Addressed[]> {
  const engine = { store: deps.store, clock: deps.clock, logger: deps.logger, publicUrl: deps.publicUrl };
  switch (event.kind) {
    case "callback": {
      await deps.answerCallback(bot.platform_id, event.callbackId);
      // Staff buttons under order notices work in the staff group and in private.
      if (event.msg.action?.startsWith("so:")) {
        const ctx = groupContext(deps, bot, shop, now);
        const staff = await findStaff(deps.store, shop.id, "telegram", event.msg.from.id);
        return to(event.msg.chat.id, staff ? await runStaffOrderButton(ctx, staff, event.msg.action) : [{ text: ctx.t.staffOnly }]);
      }
      // Conversations happen in private; buttons under group posts are links, so a group tap has nothing to do.
      if (event.msg.chat.kind !== "private") return [];
      return to(event.msg.chat.id, await runConversation(engine, shop, event.msg));
    }
    case "membership":
      await recordGroupPresence(deps.store, { shopId: shop.id, channel: "telegram", botId: bot.platform_id, chatId: event.chatId, title: event.title, present: event.present }, now);
      return [];
    case "migrated":
      await migrateGroupId(deps.store, "telegram", bot.platform_id, event.fromChatId, event.toChatId);
      return [];
    case "message":
      if (event.forOtherBot || event.anonymous) return [];
      return event.msg.chat.kind === "private" ? privateMessage(deps, bot, shop, event, now) : groupMessage(deps, bot, shop, event, now);
    default:
      return [];
  }
}

function splitCommand(text: string | undefined): { command: string; args: string } | undefined {
  const m = /^\/([A-Za-z0-9_]+)\s*([\s\S]*)$/.exec(text ?? "");
  return m ? { command: (m[1] ?? "").toLowerCase(), args: m[2] ?? "" } : undefined;
}

async function privateMessage(deps: TelegramHandlerDeps, bot: BotRow, shop: Shop, event: MessageEvent, now: Date): Promise<Addressed[]> {
  const { msg } = event;
  // Telegram lets us write to this person from now on: remember where.
  const buyer = await upsertBuyer(deps.store, "telegram", msg.from.id, msg.from.name, now);
  if (buyer.private_chat_id !== msg.chat.id) await deps.store.db.updateTable("buyers").set({ private_chat_id: msg.chat.id }).where("id", "=", buyer.id).execute();
  const staff = await findStaff(deps.store, shop.id, "telegram", msg.from.id);
  if (staff) await rememberStaffChat(deps.store, staff.id, msg.chat.id);

  const ctx = groupContext(deps, bot, shop, now);
  const command = splitCommand(msg.text);
  if (command) {
    const staffReply = await runStaffCommand(ctx, { ...command, from: msg.from, chat: msg.chat, eventId: msg.eventId, ...(event.photo ? { photoRef: `tg:${event.photo.fileId}` } : {}) });
    if (staffReply) return to(msg.chat.id, staffReply);
  }
  if (staff && event.photo && msg.text) {
    const product = parseProductCaption(msg.text);
    if (product.ok) {
      const what = await upsertProductFromPhoto(deps.store, shop.id, product.value, `tg:${event.photo.fileId}`, now);
      return to(msg.chat.id, [{ text: ctx.t.staffProductSaved({ code: product.value.code, name: product.value.name, price: product.value.price, unit: product.value.unit, added: what === "added" }) }]);
    }
    return to(msg.chat.id, [{ text: ctx.t.staffUsagePhoto }]);
  }
  return to(msg.chat.id, await runConversation({ store: deps.store, clock: deps.clock, logger: deps.logger, publicUrl: deps.publicUrl }, shop, msg));
}

async function groupMessage(deps: TelegramHandlerDeps, bot: BotRow, shop: Shop, event: MessageEvent, now: Date): Promise<Addressed[]> {
  const { msg } = event;
  const ctx = groupContext(deps, bot, shop, now);
  const command = splitCommand(msg.text);
  if (command) {
    const staffReply = await runStaffCommand(ctx, { ...command, from: msg.from, chat: { ...msg.chat }, eventId: msg.eventId });
    if (staffReply) return to(msg.chat.id, staffReply);
    if (command.command === "menu") return to(msg.chat.id, await groupMenu(deps, shop, ctx));
    return [];
  }
  const buyer = await deps.store.db.selectFrom("buyers").select("private_chat_id").where("channel", "=", "telegram").where("user_id", "=", msg.from.id).executeTakeFirst();
  const live = await activeLive(deps.store, "telegram", bot.platform_id, msg.chat.id, now);
  if (live) {
    const impliedLive = event.replyToBotMessageId ? await itemOfPost(deps.store, "telegram", bot.platform_id, msg.chat.id, event.replyToBotMessageId) : undefined;
    const taken = await takeLiveComment(ctx, live, { chatId: msg.chat.id, messageId: String(event.messageId), from: msg.from, text: msg.text ?? "", ...(impliedLive ? { impliedCode: impliedLive } : {}) });
    return [
      ...(taken.deleteComment ? to(msg.chat.id, [{ text: "", deleteMessageId: String(event.messageId) }]) : []),
      ...(buyer?.private_chat_id ? to(buyer.private_chat_id, taken.private) : []),
    ];
  }
  // Outside lives, the shop may take comment orders only during lives.
  if (shop.comments_outside_live === "live_only") return [];
  const impliedCode = event.replyToBotMessageId ? await itemOfPost(deps.store, "telegram", bot.platform_id, msg.chat.id, event.replyToBotMessageId) : undefined;
  const outcome = await takeComment(ctx, {
    chatId: msg.chat.id,
    messageId: String(event.messageId),
    from: msg.from,
    text: msg.text ?? "",
    ...(impliedCode ? { impliedCode } : {}),
    ...(buyer?.private_chat_id ? { privateChatId: buyer.private_chat_id } : {}),
  });
  return [...to(msg.chat.id, outcome.group), ...(buyer?.private_chat_id ? to(buyer.private_chat_id, outcome.private) : [])];
}

/** /menu in a group: the menu with one link that opens the private order chat (the group itself is not a chat with the bot). */
async function groupMenu(deps: TelegramHandlerDeps, shop: Shop, ctx: GroupContext): Promise<Reply[]> {
  const menu = menuText(ctx.t, shop, await loadCatalog(deps.store, shop.id), ctx.now);
  if (!menu) return [{ text: ctx.t.menuEmpty }];
  return [{ text: menu.text, buttons: [{ label: ctx.t.btnOrderNow, url: ctx.deepLink("menu") }] }];
}
