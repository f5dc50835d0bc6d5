import { imageSize, sniffImageType } from "../../../domain/media/image-size";
import { PHOTO_COPY_SIDES, type PhotoUpload, type StoredImage } from "../../../domain/media/photos";
import type { CatalogEditorMessages } from "../../../i18n/catalog-editor";
import { fail, ok, type Result } from "../../../result";
import { first, type FormBody } from "./form-input";

/** The largest photo accepted: 1 MB, so the photo and the rest of the form still fit the app's 1 MiB body limit. */
export const MAX_PHOTO_BYTES = 1_000_000;
/** A small copy is a few tens of KB; anything far bigger is not one. */
const MAX_COPY_BYTES = 200_000;

/** The form field of the small copy `side` px on its longest side (photo-field.tsx, filled by photo-resize.js). */
export const copyField = (side: number) => `photo_w${side}`;

const filePart = (v: FormBody[string] | undefined): Blob | undefined => {
  const f = first(v);
  // A form with no file chosen still sends an empty, nameless file part.
  return f instanceof Blob && f.size > 0 ? f : undefined;
};

/**
 * The uploaded photo, none (no file chosen), or why it is refused. A small copy that is not what it
 * claims (not an image, bigger than its size, bigger than the photo) is dropped, never refused:
 * the photo is served instead, as for photos uploaded before copies existed.
 */
export async function readPhotoUpload(body: FormBody, m: CatalogEditorMessages): Promise<Result<PhotoUpload | null, string>> {
  const file = filePart(body.photo);
  if (!file) return ok(null);
  if (file.size > MAX_PHOTO_BYTES) return fail(m.errPhotoSize);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes);
  if (!type) return fail(m.errPhotoType);
  const full = imageSize(bytes);
  const copies: StoredImage[] = [];
  for (const side of PHOTO_COPY_SIDES) {
    const part = filePart(body[copyField(side)]);
    if (!part || part.size > MAX_COPY_BYTES || part.size >= file.size) continue;
    const copy = new Uint8Array(await part.arrayBuffer());
    const copyType = sniffImageType(copy);
    const size = imageSize(copy);
    if (!copyType || !size) continue;
    const longest = Math.max(size.width, size.height);
    if (longest > side || (full && longest >= Math.max(full.width, full.height)) || copies.some((c) => c.width === size.width)) continue;
    copies.push({ bytes: copy, type: copyType, ...size });
  }
  return ok({ photo: { bytes, type }, copies });
}
