import { PHOTO_COPY_SIDES } from "../../../domain/media/photos";
import type { CatalogEditorMessages } from "../../../i18n/catalog-editor";
import { copyField, MAX_PHOTO_BYTES } from "./photo-upload";

const ACCEPT = "image/jpeg,image/png,image/webp";

/**
 * The photo picker of the product form, with the hidden fields photo-resize.js fills with the small
 * copies (the page lists that script).
 */
export function PhotoField(props: { m: CatalogEditorMessages }) {
  const { m } = props;
  return (
    <>
      <label>
        {m.fPhoto}
        <input type="file" name="photo" accept={ACCEPT} data-max={MAX_PHOTO_BYTES} data-msg={m.errPhotoSize} />
      </label>
      {PHOTO_COPY_SIDES.map((side) => (
        <input type="file" name={copyField(side)} data-side={side} accept={ACCEPT} hidden />
      ))}
    </>
  );
}
