import type { AddressedReply, InboundEvent, InboundSource } from "../../src/chat/inbound-event";
import { findStaff } from "../../src/domain/shops/staff";
import { migrateGroupId, recordGroupPresence } from "../../src/domain/shops/groups";
import { runConversation } from "../engine";
import { runStaffOrderButton } from "../staff/order-actions";
import { groupContext, to, type InboundDeps } from "./context";
import { groupMessage } from "./group-message";
import { privateMessage } from "./private-message";

/** Where one event goes, the same for every channel; what differs is in `source.capabilities`. */
export async function routeEvent(deps: InboundDeps, source: InboundSource, event: InboundEvent, now: Date): Promise<AddressedReply[]> {
  switch (event.kind) {
    case "message":
      return event.msg.chat.kind === "private" ? privateMessage(deps, source, event, now) : groupMessage(deps, source, event, now);
    case "button":
      return buttonTap(deps, source, event, now);
    case "membership":
      await recordGroupPresence(deps.store, { shopId: source.shop.id, channel: source.channel, botId: source.botId, chatId: event.chatId, title: event.title, present: event.present }, now);
      return [];
    case "migrated":
      await migrateGroupId(deps.store, source.channel, source.botId, event.fromChatId, event.toChatId);
      return [];
    case "channel":
      return event.apply(deps.store, now);
    case "ignored":
      return [];
  }
}

async function buttonTap(deps: InboundDeps, source: InboundSource, event: Extract<InboundEvent, { kind: "button" }>, now: Date): Promise<AddressedReply[]> {
  const { msg } = event;
  // Staff buttons under order notices work in the staff group and in private.
  if (source.capabilities.staffCommands && msg.action?.startsWith("so:")) {
    const ctx = groupContext(deps, source, now);
    const staff = await findStaff(deps.store, source.shop.id, source.channel, msg.from.id);
    return to(msg.chat.id, staff ? await runStaffOrderButton(ctx, staff, msg.action) : [{ text: ctx.t.staffOnly }]);
  }
  // Conversations happen in private; buttons under group posts are links, so a group tap has nothing to do.
  if (msg.chat.kind !== "private") return [];
  return to(msg.chat.id, await runConversation(deps, source.shop, msg));
}
