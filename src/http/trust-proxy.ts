import { fail, ok, type Result } from "../result";
import { CLOUDFLARE_RANGES } from "./cloudflare-ranges";
import { formatIp, parseCidr, parseHop, parseIp, rangeHas, type IpAddress, type IpRange } from "./ip-address";

/** Whose client-address headers are believed (TRUST_PROXY): the proxies in front of this server. */
export interface TrustProxy {
  /** The addresses of trusted proxies; a request from anywhere else is taken at its socket's word. */
  ranges: IpRange[];
  /** The setting as written, for the start-up log. */
  text: string;
}

const LOOPBACK = ["127.0.0.0/8", "::1/128"].map((r) => parseCidr(r) as IpRange);
const CLOUDFLARE = CLOUDFLARE_RANGES.map((r) => parseCidr(r) as IpRange);

/** Whether an address is this machine's (127.0.0.0/8, ::1, or IPv4-mapped loopback). */
export function isLoopbackAddress(address: string): boolean {
  const ip = parseIp(address);
  return !!ip && LOOPBACK.some((r) => rangeHas(r, ip));
}

export const TRUST_NONE: TrustProxy = { ranges: [], text: "none" };

/**
 * Reads TRUST_PROXY: `none`, or a comma-separated list of `loopback` (a proxy on this machine),
 * `cloudflare` (Cloudflare's published ranges) and CIDRs (`10.0.0.0/8`, `2001:db8::/32`).
 */
export function parseTrustProxy(value: string): Result<TrustProxy, string> {
  const words = value
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 0 || (words.length === 1 && words[0]?.toLowerCase() === "none")) return ok(TRUST_NONE);
  const ranges: IpRange[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower === "loopback") ranges.push(...LOOPBACK);
    else if (lower === "cloudflare") ranges.push(...CLOUDFLARE);
    else {
      const range = parseCidr(word);
      if (!range) return fail(`must be none, loopback, cloudflare or a comma-separated list of CIDRs such as 10.0.0.0/8,2001:db8::/32 ("${word.slice(0, 60)}" is none of these)`);
      ranges.push(range);
    }
  }
  return ok({ ranges, text: words.join(",") });
}

/** What a request shows about where it came from. */
export interface RequestOrigin {
  /** The socket's peer (Node); absent on Workers and for in-process requests. */
  peer?: string;
  /** On Cloudflare Workers: Cloudflare itself writes CF-Connecting-IP there. */
  onWorkers: boolean;
  header(name: string): string | undefined;
}

const isTrusted = (trust: TrustProxy, ip: IpAddress) => trust.ranges.some((r) => rangeHas(r, ip));
const isCloudflare = (ip: IpAddress) => CLOUDFLARE.some((r) => rangeHas(r, ip));

/**
 * The client's address. A peer outside the trusted set is the client, whatever its headers say.
 * From a trusted peer: CF-Connecting-IP when that peer is Cloudflare's, else X-Forwarded-For read
 * from the right (each proxy appends the address it saw, so only the right end is written by
 * proxies we trust): the right-most entry not in the trusted set. Without the header, X-Real-IP.
 * "unknown" when there is no peer at all (nothing can be believed then).
 */
export function resolveClientAddress(origin: RequestOrigin, trust: TrustProxy): string {
  if (origin.onWorkers) {
    const cf = parseIp(origin.header("cf-connecting-ip") ?? "");
    return cf ? formatIp(cf) : "unknown";
  }
  const peer = parseIp(origin.peer ?? "");
  if (!peer) return "unknown";
  if (!isTrusted(trust, peer)) return formatIp(peer);
  if (isCloudflare(peer)) {
    const cf = parseIp(origin.header("cf-connecting-ip") ?? "");
    if (cf) return formatIp(cf);
  }
  const hops = (origin.header("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.length === 0) {
    const real = parseIp(origin.header("x-real-ip") ?? "");
    return formatIp(real ?? peer);
  }
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0 && i >= hops.length - 20; i--) {
    const hop = parseHop(hops[i] ?? "");
    // A hop that is not an address was not written by a proxy we trust: the one that passed it on
    // (the nearest trusted hop) is all we know.
    if (!hop) return formatIp(nearest);
    if (!isTrusted(trust, hop)) return formatIp(hop);
    nearest = hop;
  }
  return formatIp(nearest);
}
