import type { Reply } from "../../src/chat/types";
import type { Broadcast, BroadcastKind, Shop } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { loadCatalog, findByCode } from "../../src/domain/catalog/catalog";
import { createBroadcast } from "../../src/domain/broadcast/create-broadcast";
import type { BroadcastProgress } from "../../src/domain/broadcast/progress";
import type { BroadcastTarget } from "../../src/domain/broadcast/targets";
import { broadcastTargets } from "../../src/domain/broadcast/targets";
import { messagesFor, type Messages } from "../../src/i18n/messages";
import { fail, ok, type Result } from "../../src/result";
import { menuText } from "../order/menu-text";

export interface PostRequest {
  kind: BroadcastKind;
  productCode?: string;
  text?: string;
  photoUrl?: string;
  sourceKey: string;
  createdBy?: string;
  progressTo?: { channel: string; botId: string; chatId: string };
}

/** The link in a group post that opens a private order chat with the bot at `payload`. */
export function groupDeepLink(target: Pick<BroadcastTarget, "channel" | "botUsername">, payload: string): string | undefined {
  if (target.channel === "telegram" && target.botUsername) return `https://t.me/${target.botUsername}?start=${payload}`;
  return undefined;
}

/** A photo the target's platform can show: web links, or a Telegram file id on Telegram. */
function photoFor(target: BroadcastTarget, photo: string | null | undefined): string | undefined {
  if (!photo) return undefined;
  // Web links, and our own uploads (/media/…): Telegram's sender uploads the bytes, Zalo's sends the public link.
  if (/^https?:\/\//.test(photo) || photo.startsWith("/media/")) return photo;
  return photo.startsWith("tg:") && target.channel === "telegram" ? photo : undefined;
}

function withOrderButton(t: Messages, target: BroadcastTarget, reply: Reply, payload: string): Reply {
  const url = groupDeepLink(target, payload);
  // Platforms without buttons (Zalo) get the instruction as text: reply to this post to order.
  return url ? { ...reply, buttons: [{ label: t.btnOrderNow, url }] } : { ...reply, text: `${reply.text}\n\n${t.replyToOrder}` };
}

/**
 * Posts an item, the menu or a free post to every linked group of the shop (through the outbox,
 * once per group), with an order button that opens the guided flow in private.
 */
export async function postBroadcast(store: Store, shop: Shop, req: PostRequest, now: Date): Promise<Result<Broadcast, "unknown_code" | "empty_menu" | "no_text" | "no_groups">> {
  const t = messagesFor(shop.lang);
  const catalog = await loadCatalog(store, shop.id);
  let render: (target: BroadcastTarget) => Reply;
  if (req.kind === "item") {
    const item = req.productCode ? findByCode(catalog, req.productCode) : undefined;
    if (!item) return fail("unknown_code");
    const card = t.productCard({ code: item.code, name: item.name, price: item.price, unit: item.unit, description: item.description, labels: item.labels });
    render = (target) => {
      const photo = photoFor(target, item.photoUrl);
      return withOrderButton(t, target, { text: card, ...(photo ? { image: photo } : {}) }, `p_${item.code}`);
    };
  } else if (req.kind === "menu") {
    const menu = menuText(t, shop, catalog, now);
    if (!menu) return fail("empty_menu");
    render = (target) => withOrderButton(t, target, { text: menu.text }, "menu");
  } else {
    if (!req.text?.trim()) return fail("no_text");
    const text = req.text.trim().slice(0, 1000);
    render = (target) => {
      const photo = photoFor(target, req.photoUrl);
      return withOrderButton(t, target, { text, ...(photo ? { image: photo } : {}) }, "menu");
    };
  }
  if ((await broadcastTargets(store, shop.id)).length === 0) return fail("no_groups");
  const broadcast = await createBroadcast(
    store,
    shop,
    { kind: req.kind, productCode: req.productCode ?? null, text: req.text ?? null, photoUrl: req.photoUrl ?? null, sourceKey: req.sourceKey, ...(req.createdBy ? { createdBy: req.createdBy } : {}), ...(req.progressTo ? { progressTo: req.progressTo } : {}) },
    render,
    (targets) => t.broadcastStarted({ targets }),
    now,
  );
  return ok(broadcast);
}

/** The seller's progress message: "sent 12/40", then the summary with each failure and its reason. */
export function progressText(p: BroadcastProgress, done: boolean, lang: string): string {
  const t = messagesFor(lang);
  if (!done) return t.broadcastProgress({ sent: p.sent, targets: p.targets });
  const problems = p.deliveries.filter((d) => d.status === "failed" || d.status === "uncertain");
  return [
    t.broadcastDone({ sent: p.sent, targets: p.targets }),
    ...problems.map((d) => `• ${d.title || d.chatId}: ${d.status === "uncertain" ? t.broadcastUncertain : (d.error ?? "").slice(0, 80)}`),
  ].join("\n");
}
