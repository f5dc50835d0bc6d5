// Passwords are hashed with PBKDF2-HMAC-SHA256 through WebCrypto, the one slow KDF both runtimes
// (Node and Workers) have built in. Stored as pbkdf2$sha256$<iterations>$<salt>$<hash>.

const ITERATIONS = 210_000;

function b64url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256));
}

/** A new salted hash of `password`. */
export async function hashPassword(password: string, iterations = ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2$sha256$${iterations}$${b64url(salt)}$${b64url(await derive(password, salt, iterations))}`;
}

/** Whether `password` matches a stored hash (compared in constant time; a malformed hash never matches). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, hash, iter, salt, expected] = stored.split("$");
  const iterations = Number(iter);
  if (scheme !== "pbkdf2" || hash !== "sha256" || !salt || !expected || !Number.isSafeInteger(iterations) || iterations < 1000) return false;
  const actual = await derive(password.slice(0, 1024), fromB64url(salt), iterations);
  const want = fromB64url(expected);
  let diff = actual.length ^ want.length;
  for (let i = 0; i < Math.max(actual.length, want.length); i++) diff |= (actual[i] ?? 0) ^ (want[i] ?? 0);
  return diff === 0;
}

/** SHA-256 of a token, hex: what is stored for session and link tokens, so a stolen database opens no session. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
