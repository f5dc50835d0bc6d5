import type { Store } from "../../db/store";
import { photoInsertQueries, type PhotoUpload } from "../media/photos";
import { fail, type Result } from "../../result";
import type { CatalogItem } from "./catalog";
import { batchUnlessCodeTaken, codeInUse } from "./code-in-use";
import { productColumns, type ProductInput } from "./product-input";
import { replaceOptionsQueries, sameOptions } from "./replace-options";
import { weightQueries } from "./weights";

/**
 * Saves the editor's product over `current` (a product of this shop, as loaded), with a new photo
 * when one was uploaded (else the stored one stays): one batch. Options are replaced only when they
 * changed: a buyer's open cart holds option ids. "code_taken" when the new code is another product's.
 */
export async function updateProduct(store: Store, shopId: number, current: CatalogItem, p: ProductInput, photo: PhotoUpload | null, now: Date): Promise<Result<void, "code_taken">> {
  if (p.code !== current.code && (await codeInUse(store, shopId, p.code, current.id))) return fail("code_taken");
  const media = photo ? photoInsertQueries(store, shopId, photo.photo, photo.copies, now) : undefined;
  return batchUnlessCodeTaken(store, [
    ...(media ? media.queries : []),
    store.db
      .updateTable("products")
      .set({ ...productColumns(p), ...(media ? { photo_url: media.url } : {}) })
      .where("id", "=", current.id)
      .where("shop_id", "=", shopId)
      .compile(),
    ...(sameOptions(current.optionGroups, p.groups) ? [] : replaceOptionsQueries(store, current.id, p.groups)),
    ...(p.weights ? weightQueries(store, current.id, p.weights) : []),
  ]);
}
