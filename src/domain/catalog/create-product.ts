import { sql } from "kysely";
import type { Store } from "../../db/store";
import { photoInsertQueries, type PhotoUpload } from "../media/photos";
import { fail, type Result } from "../../result";
import { batchUnlessCodeTaken, codeInUse } from "./code-in-use";
import { productColumns, type ProductInput } from "./product-input";
import { replaceOptionsQueries } from "./replace-options";
import { weightQueries } from "./weights";

/**
 * Adds a product to a shop's menu, at its end, with its options and photo: one batch, so a failure
 * leaves no half product (no photo without it, no product without its options). "code_taken" when
 * another product of the shop has the code, whether seen first or by the unique key (two people
 * adding the same code at once).
 */
export async function createProduct(store: Store, shopId: number, p: ProductInput, photo: PhotoUpload | null, now: Date): Promise<Result<void, "code_taken">> {
  if (await codeInUse(store, shopId, p.code)) return fail("code_taken");
  const media = photo ? photoInsertQueries(store, shopId, photo.photo, photo.copies, now) : undefined;
  const sort = sql<number>`(SELECT COALESCE(MAX(sort), 0) + 1 FROM products WHERE shop_id = ${shopId})`;
  // The new product's id is not known yet: its options find it by (shop, code) inside the batch.
  const productId = sql<number>`(SELECT id FROM products WHERE shop_id = ${shopId} AND code = ${p.code})`;
  return batchUnlessCodeTaken(store, [
    ...(media ? media.queries : []),
    store.db
      .insertInto("products")
      .values({ shop_id: shopId, ...productColumns(p), photo_url: media?.url ?? null, sort, created_at: now.toISOString() })
      .compile(),
    ...replaceOptionsQueries(store, productId, p.groups),
    ...(p.weights ? weightQueries(store, productId, p.weights) : []),
  ]);
}
