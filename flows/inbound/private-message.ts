import type { AddressedReply, InboundEvent, InboundSource } from "../../src/chat/inbound-event";
import { rememberPrivateChat, upsertBuyer } from "../../src/domain/buyers/buyers";
import { upsertProductFromPhoto } from "../../src/domain/catalog/product-from-photo";
import { choiceFor } from "../../src/domain/chat/numbered-choices";
import { findStaff, rememberStaffChat } from "../../src/domain/shops/staff";
import { runConversation } from "../engine";
import { parseProductCaption } from "../staff/product-from-photo";
import { runStaffCommand } from "../staff/staff-commands";
import { groupContext, splitCommand, to, type InboundDeps } from "./context";

type MessageEvent = Extract<InboundEvent, { kind: "message" }>;

/**
 * A private message: remember where this person can be written to, then a staff command or a
 * staff photo with a product caption, else the guided conversation.
 */
export async function privateMessage(deps: InboundDeps, source: InboundSource, event: MessageEvent, now: Date): Promise<AddressedReply[]> {
  const { msg } = event;
  const { store } = deps;
  const can = source.capabilities;
  if (can.remembersPrivateChat) {
    // The platform lets us write to this person from now on: remember where.
    const buyer = await upsertBuyer(store, source.channel, msg.from.id, msg.from.name, now);
    await rememberPrivateChat(store, buyer, msg.chat.id);
  }
  if (can.staffCommands) {
    const staff = await findStaff(store, source.shop.id, source.channel, msg.from.id);
    if (staff) await rememberStaffChat(store, staff.id, msg.chat.id);
    const ctx = groupContext(deps, source, now);
    const command = splitCommand(msg.text);
    if (command) {
      const staffReply = await runStaffCommand(ctx, { ...command, from: msg.from, chat: msg.chat, eventId: msg.eventId, ...(event.photoRef ? { photoRef: event.photoRef } : {}) });
      if (staffReply) return to(msg.chat.id, staffReply);
    }
    if (staff && event.photoRef && msg.text) {
      const product = parseProductCaption(msg.text);
      if (!product.ok) return to(msg.chat.id, [{ text: ctx.t.staffUsagePhoto }]);
      const what = await upsertProductFromPhoto(store, source.shop.id, product.value, event.photoRef, now);
      const { code, name, price, unit } = product.value;
      return to(msg.chat.id, [{ text: ctx.t.staffProductSaved({ code, name, price, unit, added: what === "added" }) }]);
    }
  }
  // No buttons on this channel: "2" means the second choice the bot just offered.
  const action = can.numberedChoices ? await choiceFor(store, { channel: source.channel, botId: source.botId, chatId: msg.chat.id }, msg.text ?? "") : undefined;
  const input = action ? { ...msg, action, text: undefined } : msg;
  return to(msg.chat.id, await runConversation(deps, source.shop, input));
}
