// A ShipAddress (2025 GSO units + what the buyer typed) as GHTK's address fields, at the edge.
// GHTK takes names, not ids (CARRIERS.md §2.2), and every revision of its API, the 2025 one too,
// still requires a district, which the 2025 reform removed. So:
//
// - province: the NEW province name ("Tỉnh Lai Châu", "Tỉnh Tuyên Quang" even for an old Hà Giang
//   place). It is what the buyer picked and what their papers say since 1 July 2025, and every old
//   district we send lies inside it (a new province is a union of whole old provinces), so the pair
//   stays coherent. Unverified: no GHTK source says whether its geocoder prefers the old or the new
//   province name; the fake accepts both.
// - district: the old district the commune was made of (oldUnitsOf), the one that gave it the most
//   old wards (a whole ward counts twice a part). Almost every new commune lies in one old district.
//   The five island "đặc khu" had no wards: their old district is the one the dataset links directly
//   (Huyện Côn Đảo…); a unit with neither sends its own name rather than nothing.
// - ward: the NEW commune name, always. A new commune joined about three old wards; sending one of
//   them would name the wrong ward for most of its buyers, while the district is the same for all.
//   The old ward's name is not needed to make the old district coherent: GHTK routes by district.
// - street / hamlet (§2.2): the hamlet when the buyer gave one; only the street when they gave a
//   street and no hamlet (GHTK's rule "street when there is no hamlet"; a ward GHTK flags as needing a
//   hamlet then answers 30302, reported as a refusal so the shop can ask); "Khác" (GHTK's own "none of
//   these") as the hamlet when they gave neither.
// - address (the free line ✔): the street and hamlet as typed, or the hamlet sent.
import type { ShipAddress } from "../carrier";
import { ADMIN_UNITS } from "../../address/admin-units";
import { oldUnitsOf } from "../../address/old-units";

export interface GhtkPlace {
  province: string;
  district: string;
  ward: string;
  street?: string;
  hamlet?: string;
  address: string;
}

/** GHTK's word for "no hamlet / none of the listed ones" (the last entry of getAddressLevel4). */
export const GHTK_NO_HAMLET = "Khác";

/** The old district most of a new commune came from, or undefined when the dataset has none. */
export function oldDistrictOf(communeCode: string): string | undefined {
  const weight = new Map<string, number>();
  for (const u of oldUnitsOf(communeCode)) weight.set(u.districtName, (weight.get(u.districtName) ?? 0) + (u.whole ? 2 : 1));
  let best: string | undefined;
  let bestWeight = 0;
  for (const [name, w] of weight) {
    if (w > bestWeight) {
      best = name;
      bestWeight = w;
    }
  }
  return best ?? ADMIN_UNITS.old_districts.find((d) => d[3]?.some(([code]) => code === communeCode))?.[1];
}

const clean = (s: string | null | undefined): string | undefined => {
  const t = s?.normalize("NFC").replace(/\s+/g, " ").trim();
  return t ? t : undefined;
};

/** A Vietnamese phone as GHTK compares it (pick_tel ≠ tel): digits only, +84 / 84 written as 0. */
export function ghtkPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  const local = digits.replace(/^\+?84(?=[1-9]\d{8}$)/, "0");
  return local.replace(/\+/g, "");
}

export function ghtkPlace(a: ShipAddress): GhtkPlace {
  const street = clean(a.street);
  const typedHamlet = clean(a.hamlet);
  const hamlet = typedHamlet ?? (street ? undefined : GHTK_NO_HAMLET);
  const line = [street, typedHamlet].filter(Boolean).join(", ") || hamlet || a.communeName;
  return {
    province: a.provinceName,
    district: oldDistrictOf(a.communeCode) ?? a.communeName,
    ward: a.communeName,
    ...(street ? { street } : {}),
    ...(hamlet ? { hamlet } : {}),
    address: line,
  };
}
