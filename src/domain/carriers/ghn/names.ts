// Matching place names the way GHN's master data spells them: folded (no diacritics, đ → d), no
// punctuation or spaces, leading zeros dropped ("Phường 01" = "Phường 1"), and the unit's type word
// split off ("Huyện", "H.", "Thị trấn", "TT"…), so "Huyện Si Ma Cai", "H. Si Ma Cai" and "simacai"
// meet. GHN's NameExtension lists such variants; both sides go through the same keys.
import { foldText } from "../../../text/normalize";

// Longest first, so "thi tran" wins over "thi".
const TYPES: [RegExp, string][] = [
  [/^(thanh pho|tp)\b\.?/, "thanhpho"],
  [/^(thi tran|tt)\b\.?/, "thitran"],
  [/^(thi xa|tx)\b\.?/, "thixa"],
  [/^(tinh)\b/, "tinh"],
  [/^(quan|q)\b\.?/, "quan"],
  [/^(huyen|h)\b\.?/, "huyen"],
  [/^(phuong|p)\b\.?/, "phuong"],
  [/^(xa|x)\b\.?/, "xa"],
  [/^(dac khu)\b/, "dackhu"],
];

export interface NameKeys {
  /** Type word and name ("thitran:simacai"); the type is "" when the name has none. */
  full: string;
  /** The name alone ("simacai"). */
  bare: string;
}

export function nameKeys(name: string): NameKeys {
  let s = foldText(name).replace(/[.,;:'’"()_/-]+/g, " ").replace(/\s+/g, " ").trim();
  let type = "";
  for (const [re, canonical] of TYPES) {
    const m = re.exec(s);
    // A bare number is a name ("Quận 1"), a type word alone is not stripped to nothing.
    if (m && s.length > m[0].length) {
      type = canonical;
      s = s.slice(m[0].length).trim();
      break;
    }
  }
  const bare = s.replace(/\b0+(\d)/g, "$1").replace(/\s+/g, "");
  return { full: `${type}:${bare}`, bare };
}

/** The index of the one candidate named like `wanted`: a full match first, else a single bare match. */
export function matchName<T>(wanted: string, candidates: readonly T[], namesOf: (c: T) => string[]): T | undefined {
  const want = nameKeys(wanted);
  const keyed = candidates.map((c) => ({ c, keys: namesOf(c).map(nameKeys) }));
  const full = keyed.filter((k) => k.keys.some((x) => x.full === want.full));
  if (full.length >= 1) return full[0]!.c;
  const bare = keyed.filter((k) => k.keys.some((x) => x.bare === want.bare || x.full === `:${want.bare}`));
  if (bare.length === 1) return bare[0]!.c;
  // Several of one bare name ("Xã Si Ma Cai" and "Thị trấn Si Ma Cai") and none of our type: no guess.
  return undefined;
}
