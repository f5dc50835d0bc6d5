// IP addresses and CIDR ranges, parsed by hand so this stays runtime-free (no node:net on Workers).

/** An address as a number: IPv4 in 32 bits, IPv6 in 128. An IPv4-mapped IPv6 address reads as IPv4. */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

/** A CIDR range such as 10.0.0.0/8 or 2001:db8::/32 (host bits cleared). */
export interface IpRange {
  version: 4 | 6;
  network: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;
const MAPPED_V4 = 0xffffn << 32n;

function parseV4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // No leading zeros: "010" is octal to some parsers and decimal to others.
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): bigint[] | undefined => {
    if (half === "") return [];
    const out: bigint[] = [];
    const pieces = half.split(":");
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseV4(piece);
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else {
        if (!/^[0-9a-f]{1,4}$/i.test(piece)) return undefined;
        out.push(BigInt(`0x${piece}`));
      }
    }
    return out;
  };
  const head = groups(halves[0] ?? "");
  const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const g of [...head, ...Array<bigint>(Math.max(missing, 0)).fill(0n), ...tail]) value = (value << 16n) | g;
  return value;
}

/** Reads an address ("203.0.113.7", "2001:db8::1", "::ffff:203.0.113.7", "fe80::1%eth0"), or undefined. */
export function parseIp(text: string): IpAddress | undefined {
  const t = text.trim();
  if (t.length === 0 || t.length > 64) return undefined;
  if (!t.includes(":")) {
    const v4 = parseV4(t);
    return v4 === undefined ? undefined : { version: 4, value: v4 };
  }
  const v6 = parseV6(t.replace(/%[\w.-]+$/, ""));
  if (v6 === undefined) return undefined;
  return v6 >> 32n === 0xffffn ? { version: 4, value: v6 & 0xffffffffn } : { version: 6, value: v6 };
}

/**
 * Reads one hop of a forwarding header, which proxies may write with a port or in brackets:
 * "203.0.113.7:4711", "[2001:db8::1]:443", "[2001:db8::1]".
 */
export function parseHop(text: string): IpAddress | undefined {
  const t = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(t);
  if (bracketed?.[1]) return parseIp(bracketed[1]);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(t);
  return parseIp(v4WithPort?.[1] ?? t);
}

/** The usual text of an address: dotted IPv4, or lower-case IPv6 with the longest zero run as "::" (RFC 5952). */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len && j - i >= 2) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(":");
  return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.len).join(":")}`;
}

/** Reads "10.0.0.0/8", "2001:db8::/32" or a single address (a /32 or /128), or undefined. */
export function parseCidr(text: string): IpRange | undefined {
  const [addressText = "", prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0) return undefined;
  const written = parseIp(addressText);
  if (!written) return undefined;
  // "::ffff:10.0.0.0/104" is read as 10.0.0.0/8, as parseIp reads the addresses it covers.
  const mapped = written.version === 4 && addressText.includes(":");
  const bits = mapped ? 128 : BITS[written.version];
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  let prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  let version = written.version;
  let value = written.value;
  if (mapped) {
    if (prefix < 96) {
      // Wider than the mapped block: an IPv6 range that also covers non-mapped addresses.
      version = 6;
      value = MAPPED_V4 | written.value;
    } else prefix -= 96;
  }
  const host = BigInt(BITS[version] - prefix);
  return { version, network: (value >> host) << host, prefix };
}

/** Whether a range holds an address. */
export function rangeHas(range: IpRange, ip: IpAddress): boolean {
  if (range.version !== ip.version) return false;
  const host = BigInt(BITS[ip.version] - range.prefix);
  return ip.value >> host === range.network >> host;
}

/** The text of a range, e.g. "10.0.0.0/8". */
export function formatRange(range: IpRange): string {
  return `${formatIp({ version: range.version, value: range.network })}/${range.prefix}`;
}

/**
 * The key a per-address limit counts under: the address itself for IPv4, its /64 for IPv6, since
 * one subscriber (a phone, a home line) is usually given a whole /64 and can pick any address in it.
 */
export function addressKey(address: string): string {
  const ip = parseIp(address);
  if (!ip) return address.slice(0, 64);
  if (ip.version === 4) return formatIp(ip);
  return `${formatRange({ version: 6, network: (ip.value >> 64n) << 64n, prefix: 64 })}`;
}
