import type { CompiledQuery } from "kysely";
import { sql } from "kysely";
import type { Store } from "../../db/store";
import { newSecretToken } from "../orders/codes";
import type { ImageSize } from "./image-size";

/**
 * The longest sides (px) of the small copies the seller's browser makes of a product photo next to
 * the 1280 px original: 320 for the web chat and the editor, 128 for the dashboard's 64 px thumbnails
 * (sharp on a 2× phone screen).
 */
export const PHOTO_COPY_SIDES = [320, 128] as const;

/** The size each place shows a photo at, as the longest side asked of /media/<id>?w=. */
export const PHOTO_SIDE = { thumbnail: 128, card: 320, webchat: 320 } as const;

/** A checked image, ready to store. */
export interface StoredImage extends ImageSize {
  bytes: Uint8Array;
  type: string;
}

/** An uploaded product photo (checked: a real image) with the small copies worth keeping. */
export interface PhotoUpload {
  photo: { bytes: Uint8Array; type: string };
  copies: StoredImage[];
}

const OWN_MEDIA = /^\/media\/[A-Za-z0-9_-]{16,64}$/;

/** The URL of the copy of a photo fit for `side` px; other photos (a shop's own link, a Telegram file) as they are. */
export function mediaUrlAt(url: string, side: number): string {
  return OWN_MEDIA.test(url) ? `${url}?w=${side}` : url;
}

/** The statements that store a photo and its small copies (one batch with the product change), and its URL. */
export function photoInsertQueries(store: Store, shopId: number, photo: { bytes: Uint8Array; type: string }, copies: readonly StoredImage[], now: Date): { queries: CompiledQuery[]; url: string } {
  const id = newSecretToken(16);
  const queries = [
    store.db.insertInto("media").values({ id, shop_id: shopId, content_type: photo.type, bytes: photo.bytes, created_at: now.toISOString() }).compile(),
    ...copies.map((c) => store.db.insertInto("media_variants").values({ media_id: id, width: c.width, height: c.height, content_type: c.type, bytes: c.bytes }).compile()),
  ];
  return { queries, url: `/media/${id}` };
}

/**
 * The bytes to serve for /media/<id>: with `side`, the smallest copy whose longest side is at least
 * that, else the original (photos uploaded before copies existed have none).
 */
export async function findMedia(store: Store, id: string, side?: number): Promise<{ content_type: string; bytes: Uint8Array } | undefined> {
  if (side) {
    const longest = sql<number>`max(width, height)`;
    const copy = await store.db.selectFrom("media_variants").select(["content_type", "bytes"]).where("media_id", "=", id).where(longest, ">=", side).orderBy(longest).limit(1).executeTakeFirst();
    if (copy) return copy;
  }
  return store.db.selectFrom("media").select(["content_type", "bytes"]).where("id", "=", id).executeTakeFirst();
}
