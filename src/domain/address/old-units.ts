import { ADMIN_UNITS } from "./admin-units";

/** An old (pre-July-2025) ward and its district and province, as the carriers' address lists still name them. */
export interface OldUnit {
  wardCode: string;
  wardName: string;
  districtCode: string;
  districtName: string;
  provinceCode: string;
  provinceName: string;
  /** The whole old ward went into the new commune ("f"), or only part of it ("p"). */
  whole: boolean;
}

let byCommune: Map<string, OldUnit[]> | undefined;

function index(): Map<string, OldUnit[]> {
  const districts = new Map(ADMIN_UNITS.old_districts.map((d) => [d[0], d]));
  const provinces = new Map(ADMIN_UNITS.old_provinces.map((p) => [p[0], p]));
  const out = new Map<string, OldUnit[]>();
  for (const [wardCode, wardName, districtCode, targets] of ADMIN_UNITS.old_wards) {
    const district = districts.get(districtCode);
    const province = district ? provinces.get(district[2]) : undefined;
    if (!district || !province) continue;
    for (const [commune, kind] of targets) {
      const list = out.get(commune) ?? [];
      list.push({ wardCode, wardName, districtCode, districtName: district[1], provinceCode: province[0], provinceName: province[1], whole: kind === "f" });
      out.set(commune, list);
    }
  }
  return out;
}

/**
 * The old wards a new commune was made of (whole ones first), for carriers whose address lists
 * still have the old district and ward (GHN's DistrictID and WardCode, GHTK's district names).
 */
export function oldUnitsOf(communeCode: string): readonly OldUnit[] {
  byCommune ??= index();
  return [...(byCommune.get(communeCode) ?? [])].sort((a, b) => Number(b.whole) - Number(a.whole));
}
