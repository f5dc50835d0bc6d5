// A–Z and 2–9 (CONTRACT.md): no 0 or 1, which read as O and I when a buyer types the code.
const SYMBOLS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789";
// Rejection sampling keeps every symbol equally likely: 34 does not divide 256.
const LIMIT = 256 - (256 % SYMBOLS.length);

// Random bytes drawn from the system's generator a few kilobytes at a time, each byte used once:
// one draw per token made every order pay a call into the generator several times.
const pool = new Uint8Array(4096);
let used = pool.length;

function randomBytes(count: number): Uint8Array {
  if (count > pool.length) return crypto.getRandomValues(new Uint8Array(count));
  if (used + count > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  const bytes = pool.slice(used, used + count);
  used += count;
  return bytes;
}

function randomSymbols(count: number): string {
  let out = "";
  while (out.length < count) {
    for (const b of randomBytes(count * 2)) {
      if (b < LIMIT && out.length < count) out += SYMBOLS[b % SYMBOLS.length];
    }
  }
  return out;
}

/**
 * A new order code: "CC" and 6 symbols (CONTRACT.md). It is also the transfer memo, so it
 * survives banks that strip spaces and punctuation or change case.
 */
export function newOrderCode(): string {
  return `CC${randomSymbols(6)}`;
}

/** Matches an order code inside free text such as a bank memo or a chat message. */
export const ORDER_CODE_PATTERN = /CC[A-Z2-9]{6}/i;

/** An unguessable token (128 random bits, base64url) for links only the buyer holds. */
export function newSecretToken(bytes = 16): string {
  let bin = "";
  for (const b of randomBytes(bytes)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
