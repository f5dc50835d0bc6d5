import type { AddressedReply, InboundEvent, InboundSource } from "../../src/chat/inbound-event";
import type { Reply } from "../../src/chat/types";
import { itemOfPost, latestPostedItem } from "../../src/domain/broadcast/post-lookup";
import { privateChatOf } from "../../src/domain/buyers/buyers";
import { loadCatalog } from "../../src/domain/catalog/catalog";
import { activeLive } from "../../src/domain/live/lives";
import { recordGroupPresence } from "../../src/domain/shops/groups";
import { takeComment } from "../comment/take-comment";
import type { GroupContext } from "../group-context";
import { takeLiveComment } from "../live/live-comment";
import { menuText } from "../order/menu-text";
import { runStaffCommand } from "../staff/staff-commands";
import { groupContext, splitCommand, to, type InboundDeps } from "./context";

type MessageEvent = Extract<InboundEvent, { kind: "message" }>;

/** The posted item a comment answers, the way this channel lets us know it. */
async function impliedItem(deps: InboundDeps, source: InboundSource, event: MessageEvent): Promise<string | undefined> {
  const chatId = event.msg.chat.id;
  if (source.capabilities.impliedItem === "latest-post") return latestPostedItem(deps.store, source.channel, source.botId, chatId);
  return event.replyToBotMessageId ? itemOfPost(deps.store, source.channel, source.botId, chatId, event.replyToBotMessageId) : undefined;
}

/**
 * A group message: a staff command, /menu, or a comment — taken by the live running in this
 * group, else as a comment order (unless the shop takes comment orders only during lives).
 */
export async function groupMessage(deps: InboundDeps, source: InboundSource, event: MessageEvent, now: Date): Promise<AddressedReply[]> {
  const { msg } = event;
  const { store } = deps;
  const can = source.capabilities;
  const ctx = groupContext(deps, source, now);
  if (can.groupPresenceFromMessages) {
    await recordGroupPresence(store, { shopId: source.shop.id, channel: source.channel, botId: source.botId, chatId: msg.chat.id, title: "", present: true }, now);
  }
  const command = splitCommand(msg.text);
  if (command) {
    const staffReply = await runStaffCommand(ctx, { ...command, from: msg.from, chat: { ...msg.chat }, eventId: msg.eventId });
    if (staffReply) return to(msg.chat.id, staffReply);
    // The menu in a group carries a link to the private order chat: only where the channel has one.
    if (command.command === "menu" && can.deepLink("menu")) return to(msg.chat.id, await groupMenu(ctx));
    return [];
  }
  const privateChatId = await privateChatOf(store, source.channel, msg.from.id);
  const impliedCode = await impliedItem(deps, source, event);
  const comment = {
    chatId: msg.chat.id,
    messageId: event.messageId,
    from: msg.from,
    text: msg.text ?? "",
    ...(impliedCode ? { impliedCode } : {}),
    ...(privateChatId ? { privateChatId } : {}),
  };
  const live = await activeLive(store, source.channel, source.botId, msg.chat.id, now);
  if (live) {
    const taken = await takeLiveComment(ctx, live, comment);
    return [
      ...(taken.deleteComment && can.deletesGroupMessages ? to(msg.chat.id, [{ text: "", deleteMessageId: event.messageId }]) : []),
      ...(privateChatId ? to(privateChatId, taken.private) : []),
    ];
  }
  if (source.shop.comments_outside_live === "live_only") return [];
  const outcome = await takeComment(ctx, comment);
  return [...to(msg.chat.id, outcome.group), ...(privateChatId ? to(privateChatId, outcome.private) : [])];
}

/** /menu in a group: the menu with one link that opens the private order chat (the group itself is not a chat with the bot). */
async function groupMenu(ctx: GroupContext): Promise<Reply[]> {
  const menu = menuText(ctx.t, ctx.shop, await loadCatalog(ctx.store, ctx.shop.id), ctx.now);
  if (!menu) return [{ text: ctx.t.menuEmpty }];
  return [{ text: menu.text, buttons: [{ label: ctx.t.btnOrderNow, url: ctx.deepLink("menu") }] }];
}
