// What the carrier address tests share: the demo shop offering GHN and GHTK through the local fakes
// (the environment's accounts, as a fake stands in from outside), with its pickup address set.
import { startFakeGhn, type FakeGhn } from "../fakes/ghn-api";
import { startFakeGhtk, type FakeGhtk } from "../fakes/ghtk-api";
import type { Store } from "../../src/db/store";
import { savePickupSettings } from "../../src/domain/carriers/shop-carriers";
import { findShopBySlug } from "../../src/domain/shops/shops";

export interface Carriers {
  ghn: FakeGhn;
  ghtk: FakeGhtk;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startCarriers(opts: { ghtk?: boolean } = {}): Promise<Carriers> {
  const ghn = await startFakeGhn();
  const ghtk = await startFakeGhtk();
  const env: Record<string, string> = { GHN_TOKEN: ghn.token, GHN_SHOP_ID: String(ghn.shopId), GHN_API_ROOT: ghn.url, GHTK_API_ROOT: ghtk.url };
  if (opts.ghtk !== false) env.GHTK_TOKEN = ghtk.token;
  return { ghn, ghtk, env, close: async () => void (await Promise.all([ghn.close(), ghtk.close()])) };
}

/** The demo shop ships from Phường Ba Đình, Hà Nội; 25.000 ₫ when a carrier does not answer. */
export async function setDemoPickup(store: Store): Promise<void> {
  const shop = await findShopBySlug(store, "demo");
  if (!shop) throw new Error("no demo shop");
  await savePickupSettings(store, shop.id, { provinceCode: "01", communeCode: "00004", hamlet: null, street: "12 Phan Đình Phùng", name: "Chợ Quê Mường Than", phone: "0912000111", flatFee: 25_000 });
}

/** The number of đồng in "32.000 ₫". */
export const dong = (text: string) => Number((/([\d.]+)\s₫/.exec(text)?.[1] ?? "").replace(/\./g, ""));
