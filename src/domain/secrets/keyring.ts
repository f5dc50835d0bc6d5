// AES-GCM sealing of short secrets (bot tokens, webhook secrets, payment keys) with keys derived
// from DATA_KEY, through WebCrypto, so Node and Workers read each other's values. A sealed value is
//   enc:v1:<key id>:<iv>:<ciphertext>      (iv and ciphertext base64url; the GCM tag ends the ciphertext)
// The key id names the key that sealed it, so a rotation knows what to re-seal without decrypting,
// and the column's name is the additional data, so a sealed value pasted into another column fails.

const PREFIX = "enc:v1:";
const SALT = new TextEncoder().encode("cho-chat DATA_KEY");

/** One AES-256-GCM key and its public id (16 hex digits, derived from the key, revealing nothing of it). */
export interface DataKey {
  id: string;
  key: CryptoKey;
}

/** The key values are written with (none: written in clear) and the earlier ones still accepted for reading. */
export interface Keyring {
  current?: DataKey;
  previous: DataKey[];
}

/** A stored secret this server cannot read: sealed with a key it was not given, or damaged. */
export class UnreadableSecretError extends Error {
  constructor(readonly field: string, why: string) {
    super(`${field}: ${why}`);
    this.name = "UnreadableSecretError";
  }
}

const toBase64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Derives the AES key and its id from a DATA_KEY value (any string; HKDF-SHA-256 spreads it). */
export async function deriveDataKey(secret: string): Promise<DataKey> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "HKDF", false, ["deriveKey", "deriveBits"]);
  const hkdf = (info: string) => ({ name: "HKDF", hash: "SHA-256", salt: SALT, info: new TextEncoder().encode(info) });
  const key = await crypto.subtle.deriveKey(hkdf("enc:v1 aes-256-gcm"), material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const idBits = new Uint8Array(await crypto.subtle.deriveBits(hkdf("enc:v1 key id"), material, 64));
  return { id: [...idBits].map((b) => b.toString(16).padStart(2, "0")).join(""), key };
}

/** The keyring for DATA_KEY (may be unset) and DATA_KEY_PREVIOUS (comma-separated earlier keys). */
export async function keyringFrom(dataKey: string | undefined, previous: readonly string[] = []): Promise<Keyring> {
  return {
    ...(dataKey ? { current: await deriveDataKey(dataKey) } : {}),
    previous: await Promise.all(previous.filter((k) => k && k !== dataKey).map(deriveDataKey)),
  };
}

/** True when `stored` is a sealed value (of any key). */
export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** The SQL LIKE pattern of values sealed with the current key ("enc:v1:<id>:%"), or undefined when there is none. */
export const currentPattern = (ring: Keyring | undefined) => (ring?.current ? `${PREFIX}${ring.current.id}:%` : undefined);

/** True when `stored` is already as the keyring would write it now: sealed with the current key, or clear when there is none. */
export function isCurrent(ring: Keyring | undefined, stored: string): boolean {
  return ring?.current ? stored.startsWith(`${PREFIX}${ring.current.id}:`) : !isSealed(stored);
}

/** Seals `plain` for column `field` with the current key; with no key, the value is returned as it is. */
export async function seal(ring: Keyring | undefined, field: string, plain: string): Promise<string> {
  const current = ring?.current;
  if (!current) return plain;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(field) }, current.key, new TextEncoder().encode(plain));
  return `${PREFIX}${current.id}:${toBase64Url(iv)}:${toBase64Url(new Uint8Array(sealed))}`;
}

/**
 * The clear value of a stored secret. A value written before DATA_KEY was set is clear and is
 * returned as it is; a sealed one is opened with the key its id names (DATA_KEY or one of
 * DATA_KEY_PREVIOUS). Throws UnreadableSecretError (naming the column, never a value) otherwise.
 */
export async function open(ring: Keyring | undefined, field: string, stored: string): Promise<string> {
  if (!isSealed(stored)) return stored;
  const [id, ivText, dataText, extra] = stored.slice(PREFIX.length).split(":");
  const iv = fromBase64Url(ivText ?? "");
  const data = fromBase64Url(dataText ?? "");
  if (!id || !iv || iv.length !== 12 || !data || data.length < 16 || extra !== undefined) throw new UnreadableSecretError(field, "the sealed value is malformed");
  const key = [ring?.current, ...(ring?.previous ?? [])].find((k) => k?.id === id);
  if (!key) throw new UnreadableSecretError(field, ring?.current ? "sealed with a key that is neither DATA_KEY nor one of DATA_KEY_PREVIOUS" : "sealed, but DATA_KEY is not set");
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(field) }, key.key, data);
    return new TextDecoder().decode(plain);
  } catch {
    throw new UnreadableSecretError(field, "the sealed value does not open (damaged, or moved from another column)");
  }
}
