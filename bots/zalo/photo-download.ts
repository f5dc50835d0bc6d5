// Photos from Zalo are fetched the moment they arrive: their URLs expire (ZALO-GROUPS.md,
// "Operations"). A staff member's photo with a caption in a private chat is a product (the caption
// is the product line, flows/inbound/private-message.ts), so it is stored as the shop's own media
// and the pipeline is handed `photoRef: "/media/<id>"`. A download that fails gets the staff member
// a short reply through the same pipeline (once, through the outbox), never silence.
import type { InboundEvent } from "../../src/chat/inbound-event";
import type { Shop } from "../../src/db/schema";
import type { Store } from "../../src/db/store";
import { checkPhotoBytes, inboundEventSeen, storeDownloadedPhoto } from "../../src/domain/media/downloaded-photo";
import { findStaff } from "../../src/domain/shops/staff";
import { messagesFor } from "../../src/i18n/messages";
import { concatBytes } from "../../src/platform/bytes";
import type { Logger } from "../../src/platform/logger";
import type { ZaloEvent } from "./convert";

/** The largest photo taken (bytes): a phone's photo is 1–4 MB. */
export const ZALO_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 15_000;

export type PhotoDownload = { ok: true; bytes: Uint8Array; type: string } | { ok: false; reason: "unreachable" | "too_large" | "not_image" };

/** GETs a photo URL within a time limit and a size cap, and checks the bytes are a real image. */
export async function downloadPhoto(url: string, opts: { timeoutMs?: number; maxBytes?: number; fetch?: typeof fetch } = {}): Promise<PhotoDownload> {
  const maxBytes = opts.maxBytes ?? ZALO_PHOTO_MAX_BYTES;
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: "unreachable" };
  const doFetch = opts.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const signal = AbortSignal.timeout(opts.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  try {
    const res = await doFetch(url, { signal, redirect: "follow" });
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return { ok: false, reason: "unreachable" };
    }
    if (Number(res.headers.get("content-length") ?? 0) > maxBytes) {
      await res.body.cancel();
      return { ok: false, reason: "too_large" };
    }
    // Read up to the cap, whatever the length header said.
    const reader = res.body.getReader();
    const parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, reason: "too_large" };
      }
      parts.push(value);
    }
    const checked = checkPhotoBytes(concatBytes(parts));
    return checked.ok ? checked : { ok: false, reason: "not_image" };
  } catch {
    return { ok: false, reason: "unreachable" };
  }
}

export interface StaffPhotoDeps {
  store: Store;
  clock: { now(): Date };
  logger: Logger;
  /** For tests: how the photo is fetched. */
  fetchPhoto?: typeof fetch;
}

/**
 * A converted Zalo update, with a staff member's private photo fetched and stored: the event then
 * carries `photoRef: "/media/<id>"`. A failed download becomes a reply to that staff member. Photos
 * from buyers, in groups, without a caption, of redelivered events, or without a URL pass through as
 * they are. Two deliveries of one event at the very same moment may both fetch it: one stored copy
 * is then never used (harmless; the pipeline still applies the event once).
 */
export async function withStaffPhoto(deps: StaffPhotoDeps, shop: Shop, botId: string, converted: ZaloEvent): Promise<ZaloEvent> {
  const { event, eventKey, photoUrl } = converted;
  // Only a photo with a caption is used (a product line, or `/post new …`): one without is not fetched.
  if (!photoUrl || !eventKey || event.kind !== "message" || event.msg.chat.kind !== "private" || !event.msg.text) return converted;
  if (!(await findStaff(deps.store, shop.id, "zalo", event.msg.from.id))) return converted;
  if (await inboundEventSeen(deps.store, "zalo", botId, eventKey)) return converted;
  const got = await downloadPhoto(photoUrl, deps.fetchPhoto ? { fetch: deps.fetchPhoto } : {});
  if (got.ok) {
    const url = await storeDownloadedPhoto(deps.store, shop.id, got, deps.clock.now());
    return { ...converted, event: { ...event, photoRef: url } };
  }
  // Never the URL in the log: it is Zalo's and may carry a key.
  deps.logger.warn("zalo: photo download failed", { bot: botId, reason: got.reason });
  const t = messagesFor(shop.lang);
  const text = got.reason === "too_large" ? t.zaloPhotoTooLarge({ mb: ZALO_PHOTO_MAX_BYTES / 1024 / 1024 }) : got.reason === "not_image" ? t.zaloPhotoNotImage : t.zaloPhotoDownloadFailed;
  const chatId = event.msg.chat.id;
  const failed: InboundEvent = { kind: "channel", apply: async () => [{ chatId, reply: { text } }] };
  return { ...converted, event: failed };
}
