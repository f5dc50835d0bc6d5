// Vietnam's administrative units after the 1 July 2025 reform (34 provinces, 3,321 communes) and the
// old 63-province, 3-level units mapped to the new communes: data/vn-admin-units-2025.json, MIT,
// from github.com/dvhcvn/20250701 — keep data/LICENSE-vn-admin-units-2025.txt beside it.
// Codes are GSO codes, not carrier ids (GHN's DistrictID / WardCode differ; mapped at the edge).
import data from "./data/vn-admin-units-2025.json";

/** A new province: [GSO code, name, the old provinces' codes it took in]. */
export type ProvinceRow = [code: string, name: string, oldProvinceCodes: string[]];
/** A new commune-level unit (Phường / Xã / Đặc khu): [GSO code, name, province code]. */
export type CommuneRow = [code: string, name: string, provinceCode: string];
/** An old province: [code, name, the new provinces it went into]. */
export type OldProvinceRow = [code: string, name: string, newProvinceCodes: string[]];
/** An old district: [code, name, old province code, new communes for the few island districts without wards]. */
export type OldDistrictRow = [code: string, name: string, oldProvinceCode: string, directNew: [string, "f" | "p"][] | null];
/** An old ward: [code, name, old district code, [new commune code, "f" whole | "p" part of it][]]. */
export type OldWardRow = [code: string, name: string, oldDistrictCode: string, newCommunes: [string, "f" | "p"][]];

export interface AdminUnits {
  provinces: ProvinceRow[];
  communes: CommuneRow[];
  old_provinces: OldProvinceRow[];
  old_districts: OldDistrictRow[];
  old_wards: OldWardRow[];
}

/** The whole dataset, as shipped (read-only: shared by every request of the process or isolate). */
export const ADMIN_UNITS = data as unknown as Readonly<AdminUnits>;
