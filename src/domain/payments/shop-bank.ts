import type { Store } from "../../db/store";

/** A shop's receiving account, already checked (checkShopBankSettings) and normalised. */
export interface ShopBankAccount {
  bin: string;
  account: string;
  /** Empty: no holder name (stored as null). */
  holder: string;
  vietqr: boolean;
}

/** Saves where the shop receives transfers, and whether buyers may pay it by VietQR. */
export async function saveShopBankAccount(store: Store, shopId: number, bank: ShopBankAccount): Promise<void> {
  await store.db
    .updateTable("shops")
    .set({ bank_bin: bank.bin, bank_account: bank.account, bank_holder: bank.holder || null, vietqr_enabled: bank.vietqr ? 1 : 0 })
    .where("id", "=", shopId)
    .execute();
}
