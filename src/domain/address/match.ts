// Finds a province and a commune of the 2025 list the way buyers type them: no diacritics, with or
// without "tỉnh"/"xã"/"phường", old (pre-July-2025) names of provinces, districts and wards mapped to
// the new units. The index is built on first use and shared by every request of the process/isolate.
import { foldText } from "../../text/normalize";
import { ADMIN_UNITS } from "./admin-units";

export interface Province {
  code: string;
  name: string;
}

export interface Commune {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

/** How an answer was reached when it was not the new unit's own name. */
export interface OldNameHint {
  kind: "province" | "district" | "ward";
  /** The old unit's full name ("Huyện Than Uyên", "Xã Mường Than"). */
  name: string;
  /** Only part of that old ward went into this commune (it was split). */
  part: boolean;
}

export interface Candidate<T> {
  value: T;
  via?: OldNameHint;
}

/** One match; several to ask about (ambiguous name, split ward, old district); or none, with close names. */
export type PlaceMatch<T> =
  | { kind: "one"; value: T; via?: OldNameHint }
  | { kind: "several"; candidates: Candidate<T>[] }
  | { kind: "none"; suggestions: T[] };

const PROVINCE_PREFIXES = ["thanh pho", "tinh", "tp", "t p"];
const COMMUNE_PREFIXES = ["thi tran", "dac khu", "phuong", "xa", "tt", "p", "x"];
const DISTRICT_PREFIXES = ["thanh pho", "thi xa", "huyen", "quan", "tp", "tx", "h", "q"];
const MAX_CANDIDATES = 12;
const MAX_INPUT = 120;

// Common ways of writing a few provinces that no prefix rule finds.
const PROVINCE_ALIASES: Record<string, string> = {
  hcm: "79",
  tphcm: "79",
  "sai gon": "79",
  saigon: "79",
  sg: "79",
  hn: "01",
  "hue": "46",
};

/** Matching form: folded, punctuation as spaces, single spaces. */
export function placeKey(text: string): string {
  return foldText(text.slice(0, MAX_INPUT))
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function stripPrefix(key: string, prefixes: readonly string[]): string {
  for (const p of prefixes) if (key.startsWith(`${p} `) && key.length > p.length + 1) return key.slice(p.length + 1);
  return key;
}

// "phuong 1" keeps its prefix when the rest is a number: "1" alone means nothing.
const bare = (key: string, prefixes: readonly string[]) => {
  const s = stripPrefix(key, prefixes);
  return /^\d+$/.test(s) ? key : s;
};

interface Index {
  provinces: Province[];
  provinceByCode: Map<string, Province>;
  provinceKeys: Map<string, string[]>;
  communes: Commune[];
  communeByCode: Map<string, Commune>;
  /** bare key (and full key) → commune codes */
  communeKeys: Map<string, string[]>;
  /** bare key → [old ward full name, targets] */
  wardKeys: Map<string, { name: string; newProvinces: Set<string>; targets: [string, "f" | "p"][] }[]>;
  /** bare key → [old district full name, new commune codes it went into] */
  districtKeys: Map<string, { name: string; targets: string[] }[]>;
  /** old province bare key → new province codes */
  oldProvinceKeys: Map<string, { name: string; targets: string[] }[]>;
}

let shared: Index | undefined;

function push<V>(map: Map<string, V[]>, key: string, v: V) {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

function keysOf(name: string, prefixes: readonly string[]): string[] {
  const full = placeKey(name);
  const b = bare(full, prefixes);
  const out = new Set([full, b, b.replace(/ /g, "")]);
  return [...out];
}

function build(): Index {
  const provinces = ADMIN_UNITS.provinces.map(([code, name]) => ({ code, name }));
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const provinceKeys = new Map<string, string[]>();
  for (const p of provinces) for (const k of keysOf(p.name, PROVINCE_PREFIXES)) push(provinceKeys, k, p.code);
  for (const [alias, code] of Object.entries(PROVINCE_ALIASES)) push(provinceKeys, alias, code);
  // "Hồ Chí Minh" without "thành phố" is the bare key already; "tp ho chi minh" strips to it.
  const communes: Commune[] = ADMIN_UNITS.communes.map(([code, name, provinceCode]) => ({ code, name, provinceCode, provinceName: provinceByCode.get(provinceCode)?.name ?? "" }));
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const communeKeys = new Map<string, string[]>();
  for (const c of communes) for (const k of keysOf(c.name, COMMUNE_PREFIXES)) push(communeKeys, k, c.code);

  const wardKeys: Index["wardKeys"] = new Map();
  const byDistrict = new Map<string, Set<string>>();
  for (const [, name, districtCode, targets] of ADMIN_UNITS.old_wards) {
    const newProvinces = new Set(targets.map(([t]) => communeByCode.get(t)?.provinceCode ?? ""));
    const entry = { name, newProvinces, targets };
    for (const k of keysOf(name, COMMUNE_PREFIXES)) push(wardKeys, k, entry);
    const set = byDistrict.get(districtCode) ?? new Set<string>();
    for (const [t] of targets) set.add(t);
    byDistrict.set(districtCode, set);
  }
  const districtKeys: Index["districtKeys"] = new Map();
  for (const [code, name, , direct] of ADMIN_UNITS.old_districts) {
    const targets = [...(byDistrict.get(code) ?? []), ...(direct ?? []).map(([t]) => t)];
    const entry = { name, targets: [...new Set(targets)] };
    for (const k of keysOf(name, DISTRICT_PREFIXES)) push(districtKeys, k, entry);
  }
  const oldProvinceKeys: Index["oldProvinceKeys"] = new Map();
  for (const [, name, targets] of ADMIN_UNITS.old_provinces) for (const k of keysOf(name, PROVINCE_PREFIXES)) push(oldProvinceKeys, k, { name, targets });
  return { provinces, provinceByCode, provinceKeys, communes, communeByCode, communeKeys, wardKeys, districtKeys, oldProvinceKeys };
}

function index(): Index {
  shared ??= build();
  return shared;
}

/** The new province with this GSO code. */
export function provinceByCode(code: string): Province | undefined {
  return index().provinceByCode.get(code);
}

/** The new commune with this GSO code. */
export function communeByCode(code: string): Commune | undefined {
  return index().communeByCode.get(code);
}

/** The 34 provinces, in the dataset's order. */
export function allProvinces(): readonly Province[] {
  return index().provinces;
}

/** Levenshtein distance, stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

function closest<T>(query: string, items: readonly T[], keyOf: (t: T) => string, limit = 5): T[] {
  if (query.length < 2) return [];
  const max = query.length <= 4 ? 1 : 2;
  const scored: { t: T; d: number }[] = [];
  for (const t of items) {
    const k = keyOf(t);
    const d = k.startsWith(query) || (query.length >= 3 && k.includes(query)) ? 0 : distance(query, k, max);
    if (d <= max) scored.push({ t, d });
  }
  return scored
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map((s) => s.t);
}

const provinceBare = (p: Province) => bare(placeKey(p.name), PROVINCE_PREFIXES);
const communeBare = (c: Commune) => bare(placeKey(c.name), COMMUNE_PREFIXES);

/** The new province a buyer means: "lai chau", "tp hcm", "ha noi", or an old one ("ha giang" → Tuyên Quang). */
export function findProvince(text: string): PlaceMatch<Province> {
  const ix = index();
  const key = placeKey(text);
  if (!key) return { kind: "none", suggestions: [] };
  const tries = [key, bare(key, PROVINCE_PREFIXES), bare(key, PROVINCE_PREFIXES).replace(/ /g, "")];
  for (const k of tries) {
    const codes = [...new Set(ix.provinceKeys.get(k) ?? [])];
    if (codes.length === 1) return { kind: "one", value: ix.provinceByCode.get(codes[0] ?? "") as Province };
    if (codes.length > 1) return { kind: "several", candidates: codes.map((c) => ({ value: ix.provinceByCode.get(c) as Province })) };
  }
  for (const k of tries) {
    const olds = ix.oldProvinceKeys.get(k) ?? [];
    const targets = [...new Set(olds.flatMap((o) => o.targets))];
    const via = olds[0] ? { kind: "province" as const, name: olds[0].name, part: false } : undefined;
    if (targets.length === 1) return { kind: "one", value: ix.provinceByCode.get(targets[0] ?? "") as Province, via };
    if (targets.length > 1) return { kind: "several", candidates: targets.map((c) => ({ value: ix.provinceByCode.get(c) as Province, via })) };
  }
  const b = bare(key, PROVINCE_PREFIXES);
  const near = closest(b, ix.provinces, provinceBare);
  // One province that starts with what was typed ("lai") is the answer; a typo is only suggested.
  const starts = ix.provinces.filter((p) => b.length >= 3 && provinceBare(p).startsWith(b));
  if (starts.length === 1 && starts[0]) return { kind: "one", value: starts[0] };
  return { kind: "none", suggestions: near };
}

/**
 * The new commune a buyer means, within a province when one is given: its 2025 name ("muong than",
 * "xa Muong Than", "phuong 1"), an old ward's name (mapped to the commune it went into; several when
 * it was split), or an old district's name (the communes that took its wards, to pick from).
 */
export function findCommune(text: string, provinceCode?: string): PlaceMatch<Commune> {
  const ix = index();
  // "xã Mường Than, huyện Than Uyên": the first part names the commune.
  const first = text.split(/[,;\n]/)[0] ?? "";
  const key = placeKey(first);
  if (!key) return { kind: "none", suggestions: [] };
  const inProvince = (code: string) => !provinceCode || ix.communeByCode.get(code)?.provinceCode === provinceCode;
  const communeTyped = COMMUNE_PREFIXES.some((p) => key.startsWith(`${p} `));
  const districtTyped = DISTRICT_PREFIXES.some((p) => key.startsWith(`${p} `)) && !communeTyped;
  const cBare = bare(key, COMMUNE_PREFIXES);
  const tries = [...new Set([key, cBare, cBare.replace(/ /g, "")])];

  const found = new Map<string, Candidate<Commune>>();
  const add = (code: string, via?: OldNameHint) => {
    const commune = ix.communeByCode.get(code);
    if (commune && inProvince(code) && !found.has(code)) found.set(code, via ? { value: commune, via } : { value: commune });
  };
  if (!districtTyped) {
    for (const k of tries) for (const code of ix.communeKeys.get(k) ?? []) add(code);
    for (const k of tries)
      for (const w of ix.wardKeys.get(k) ?? []) {
        if (provinceCode && !w.newProvinces.has(provinceCode)) continue;
        for (const [code, kind] of w.targets) add(code, { kind: "ward", name: w.name, part: kind === "p" });
      }
  }
  // An old district ("Than Uyên"): the communes that took its wards, after any commune of that name;
  // not when the buyer said "xã …".
  if (!communeTyped) {
    const dBare = bare(key, DISTRICT_PREFIXES);
    for (const k of new Set([key, dBare, dBare.replace(/ /g, "")]))
      for (const d of ix.districtKeys.get(k) ?? []) for (const code of d.targets) add(code, { kind: "district", name: d.name, part: false });
  }
  // An old ward of the same name that went wholly into the same commune adds nothing to ask about.
  if (found.size === 1) {
    const [only] = found.values();
    if (only) return { kind: "one", value: only.value, ...(only.via ? { via: only.via } : {}) };
  }
  if (found.size > 0) return { kind: "several", candidates: [...found.values()].slice(0, MAX_CANDIDATES) };
  const pool = provinceCode ? ix.communes.filter((c) => c.provinceCode === provinceCode) : ix.communes;
  return { kind: "none", suggestions: closest(cBare, pool, communeBare) };
}
