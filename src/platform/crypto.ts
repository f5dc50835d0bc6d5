/** Compares two strings in time that depends only on their lengths, not on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** HMAC of `message` under `key` as lowercase hex, with WebCrypto (the same on Node and Workers). */
export async function hmacHex(hash: "SHA-256" | "SHA-512", key: string, message: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const enc = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey("raw", enc.encode(key), { name: "HMAC", hash }, false, ["sign"]);
  const data = typeof message === "string" ? enc.encode(message) : message;
  const signature = await crypto.subtle.sign("HMAC", cryptoKey, data);
  return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
