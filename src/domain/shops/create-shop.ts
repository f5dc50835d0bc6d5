import type { Store } from "../../db/store";

/**
 * Creates a shop, or does nothing when its slug is taken (false). The UNIQUE index on the slug
 * decides, not a read before the write, so two operators creating the same slug at once cannot
 * both succeed.
 */
export async function createShop(store: Store, input: { slug: string; name: string; lang: string }, now: Date): Promise<boolean> {
  const inserted = await store.db
    .insertInto("shops")
    .values({ slug: input.slug, name: input.name, lang: input.lang, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("slug").doNothing())
    .executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
