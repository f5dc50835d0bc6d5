import type { CompiledQuery } from "kysely";
import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";

/** Every product code of a shop, in no order: what no other name of a product may be (aliases.ts). */
export async function productCodes(store: Store, shopId: number): Promise<string[]> {
  return (await store.db.selectFrom("products").select("code").where("shop_id", "=", shopId).execute()).map((p) => p.code);
}

/** Whether another product of the shop (not `exceptId`) already has this code: asked before writing, for a clear refusal. */
export async function codeInUse(store: Store, shopId: number, code: string, exceptId?: number): Promise<boolean> {
  let q = store.db.selectFrom("products").select("id").where("shop_id", "=", shopId).where("code", "=", code);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

const isCodeClash = (e: unknown) => e instanceof Error && /UNIQUE constraint failed: products\.shop_id, products\.code/i.test(e.message);

/**
 * Runs a product write's batch; "code_taken" when it hit the (shop, code) unique key: two people
 * saving the same code at once both get past codeInUse, and the database decides.
 */
export async function batchUnlessCodeTaken(store: Store, queries: readonly CompiledQuery[]): Promise<Result<void, "code_taken">> {
  try {
    await store.batch(queries);
  } catch (e) {
    if (isCodeClash(e)) return fail("code_taken");
    throw e;
  }
  return ok(undefined);
}
