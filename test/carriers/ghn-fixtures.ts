// Places for the GHN tests: a ShipAddress of any 2025 commune, by GSO code.
import { ADMIN_UNITS } from "../../src/domain/address/admin-units";
import type { Parcel, ShipAddress } from "../../src/domain/carriers/carrier";

export function addressOf(communeCode: string, over: Partial<ShipAddress> = {}): ShipAddress {
  const commune = ADMIN_UNITS.communes.find((c) => c[0] === communeCode);
  if (!commune) throw new Error(`no commune ${communeCode}`);
  const province = ADMIN_UNITS.provinces.find((p) => p[0] === commune[2])!;
  return { provinceCode: province[0], provinceName: province[1], communeCode, communeName: commune[1], hamlet: null, street: null, name: "Người nhận", phone: "0912345678", ...over };
}

/** The shop: Phường Ba Đình, Hà Nội. */
export const SHOP = addressOf("00004", { street: "12 Phan Đình Phùng", name: "Chợ Chè Bà Tư", phone: "0987000111" });
/** A buyer in Lai Châu: Xã Than Uyên (old Thị trấn Than Uyên, Xã Mường Than… of Huyện Than Uyên). */
export const LAI_CHAU = addressOf("03595", { hamlet: "Bản Mường", name: "Lò Thị Mai", phone: "0912345678" });

export const PARCEL: Parcel = {
  weightGrams: 1200,
  declaredValue: 300_000,
  cod: 330_000,
  items: [{ code: "CHE-1", name: "Chè Shan Tuyết", qty: 2, unitPrice: 150_000, weightGrams: 600 }],
};
