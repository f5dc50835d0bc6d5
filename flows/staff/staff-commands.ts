import type { Reply } from "../../src/chat/types";
import { shippingMessages } from "../../src/i18n/shipping";
import { readWaybillArgs, staffWaybill } from "./waybill-command";
import { notifyWaitlist } from "../../src/domain/catalog/waitlist";
import { setSoldOut, setStock } from "../../src/domain/catalog/stock-admin";
import { itemsOfOrders, listOrdersOfDay } from "../../src/domain/orders/queries";
import { orderLineText } from "../../src/domain/orders/line-text";
import { findStaff } from "../../src/domain/shops/staff";
import { linkGroupWithCode, setStaffGroup } from "../../src/domain/shops/groups";
import { localTime } from "../../src/platform/shop-time";
import { formatVnd } from "../../src/domain/money";
import type { GroupContext } from "../group-context";
import { runStaffOrderCommand, shipperOrders } from "./order-actions";
import { postBroadcast } from "../broadcast/post";
import { accountForStaff, createLoginLink } from "../../src/domain/auth/accounts";
import { activeLive, bumpLive, endLive, parseLiveItems, startLive } from "../../src/domain/live/lives";
import { liveBoard } from "../../src/domain/live/live-board";
import { latestLiveId } from "../../src/domain/live/find-live";
import { liveItemCaps } from "../../src/domain/live/live-items";
import { liveBoardText } from "../live/live-texts";
import { aliasCommand } from "./alias-command";
import { staffAdminCommand } from "./staff-admin-command";
import { zaloGroupSetup } from "./zalo-group-setup";
import { newGroupLinkCode } from "../../src/domain/shops/link-code";
import { staffHelp } from "./staff-help";
import { typedOrderCommand } from "./typed-order";

/** Commands only a shop's staff may use. */
export const STAFF_COMMANDS = new Set(["stock", "soldout", "orders", "link", "staffgroup", "accept", "done", "cancel", "ship", "paid", "post", "live", "login", "alias", "staff", "don", "gui"]);

export interface StaffCommandInput {
  command: string;
  args: string;
  from: { id: string };
  chat: { id: string; kind: "private" | "group"; title?: string };
  /** The inbound event's id: a command redelivered does nothing twice. */
  eventId: string;
  /** A photo sent with the command (`/post new …` as a caption). */
  photoRef?: string;
}

/**
 * Runs a staff command; undefined when `command` is not one (so the buyer flows handle it).
 * Non-staff get a polite refusal and nothing changes. "/orders" from a non-staff member is the
 * buyer's own-orders command, so it is left to the buyer flows.
 */
export async function runStaffCommand(ctx: GroupContext, input: StaffCommandInput): Promise<Reply[] | undefined> {
  const command = input.command.toLowerCase();
  // "/help" is the buyers' help too: staff see their commands above it, anyone else the buyers' flow answers.
  if (command === "help") return staffHelp(ctx, input.from.id);
  if (!STAFF_COMMANDS.has(command)) return undefined;
  const staff = await findStaff(ctx.store, ctx.shop.id, ctx.channel, input.from.id);
  // "/orders" and "/cancel" also mean something to buyers (their own orders, their order in progress).
  if (!staff) return command === "orders" || command === "cancel" ? undefined : [{ text: ctx.t.staffOnly }];
  const orderReply = await runStaffOrderCommand(ctx, staff, command, input.args);
  if (orderReply) return orderReply;
  const args = input.args.trim().split(/\s+/).filter(Boolean);
  switch (command) {
    case "stock":
      return stock(ctx, args);
    case "alias":
      return aliasCommand(ctx, input.args);
    case "staff":
      return staffAdminCommand(ctx, staff, input.args);
    case "don":
      return typedOrderCommand(ctx, staff, input);
    case "gui": {
      const wanted = readWaybillArgs(input.args);
      return wanted ? staffWaybill(ctx, staff, wanted.code, wanted.what) : [{ text: shippingMessages(ctx.lang).chatUsage }];
    }
    case "soldout": {
      const product = args[0] ? await setSoldOut(ctx.store, ctx.shop.id, args[0], args[1]?.toLowerCase() !== "off") : undefined;
      if (!product) return [{ text: ctx.t.staffUsageSoldout }];
      return [{ text: product.sold_out ? ctx.t.staffSoldOut({ code: product.code }) : ctx.t.staffStockSet({ code: product.code, stock: product.stock }) }];
    }
    case "orders":
      return staff.role === "shipper" ? shipperOrders(ctx, staff) : ordersToday(ctx, args[0]?.toLowerCase());
    case "link": {
      // In private: on Zalo how groups work for this bot (or the fallback kit when it has no group
      // rights); elsewhere a fresh one-time code to send in the group.
      if (input.chat.kind !== "group") return (await zaloGroupSetup(ctx)) ?? (await privateLinkCode(ctx));
      const linked = await linkGroupWithCode(ctx.store, { shopId: ctx.shop.id, channel: ctx.channel, botId: ctx.botId, chatId: input.chat.id, title: input.chat.title ?? "", code: args[0] ?? "" }, ctx.now);
      return [{ text: linked.ok ? ctx.t.staffLinked({ shop: ctx.shop.name }) : ctx.t.staffLinkInvalid }];
    }
    case "post":
      return post(ctx, input, staff.name);
    case "live":
      return liveCommand(ctx, input, staff.name);
    case "login": {
      // A login link is a key: only ever sent in a private chat.
      if (input.chat.kind !== "private") return [{ text: ctx.t.staffLoginPrivate }];
      const account = await accountForStaff(ctx.store, staff, ctx.now);
      const token = await createLoginLink(ctx.store, account.id, ctx.now);
      return [{ text: ctx.t.staffLoginLink({ url: `${ctx.publicUrl}/dashboard/login/${token}` }) }];
    }
    case "staffgroup":
      if (input.chat.kind !== "group") return [{ text: ctx.t.staffLinkInGroup }];
      await setStaffGroup(ctx.store, ctx.shop.id, ctx.channel, ctx.botId, input.chat.id);
      return [{ text: ctx.t.staffGroupSet }];
    default:
      return undefined;
  }
}

async function stock(ctx: GroupContext, args: string[]): Promise<Reply[]> {
  const [code, qtyText] = args;
  const qty = Number(qtyText);
  if (!code || !qtyText || !Number.isSafeInteger(qty) || qty < 0 || qty > 1_000_000) return [{ text: ctx.t.staffUsageStock }];
  const product = await setStock(ctx.store, ctx.shop.id, code, qty);
  if (!product) return [{ text: ctx.t.staffUnknownCode({ code: code.slice(0, 10) }) }];
  const told = await notifyWaitlist(ctx.store, product, (c) => ctx.deepLink(`p_${c}`), ctx.now);
  return [{ text: ctx.t.staffStockSet({ code: product.code, stock: product.stock }) + (told ? `\n${ctx.t.staffWaitlistTold({ count: told })}` : "") }];
}

async function ordersToday(ctx: GroupContext, filter: string | undefined): Promise<Reply[]> {
  const date = localTime(ctx.now, ctx.shop.time_zone).date;
  const all = (await listOrdersOfDay(ctx.store, ctx.shop.id, date)).filter((o) => o.status !== "draft");
  const orders = filter === "unpaid" ? all.filter((o) => o.payment_status === "unpaid" || o.payment_status === "partial") : all;
  if (orders.length === 0) return [{ text: ctx.t.staffNoOrders }];
  const items = await itemsOfOrders(
    ctx.store,
    orders.map((o) => o.id),
  );
  const byStatus = new Map<string, typeof orders>();
  for (const o of orders) byStatus.set(o.status, [...(byStatus.get(o.status) ?? []), o]);
  const lines = [ctx.t.staffOrdersHeader({ date, count: orders.length, total: orders.filter((o) => o.status !== "cancelled").reduce((s, o) => s + o.total, 0) })];
  for (const [status, list] of byStatus) {
    lines.push("", `— ${ctx.t.status[status as keyof typeof ctx.t.status]} (${list.length}) —`);
    for (const o of list) {
      lines.push(`${o.code} · ${formatVnd(o.total)} · ${ctx.t.paymentStatus[o.payment_status]}${o.phone ? ` · ${o.phone}` : ""}`);
      // The kitchen cooks from this list: every line with its options, and the buyer's note.
      for (const item of items.get(o.id) ?? []) lines.push(`   ${orderLineText(item)}`);
      if (o.note) lines.push(`   📝 ${o.note}`);
    }
  }
  return [{ text: lines.join("\n") }];
}

async function post(ctx: GroupContext, input: StaffCommandInput, by: string): Promise<Reply[]> {
  const [what = "", ...rest] = input.args.trim().split(/\s+/);
  const kind = what.toLowerCase() === "menu" ? "menu" : what.toLowerCase() === "new" ? "free" : what ? "item" : undefined;
  if (!kind) return [{ text: ctx.t.staffUsagePost }];
  const result = await postBroadcast(
    ctx.store,
    ctx.shop,
    {
      kind,
      ...(kind === "item" ? { productCode: what.toUpperCase() } : {}),
      ...(kind === "free" ? { text: rest.join(" ") } : {}),
      ...(input.photoRef ? { photoUrl: input.photoRef } : {}),
      sourceKey: `cmd:${ctx.channel}:${ctx.botId}:${input.eventId}`,
      createdBy: by,
      progressTo: { channel: ctx.channel, botId: ctx.botId, chatId: input.chat.id },
    },
    ctx.now,
  );
  if (result.ok) return [];
  const why = result.reason;
  return [{ text: why === "unknown_code" ? ctx.t.staffUnknownCode({ code: what.slice(0, 10) }) : why === "no_groups" ? ctx.t.broadcastNoGroups : why === "empty_menu" ? ctx.t.broadcastEmptyMenu : ctx.t.staffUsagePost }];
}

async function liveCommand(ctx: GroupContext, input: StaffCommandInput, by: string): Promise<Reply[]> {
  const [sub = "", ...rest] = input.args.trim().split(/\s+/).filter(Boolean);
  const where = { channel: ctx.channel, botId: ctx.botId, chatId: input.chat.id };
  if (sub.toLowerCase() === "start") {
    if (input.chat.kind !== "group") return [{ text: ctx.t.staffLinkInGroup }];
    const items = parseLiveItems(rest);
    if (!items) return [{ text: ctx.t.liveUsage }];
    const started = await startLive(ctx.store, ctx.shop, where, items, by, ctx.now);
    if (!started.ok) return [{ text: started.reason.reason === "already_open" ? ctx.t.liveAlreadyOpen : ctx.t.staffUnknownCode({ code: started.reason.code.slice(0, 10) }) }];
    const open = await liveItemCaps(ctx.store, started.value.id);
    await bumpLive(ctx.store, started.value.id);
    return [{ text: ctx.t.liveStarted({ items: open.map((i) => `${i.code} (${i.cap})`).join(", ") }) }];
  }
  if (sub.toLowerCase() === "end") {
    const live = await activeLive(ctx.store, ctx.channel, ctx.botId, input.chat.id, ctx.now);
    if (!live || live.status !== "open") return [{ text: ctx.t.liveNoneOpen }];
    const ended = await endLive(ctx.store, ctx.shop, live, ctx.now);
    const until = localTime(new Date(ended.capture_until ?? ctx.now.toISOString()), ctx.shop.time_zone);
    return [{ text: ctx.t.liveEndedReply({ until: `${String(Math.floor(until.minutes / 60)).padStart(2, "0")}:${String(until.minutes % 60).padStart(2, "0")}` }) }];
  }
  if (sub) return [{ text: ctx.t.liveUsage }];
  const latest = await latestLiveId(ctx.store, ctx.shop.id);
  if (latest === undefined) return [{ text: ctx.t.liveNoLive }];
  return [{ text: liveBoardText(ctx.t, await liveBoard(ctx.store, latest)) }];
}

/** A fresh group link code for staff who asked in private (the operator API makes them too). */
async function privateLinkCode(ctx: GroupContext): Promise<Reply[]> {
  const code = await newGroupLinkCode(ctx.store, ctx.shop.id, ctx.now);
  return [{ text: code ? ctx.t.staffLinkCode({ code }) : ctx.t.staffLinkInGroup }];
}
