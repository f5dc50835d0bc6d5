// A 2025 address (GSO commune) → GHN's numeric DistrictID and string WardCode. GHN's master data
// predates the reform (63 provinces, districts, old wards), so the commune goes through the old
// wards it was made of (oldUnitsOf, whole ones first) and each old ward is looked up by name in
// GHN's province → district → ward lists. Lists and answers are cached, bounded, per API root: the
// clients are made per request (src/domain/carriers/shop-carriers.ts), master data is the same
// public list for every account at one root, and each read uses the asking client's own token.
import { oldUnitsOf, type OldUnit } from "../../address/old-units";
import { CarrierRefusal, type ShipAddress } from "../carrier";
import { BoundedCache } from "./cache";
import type { GhnHttp } from "./http";
import { matchName, nameKeys } from "./names";

export interface GhnPlace {
  districtId: number;
  wardCode: string;
  provinceName: string;
  districtName: string;
  wardName: string;
}

interface Province {
  ProvinceID: number;
  ProvinceName: string;
  NameExtension?: string[] | null;
}
interface District {
  DistrictID: number;
  ProvinceID?: number;
  DistrictName: string;
  NameExtension?: string[] | null;
}
interface Ward {
  WardCode: string;
  DistrictID?: number;
  WardName: string;
  NameExtension?: string[] | null;
}

const names = (name: string, ext: string[] | null | undefined) => [name, ...(Array.isArray(ext) ? ext.filter((e) => typeof e === "string") : [])];

export class GhnAddressBook {
  // Promises, so a quote mapping the shop and the buyer at once reads each list once.
  private provinces: Promise<Province[]> | undefined;
  private readonly districts = new BoundedCache<number, Promise<District[]>>(16);
  private readonly wards = new BoundedCache<number, Promise<Ward[]>>(64);
  private readonly places = new BoundedCache<string, GhnPlace>(512);

  /** GHN's place for a commune; CarrierRefusal ADDRESS_UNMAPPED when none of its old wards is in GHN's lists. */
  async place(address: ShipAddress, http: GhnHttp): Promise<GhnPlace> {
    const cached = this.places.get(address.communeCode);
    if (cached) return cached;
    // Whole old wards first (oldUnitsOf's order), and among them the one the new commune is named
    // after: the old core of the place, so GHN's station and geocoding are the nearest.
    const own = nameKeys(address.communeName).bare;
    const olds = [...oldUnitsOf(address.communeCode)].sort((a, b) => rank(b, own) - rank(a, own));
    for (const old of olds) {
      const place = await this.lookup(http, old.provinceName, old.districtName, old.wardName);
      if (place) {
        this.places.set(address.communeCode, place);
        return place;
      }
    }
    throw new CarrierRefusal("ghn", "ADDRESS_UNMAPPED", `no GHN ward for commune ${address.communeCode}`);
  }

  private async lookup(http: GhnHttp, provinceName: string, districtName: string, wardName: string): Promise<GhnPlace | undefined> {
    const province = matchName(provinceName, await this.provinceList(http), (p) => names(p.ProvinceName, p.NameExtension));
    if (!province) return undefined;
    const district = matchName(districtName, await this.districtList(http, province.ProvinceID), (d) => names(d.DistrictName, d.NameExtension));
    if (!district) return undefined;
    const ward = matchName(wardName, await this.wardList(http, district.DistrictID), (w) => names(w.WardName, w.NameExtension));
    if (!ward) return undefined;
    return { districtId: district.DistrictID, wardCode: ward.WardCode, provinceName: province.ProvinceName, districtName: district.DistrictName, wardName: ward.WardName };
  }

  private provinceList(http: GhnHttp): Promise<Province[]> {
    if (!this.provinces) {
      const p = http
        .call("/master-data/province", {}, { shop: false })
        .then((data) => list<Province>(data, (x) => typeof x.ProvinceID === "number" && typeof x.ProvinceName === "string"));
      // A failed read is not kept: the next quote asks again.
      p.catch(() => {
        if (this.provinces === p) this.provinces = undefined;
      });
      this.provinces = p;
    }
    return this.provinces;
  }

  private districtList(http: GhnHttp, provinceId: number): Promise<District[]> {
    return cached(this.districts, provinceId, () =>
      http
        .call("/master-data/district", { province_id: provinceId }, { shop: false })
        .then((data) => list<District>(data, (d) => typeof d.DistrictID === "number" && typeof d.DistrictName === "string")),
    );
  }

  private wardList(http: GhnHttp, districtId: number): Promise<Ward[]> {
    return cached(this.wards, districtId, () =>
      http
        .call("/master-data/ward", { district_id: districtId }, { shop: false })
        .then((data) => list<Ward>(data, (w) => typeof w.WardCode === "string" && typeof w.WardName === "string")),
    );
  }
}

const books = new BoundedCache<string, GhnAddressBook>(8);

/** The address book of one API root (shared by the clients of every shop using that root). */
export function addressBookFor(apiRoot: string): GhnAddressBook {
  let book = books.get(apiRoot);
  if (!book) {
    book = new GhnAddressBook();
    books.set(apiRoot, book);
  }
  return book;
}

function rank(old: OldUnit, own: string): number {
  return (old.whole ? 2 : 0) + (nameKeys(old.wardName).bare === own ? 1 : 0);
}

function cached<K, V>(cache: BoundedCache<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  const hit = cache.get(key);
  if (hit) return hit;
  const p = load();
  p.catch(() => cache.delete(key, p));
  cache.set(key, p);
  return p;
}

function list<T>(data: unknown, ok: (row: T) => boolean): T[] {
  return Array.isArray(data) ? (data as T[]).filter((row) => typeof row === "object" && row !== null && ok(row)) : [];
}
