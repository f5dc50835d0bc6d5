import type { Store } from "../../db/store";
import { imageSize, sniffImageType } from "./image-size";
import { photoInsertQueries } from "./photos";

/** A photo fetched from a chat platform, checked to be a real JPEG, PNG or WebP by its bytes. */
export type CheckedPhoto = { ok: true; bytes: Uint8Array; type: string } | { ok: false; reason: "not_image" };

/** The bytes as a stored photo's original, or a refusal when they are not an image we can read. */
export function checkPhotoBytes(bytes: Uint8Array): CheckedPhoto {
  const type = sniffImageType(bytes);
  if (!type || !imageSize(bytes)) return { ok: false, reason: "not_image" };
  return { ok: true, bytes, type };
}

/**
 * Stores a downloaded photo as the shop's media (no small copies: the server never decodes a photo,
 * so /media/<id>?w= serves the original) and gives its /media/<id> URL.
 */
export async function storeDownloadedPhoto(store: Store, shopId: number, photo: { bytes: Uint8Array; type: string }, now: Date): Promise<string> {
  const { queries, url } = photoInsertQueries(store, shopId, photo, [], now);
  await store.batch(queries);
  return url;
}

/** True when an inbound event was claimed before (a redelivery): its photo need not be fetched again. */
export async function inboundEventSeen(store: Store, channel: string, botId: string, eventId: string): Promise<boolean> {
  const row = await store.db.selectFrom("inbound_events").select("event_id").where("channel", "=", channel).where("bot_id", "=", botId).where("event_id", "=", eventId).executeTakeFirst();
  return row !== undefined;
}
