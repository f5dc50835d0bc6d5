import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { BANKS } from "../../src/domain/payments/banks";
import { qrMatrix, qrPng, qrSvg } from "../../src/domain/payments/qr-image";
import { buildVietQrPayload } from "../../src/domain/payments/vietqr";
import { decodeVietQr } from "../../src/domain/payments/vietqr-decode";

const VECTOR_A =
  "00020101021238570010A00000072701270006970436011300110019324180208QRIBFTTA53037045405450005802VN62120808CC7K2M9Q6304ABEE";
// The longest payload our builder can make: 19-character account, 13-digit amount, 25-character memo.
const LONGEST = (() => {
  const r = buildVietQrPayload({ bin: "970422", account: "VQRQABRLS0448ABCDEF", amount: 9_999_999_999_999, memo: "Chuyen tien don CC7K2M9QX" });
  if (!r.ok) throw new Error(`could not build the long payload: ${r.reason}`);
  return r.value;
})();

/** Reads a PNG the way a test phone would: pngjs to RGBA, then jsQR. */
function scanPng(png: Uint8Array): { text: string | null; width: number; height: number } {
  const image = PNG.sync.read(Buffer.from(png));
  const rgba = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return { text: jsQR(rgba, image.width, image.height)?.data ?? null, width: image.width, height: image.height };
}

// A small deterministic generator, so a failing case can be reproduced.
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((s / 2 ** 31) * n);
  };
}

describe("qrMatrix", () => {
  it("encodes a short text as version 1 or 2", () => {
    expect([21, 25]).toContain(qrMatrix("hello").size);
  });

  it("has the three finder patterns and is light outside the grid", () => {
    const m = qrMatrix(VECTOR_A);
    for (const [r, c] of [[0, 0], [0, m.size - 1], [m.size - 1, 0]] as const) expect(m.isDark(r, c)).toBe(true);
    expect(m.isDark(7, 7)).toBe(false); // the separator beside the top-left finder
    expect(m.isDark(-1, 0)).toBe(false);
    expect(m.isDark(0, m.size)).toBe(false);
  });
});

describe("qrPng", () => {
  it.each([
    ["vector (a)", VECTOR_A],
    ["the longest payload", LONGEST],
  ])("%s scans back to the exact payload", async (_name, payload) => {
    const png = await qrPng(payload);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const scanned = scanPng(png);
    expect(scanned.text).toBe(payload);
    expect(scanned.width).toBe(scanned.height);
    expect(scanned.width).toBeGreaterThanOrEqual(400);
  });

  it("sizes the image as (modules + 2 × margin) × scale", async () => {
    const size = qrMatrix(VECTOR_A).size;
    const { width } = scanPng(await qrPng(VECTOR_A, { scale: 3, margin: 2 }));
    expect(width).toBe((size + 4) * 3);
  });

  it("still scans at 1 px per module, where rows do not fill whole bytes", async () => {
    const { text, width } = scanPng(await qrPng(VECTOR_A, { scale: 1 }));
    expect(width % 8).not.toBe(0);
    expect(text).toBe(VECTOR_A);
  });

  it.each([{ scale: 0 }, { scale: 1.5 }, { margin: -1 }, { scale: Number.NaN }])("throws RangeError for %j", async (opts) => {
    await expect(qrPng(VECTOR_A, opts)).rejects.toThrow(RangeError);
  });
});

describe("qrSvg", () => {
  it("is one crisp path on a white background with a viewBox", () => {
    const size = qrMatrix(VECTOR_A).size;
    const svg = qrSvg(VECTOR_A);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(`viewBox="0 0 ${size + 8} ${size + 8}"`);
    expect(svg).toContain('shape-rendering="crispEdges"');
    expect(svg).toContain('fill="#fff"');
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).not.toContain("<title>");
  });

  it("draws exactly the dark modules", () => {
    const m = qrMatrix("hello");
    const svg = qrSvg("hello", { margin: 0 });
    const d = /d="([^"]+)"/.exec(svg)?.[1] ?? "";
    const dark = new Set<string>();
    for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let i = 0; i < Number(w); i++) dark.add(`${y},${Number(x) + i}`);
    }
    let expected = 0;
    for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.isDark(r, c)) {
      expected++;
      expect(dark.has(`${r},${c}`)).toBe(true);
    }
    expect(dark.size).toBe(expected);
  });

  it("escapes the title", () => {
    const svg = qrSvg(VECTOR_A, { title: `Pay <b>"A&B"</b>` });
    expect(svg).toContain("<title>Pay &#60;b&#62;&#34;A&#38;B&#34;&#60;/b&#62;</title>");
    expect(svg).not.toContain("<b>");
  });
});

describe("random VietQR payloads", () => {
  const next = rng(20260101);
  const alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const memoWords = ["Chuyển", "tiền", "đơn", "hàng", "CC7K2M9Q", "Ủng", "hộ", "phở", "ĐẶT", "bánh", "#12", "x"];
  const cases = Array.from({ length: 30 }, (_, i) => {
    const bank = BANKS[next(BANKS.length)]!;
    const account = Array.from({ length: 6 + next(14) }, () => alnum[next(i % 3 === 0 ? alnum.length : 10)]).join("");
    const amount = next(4) === 0 ? undefined : 1 + next(50_000_000);
    let memo = Array.from({ length: next(5) }, () => memoWords[next(memoWords.length)]).join(" ");
    if (memo.length > 25) memo = memo.slice(0, 25);
    return { i, name: `#${i}`, bin: bank.bin, shortName: bank.shortName, account, amount, memo };
  });

  it.each(cases)("case $name round-trips through decodeVietQr", async ({ i, bin, shortName, account, amount, memo }) => {
    const built = buildVietQrPayload({ bin, account, memo, ...(amount === undefined ? {} : { amount }) });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const payload = built.value;
    const folded = memo.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9 ]/g, "").replace(/ +/g, " ").trim();
    expect(decodeVietQr(payload)).toEqual({
      ok: true,
      value: { bin, account, service: "QRIBFTTA", amount: amount ?? null, memo: folded || null, dynamic: amount !== undefined, bankShortName: shortName },
    });
    if (i % 6 === 0) expect(scanPng(await qrPng(payload)).text).toBe(payload);
  });
});
