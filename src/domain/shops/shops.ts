import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { preparedQuery } from "../../db/prepared";

/** The shop with this URL slug, or undefined. */
export async function findShopBySlug(store: Store, slug: string): Promise<Shop | undefined> {
  return (await shopBySlug.rows(store.db, { slug }))[0];
}

// Every web chat message looks its shop up: built once.
const shopBySlug = preparedQuery((db, v: { slug: string }) => db.selectFrom("shops").selectAll().where("slug", "=", v.slug));

/** The shop with this id, or undefined. */
const shopById = preparedQuery((db, v: { id: number }) => db.selectFrom("shops").selectAll().where("id", "=", v.id));

export async function findShopById(store: Store, id: number): Promise<Shop | undefined> {
  return (await shopById.rows(store.db, { id }))[0];
}

/** The shop env-configured bots and keys belong to: the demo shop if present, else the first one. */
export async function findDefaultShop(store: Store): Promise<Shop | undefined> {
  return (await findShopBySlug(store, "demo")) ?? store.db.selectFrom("shops").selectAll().orderBy("id").limit(1).executeTakeFirst();
}
