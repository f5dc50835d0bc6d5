// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0): the checksum EMVCo tag 63 uses.
// A 256-entry table turns the 8 shift steps per byte into one lookup; it is built once at load.
const TABLE = new Uint16Array(256);
for (let n = 0; n < 256; n++) {
  let c = n << 8;
  for (let i = 0; i < 8; i++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  TABLE[n] = c;
}

/** CRC-16/CCITT-FALSE of the UTF-8 bytes of text, as 4 uppercase zero-padded hex digits ("123456789" → "29B1"). */
export function crc16Ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = ((crc << 8) ^ (TABLE[((crc >> 8) ^ byte) & 0xff] ?? 0)) & 0xffff;
  }
  // Pad: some generators print "%X" and emit 3 digits below 0x1000, which apps reject.
  return crc.toString(16).toUpperCase().padStart(4, "0");
}
