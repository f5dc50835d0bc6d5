import { Hono } from "hono";
import { html } from "hono/html";
import type { Store } from "../../db/store";
import { imageSize, sniffImageType } from "../../domain/media/image-size";
import { findMedia, PHOTO_COPY_SIDES, type StoredImage } from "../../domain/media/photos";
import type { DashboardMoreMessages } from "../../i18n/dashboard-more";
import { fail, ok, type Result } from "../../result";
import { inlineScript } from "../../web/inline-script";

export { sniffImageType };

/** The largest photo accepted: 1 MB, so the photo and the rest of the form still fit the app's 1 MiB body limit. */
export const MAX_PHOTO_BYTES = 1_000_000;
/** A small copy is a few tens of KB; anything far bigger is not one. */
const MAX_COPY_BYTES = 200_000;

// newSecretToken's base64url alphabet only: anything else (a "../" after decoding) is not an id.
const MEDIA_ID = /^[A-Za-z0-9_-]{16,64}$/;
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"];

type FormBody = Record<string, string | File | (string | File)[]>;
const first = (v: FormBody[string] | undefined): string | File | undefined => (Array.isArray(v) ? v[0] : v);
const copyField = (side: number) => `photo_w${side}`;

// Photos are resized in the seller's browser before upload (longest side 1280 px, JPEG): a phone's
// 4 MB picture becomes ~200 KB, quicker on 3G and inside the 1 MB limit, with no image library on
// the server (none runs on both Node and Workers). From the same picture it also makes the small
// copies (320 and 128 px) into the form's hidden file fields, each step drawn from the one before
// (a sharper result than one big jump), and only while the whole upload stays under the limit.
// If the browser cannot, the original alone is checked against the limit as before.
export const photoScript = inlineScript(`document.querySelectorAll("input[type=file][data-max]").forEach(function(i){var busy=false;var copies=i.form?[].slice.call(i.form.querySelectorAll("input[type=file][data-side]")):[];var put=function(x,f){var t=new DataTransfer();if(f)t.items.add(f);busy=true;x.files=t.files;busy=false};var jpeg=function(c){return new Promise(function(r){c.toBlob(r,"image/jpeg",0.85)})};var scale=function(src,side){var k=Math.min(1,side/Math.max(src.width,src.height));var c=document.createElement("canvas");c.width=Math.round(src.width*k);c.height=Math.round(src.height*k);var g=c.getContext("2d");g.imageSmoothingQuality="high";g.drawImage(src,0,0,c.width,c.height);return c};i.addEventListener("change",function(){if(busy)return;var f=i.files&&i.files[0];i.setCustomValidity("");delete i.dataset.resized;delete i.dataset.copies;var done=function(){i.setCustomValidity(i.files[0]&&i.files[0].size>+i.dataset.max?i.dataset.msg:"");i.reportValidity()};if(!f)return;if(!window.createImageBitmap||!window.DataTransfer||!/^image\\//.test(f.type)){done();return}copies.forEach(function(x){put(x,null)});var name=f.name.replace(/\\.[^.]*$/,"");createImageBitmap(f).then(function(b){var big=scale(b,1280);return jpeg(big).then(function(out){if(out&&out.size<f.size){put(i,new File([out],name+".jpg",{type:"image/jpeg"}));i.dataset.resized=big.width+"x"+big.height}var total=i.files[0].size,src=big,made=[];var next=function(k){if(k>=copies.length){i.dataset.copies=made.join(",");return}var x=copies[k],side=+x.dataset.side;if(Math.max(src.width,src.height)<=side)return next(k+1);var c=scale(src,side);return jpeg(c).then(function(o){if(o&&total+o.size<=+i.dataset.max){total+=o.size;put(x,new File([o],name+"-"+side+".jpg",{type:"image/jpeg"}));made.push(c.width+"x"+c.height);src=c}return next(k+1)})};return next(0)})}).then(done,done)})});`);

/** The photo picker of the product form, with the hidden fields the script fills with the small copies. */
export function photoField(m: DashboardMoreMessages) {
  return html`<label>${m.fPhoto}<input type="file" name="photo" accept="image/jpeg,image/png,image/webp" data-max="${MAX_PHOTO_BYTES}" data-msg="${m.errPhotoSize}"></label>${PHOTO_COPY_SIDES.map(
    (side) => html`<input type="file" name="${copyField(side)}" data-side="${side}" accept="image/jpeg,image/png,image/webp" hidden>`,
  )}`;
}

/** An uploaded photo with the small copies worth keeping. */
export interface PhotoUpload {
  photo: { bytes: Uint8Array; type: string };
  copies: StoredImage[];
}

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
export async function readPhotoUpload(body: FormBody, m: DashboardMoreMessages): Promise<Result<PhotoUpload | null, string>> {
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

/**
 * GET /media/:id: an uploaded product photo, public and cached for good (an id never changes
 * content). `?w=N`: the smallest stored copy at least N px on its longest side, else the photo.
 */
export function mediaRoute(store: Store): Hono {
  const app = new Hono();
  const notFound = () => new Response(JSON.stringify({ error: "not found" }), { status: 404, headers: { "content-type": "application/json" } });
  app.get("/media/:id", async (c) => {
    const id = c.req.param("id");
    if (!MEDIA_ID.test(id)) return notFound();
    const w = c.req.query("w");
    const row = await findMedia(store, id, w && /^\d{1,4}$/.test(w) ? Number(w) : undefined);
    if (!row) return notFound();
    // Only image types are ever stored; anything else is served as bytes a browser will not run.
    const type = IMAGE_TYPES.includes(row.content_type) ? row.content_type : "application/octet-stream";
    const bytes = new Uint8Array(row.bytes);
    return new Response(bytes, {
      headers: { "content-type": type, "content-length": String(bytes.length), "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" },
    });
  });
  app.all("/media/*", () => notFound());
  return app;
}
