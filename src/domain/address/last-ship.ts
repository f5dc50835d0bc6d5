import type { Store } from "../../db/store";

/** Where a buyer's last carrier-delivered order of this shop went, for "use the same address". */
export interface LastShip {
  provinceCode: string;
  communeCode: string;
  hamlet: string | null;
  street: string | null;
  address: string;
}

export async function lastShipAddress(store: Store, shopId: number, buyerId: number): Promise<LastShip | undefined> {
  const row = await store.db
    .selectFrom("orders")
    .select(["ship_province_code", "ship_commune_code", "ship_hamlet", "ship_street", "address"])
    .where("shop_id", "=", shopId)
    .where("buyer_id", "=", buyerId)
    .where("ship_commune_code", "is not", null)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row?.ship_province_code || !row.ship_commune_code) return undefined;
  return { provinceCode: row.ship_province_code, communeCode: row.ship_commune_code, hamlet: row.ship_hamlet, street: row.ship_street, address: row.address ?? "" };
}
