import { create } from "qrcode/lib/core/qrcode.js";
import { concatBytes } from "../../platform/bytes";

// Renders a QR code as SVG or PNG with Web-standard APIs only, so the same code runs on Node and Workers.
// Only qrcode's pure encoder is imported: its main entry needs fs and pngjs.

/** A QR symbol's module grid; isDark is false outside the grid, which makes the quiet zone free. */
export type QrMatrix = { size: number; isDark(row: number, col: number): boolean };

/** Encodes text as a QR symbol at error-correction level M (the usual trade-off for on-screen payment QRs). */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  const { size, data } = modules;
  return {
    size,
    isDark: (row, col) => row >= 0 && col >= 0 && row < size && col < size && data[row * size + col] === 1,
  };
}

// The standard asks for a 4-module light border, without which many phone scanners fail.
const DEFAULT_MARGIN = 4;
// 10 px per module keeps a typical VietQR (41–45 modules + border) above 400 px, scannable off another screen.
const DEFAULT_SCALE = 10;

/** The QR code as a compact SVG: one path of horizontal runs on a white background, scalable through its viewBox. */
export function qrSvg(text: string, opts: { margin?: number; title?: string } = {}): string {
  const margin = checkInteger("margin", opts.margin ?? DEFAULT_MARGIN, 0);
  const { size, isDark } = qrMatrix(text);
  const side = size + 2 * margin;
  let d = "";
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; ) {
      if (!isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (isDark(row, col)) col++;
      const run = col - start;
      d += `M${start + margin} ${row + margin}h${run}v1h-${run}z`;
    }
  }
  const title = opts.title === undefined ? "" : `<title>${escapeXml(opts.title)}</title>`;
  const px = side * DEFAULT_SCALE;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${px}" height="${px}" shape-rendering="crispEdges">` +
    `${title}<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}

/** The QR code as a 1-bit grayscale PNG, scale px per module (default 10) with a margin-module border (default 4). */
export async function qrPng(text: string, opts: { scale?: number; margin?: number } = {}): Promise<Uint8Array> {
  const scale = checkInteger("scale", opts.scale ?? DEFAULT_SCALE, 1);
  const margin = checkInteger("margin", opts.margin ?? DEFAULT_MARGIN, 0);
  const { size, isDark } = qrMatrix(text);
  const width = (size + 2 * margin) * scale;
  const rowBytes = 1 + Math.ceil(width / 8); // filter-type byte, then 8 pixels per byte, MSB first

  // Every scanline starts white (bit = 1); each module row is drawn once and copied scale times.
  const raw = new Uint8Array(rowBytes * width).fill(0xff);
  for (let y = 0; y < width; y++) raw[y * rowBytes] = 0; // filter "None"
  for (let row = 0; row < size; row++) {
    const first = (row + margin) * scale * rowBytes;
    for (let col = 0; col < size; col++) {
      if (!isDark(row, col)) continue;
      for (let x = (col + margin) * scale, end = x + scale; x < end; x++) {
        const at = first + 1 + (x >> 3);
        raw[at] = (raw[at] ?? 0) & ~(0x80 >> (x & 7));
      }
    }
    for (let copy = 1; copy < scale; copy++) raw.copyWithin(first + copy * rowBytes, first, first + rowBytes);
  }

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, width);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
  return concatBytes([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", await zlibDeflate(raw)), chunk("IEND", new Uint8Array(0))]);
}

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// "deflate" in CompressionStream is the zlib format (header + Adler-32), which is what IDAT must hold.
async function zlibDeflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// length, type, data, CRC-32 of type + data.
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const CRC32_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC32_TABLE[n] = c >>> 0;
}

// The CRC-32 PNG chunks carry (ISO 3309, reflected poly 0xEDB88320).
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC32_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// Bad sizes are a caller's bug, not user input, so they throw.
function checkInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 100) throw new RangeError(`${name} must be an integer from ${min} to 100, got ${value}`);
  return value;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
