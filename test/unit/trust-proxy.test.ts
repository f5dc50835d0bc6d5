import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { CLOUDFLARE_RANGES } from "../../src/http/cloudflare-ranges";
import { addressKey, formatIp, formatRange, parseCidr, parseHop, parseIp, rangeHas } from "../../src/http/ip-address";
import { parseTrustProxy, resolveClientAddress, TRUST_NONE, type TrustProxy } from "../../src/http/trust-proxy";

// Issue 18, item 3: whose client-address headers are believed (TRUST_PROXY), as pure functions.

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`not an address: ${text}`);
  return parsed;
};
const trust = (text: string): TrustProxy => {
  const parsed = parseTrustProxy(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};
const from = (peer: string | undefined, headers: Record<string, string> = {}, onWorkers = false) => ({
  peer,
  onWorkers,
  header: (name: string) => headers[name.toLowerCase()],
});

describe("IP addresses and CIDRs", () => {
  it("reads and writes IPv4 and IPv6 the usual way, IPv4-mapped IPv6 as IPv4", () => {
    expect(formatIp(ip("203.0.113.7"))).toBe("203.0.113.7");
    expect(formatIp(ip("::ffff:203.0.113.7"))).toBe("203.0.113.7");
    expect(formatIp(ip("::FFFF:cb00:7107"))).toBe("203.0.113.7");
    expect(formatIp(ip("2001:DB8:0:0:0:0:0:1"))).toBe("2001:db8::1");
    expect(formatIp(ip("2001:db8:0:1:0:0:0:1"))).toBe("2001:db8:0:1::1");
    expect(formatIp(ip("::1"))).toBe("::1");
    expect(formatIp(ip("::"))).toBe("::");
    expect(formatIp(ip("fe80::1%eth0"))).toBe("fe80::1");
    expect(formatIp(ip("64:ff9b::192.0.2.33"))).toBe("64:ff9b::c000:221");
    for (const bad of ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "::g", "evil.example", "1.2.3.4/8"]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it("reads forwarding hops written with ports or brackets", () => {
    expect(formatIp(parseHop("203.0.113.7:4711") ?? ip("0.0.0.0"))).toBe("203.0.113.7");
    expect(formatIp(parseHop("[2001:db8::1]:443") ?? ip("0.0.0.0"))).toBe("2001:db8::1");
    expect(formatIp(parseHop(" [2001:db8::1] ") ?? ip("0.0.0.0"))).toBe("2001:db8::1");
    expect(parseHop("unknown")).toBeUndefined();
    expect(parseHop("_hidden")).toBeUndefined();
  });

  it("matches CIDR ranges of both families, host bits ignored", () => {
    const ten = parseCidr("10.0.0.0/8");
    const doc6 = parseCidr("2001:DB8::/32");
    expect(ten && formatRange(ten)).toBe("10.0.0.0/8");
    expect(ten && rangeHas(ten, ip("10.200.3.4"))).toBe(true);
    expect(ten && rangeHas(ten, ip("11.0.0.1"))).toBe(false);
    expect(ten && rangeHas(ten, ip("::ffff:10.1.2.3"))).toBe(true);
    expect(doc6 && rangeHas(doc6, ip("2001:db8:ffff::1"))).toBe(true);
    expect(doc6 && rangeHas(doc6, ip("2001:db9::1"))).toBe(false);
    expect(doc6 && rangeHas(doc6, ip("10.0.0.1"))).toBe(false);
    expect(formatRange(parseCidr("192.168.1.77/24") ?? { version: 4, network: 0n, prefix: 0 })).toBe("192.168.1.0/24");
    expect(formatRange(parseCidr("::ffff:10.0.0.0/104") ?? { version: 4, network: 0n, prefix: 0 })).toBe("10.0.0.0/8");
    expect(formatRange(parseCidr("203.0.113.9") ?? { version: 4, network: 0n, prefix: 0 })).toBe("203.0.113.9/32");
    for (const bad of ["10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/-1", "/8", "ten/8"]) expect(parseCidr(bad), bad).toBeUndefined();
  });

  it("counts IPv6 clients per /64, IPv4 per address", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(addressKey("unknown")).toBe("unknown");
  });

  it("every line of the Cloudflare list is a CIDR, and it covers both families", () => {
    const ranges = CLOUDFLARE_RANGES.map((r) => parseCidr(r));
    expect(ranges.every(Boolean)).toBe(true);
    expect(new Set(ranges.map((r) => r?.version))).toEqual(new Set([4, 6]));
    expect(ranges.map((r) => r && formatRange(r))).toEqual([...CLOUDFLARE_RANGES]);
  });
});

describe("TRUST_PROXY", () => {
  it("is none by default; takes loopback, cloudflare and CIDRs, alone or together", () => {
    const none = loadConfig({});
    expect(none.ok && none.value.TRUST_PROXY.ranges).toEqual([]);
    expect(trust("none").ranges).toEqual([]);
    expect(trust("loopback").ranges.map(formatRange)).toEqual(["127.0.0.0/8", "::1/128"]);
    expect(trust("cloudflare").ranges).toHaveLength(CLOUDFLARE_RANGES.length);
    expect(trust(" 10.0.0.0/8 , fd00::/8,loopback").ranges.map(formatRange)).toEqual(["10.0.0.0/8", "fd00::/8", "127.0.0.0/8", "::1/128"]);
  });

  it("a wrong value stops the start with one line naming the variable", () => {
    for (const bad of ["yes", "10.0.0.0/33", "loopback,nginx", "none,loopback", "*"]) {
      const config = loadConfig({ TRUST_PROXY: bad });
      expect(config.ok, bad).toBe(false);
      if (!config.ok) {
        expect(config.reason.split("\n")).toHaveLength(1);
        expect(config.reason).toMatch(/^TRUST_PROXY: must be none, loopback, cloudflare or a comma-separated list of CIDRs/);
      }
    }
  });
});

describe("whose address a request is from", () => {
  it("with none, the socket's peer whatever the headers say", () => {
    const headers = { "x-forwarded-for": "198.51.100.1", "cf-connecting-ip": "198.51.100.2", "x-real-ip": "198.51.100.3" };
    expect(resolveClientAddress(from("203.0.113.9", headers), TRUST_NONE)).toBe("203.0.113.9");
    expect(resolveClientAddress(from("::ffff:127.0.0.1", headers), TRUST_NONE)).toBe("127.0.0.1");
    expect(resolveClientAddress(from("172.64.1.1", headers), TRUST_NONE)).toBe("172.64.1.1");
    expect(resolveClientAddress(from(undefined, headers), TRUST_NONE)).toBe("unknown");
  });

  it("behind a trusted proxy, the right-most X-Forwarded-For entry not in the trusted set", () => {
    const t = trust("loopback,10.0.0.0/8");
    const xff = (value: string) => resolveClientAddress(from("127.0.0.1", { "x-forwarded-for": value }), t);
    expect(xff("203.0.113.5")).toBe("203.0.113.5");
    // A client writes its own first entries; nginx appends the address it saw.
    expect(xff("1.1.1.1, 8.8.8.8, 203.0.113.5")).toBe("203.0.113.5");
    expect(xff("1.1.1.1, 203.0.113.5, 10.1.2.3")).toBe("203.0.113.5");
    expect(xff("203.0.113.5:5555, [::1]:80")).toBe("203.0.113.5");
    // All trusted: the farthest proxy; garbage: the proxy that passed it on.
    expect(xff("10.0.0.2, 10.0.0.3")).toBe("10.0.0.2");
    expect(xff("203.0.113.5, not-an-address, 10.0.0.3")).toBe("10.0.0.3");
    // From an untrusted peer the header means nothing.
    expect(resolveClientAddress(from("198.51.100.77", { "x-forwarded-for": "203.0.113.5" }), t)).toBe("198.51.100.77");
    // X-Real-IP only from a trusted proxy and only without X-Forwarded-For.
    expect(resolveClientAddress(from("127.0.0.1", { "x-real-ip": "203.0.113.6" }), t)).toBe("203.0.113.6");
    expect(resolveClientAddress(from("127.0.0.1"), t)).toBe("127.0.0.1");
  });

  it("CF-Connecting-IP only from Cloudflare's ranges (with cloudflare trusted), or on Workers", () => {
    const cf = trust("cloudflare");
    const headers = { "cf-connecting-ip": "203.0.113.8", "x-forwarded-for": "1.2.3.4, 203.0.113.8" };
    expect(resolveClientAddress(from("172.64.10.20", headers), cf)).toBe("203.0.113.8");
    expect(resolveClientAddress(from("2606:4700::1", headers), cf)).toBe("203.0.113.8");
    expect(resolveClientAddress(from("198.51.100.7", headers), cf)).toBe("198.51.100.7");
    // A proxy on loopback that is not Cloudflare: its CF-Connecting-IP is not believed, X-Forwarded-For is.
    expect(resolveClientAddress(from("127.0.0.1", { "cf-connecting-ip": "9.9.9.9", "x-forwarded-for": "203.0.113.8" }), trust("loopback"))).toBe("203.0.113.8");
    // Cloudflare in front of nginx on this machine: Cloudflare appended the client, nginx the edge.
    expect(resolveClientAddress(from("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 203.0.113.8, 172.64.10.20" }), trust("loopback,cloudflare"))).toBe("203.0.113.8");
    // Workers: Cloudflare itself writes the header; nothing else counts.
    expect(resolveClientAddress(from(undefined, headers, true), TRUST_NONE)).toBe("203.0.113.8");
    expect(resolveClientAddress(from(undefined, { "x-forwarded-for": "1.2.3.4" }, true), TRUST_NONE)).toBe("unknown");
  });
});
