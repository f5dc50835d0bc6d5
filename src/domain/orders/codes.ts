// A–Z and 2–9 (CONTRACT.md): no 0 or 1, which read as O and I when a buyer types the code.
const SYMBOLS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789";
// Rejection sampling keeps every symbol equally likely: 34 does not divide 256.
const LIMIT = 256 - (256 % SYMBOLS.length);

function randomSymbols(count: number): string {
  let out = "";
  while (out.length < count) {
    for (const b of crypto.getRandomValues(new Uint8Array(count * 2))) {
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
  for (const b of crypto.getRandomValues(new Uint8Array(bytes))) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
