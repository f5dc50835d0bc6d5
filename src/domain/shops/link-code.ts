import type { Store } from "../../db/store";
import { createLinkCode } from "./groups";

// Letters and digits a person reads back without doubt (no 0/O, 1/I/L).
const SYMBOLS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function randomCode(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
  let out = "";
  // 248 = 8 × 31: bytes at or above it are dropped, so every symbol is as likely.
  for (const b of bytes) if (b < 248 && out.length < length) out += SYMBOLS[b % SYMBOLS.length];
  return out.length === length ? out : randomCode(length);
}

/** A fresh one-time code (24 hours) that links a group with `/link <code>`; undefined if none could be made. */
export async function newGroupLinkCode(store: Store, shopId: number, now: Date): Promise<string | undefined> {
  for (let i = 0; i < 3; i++) {
    const made = await createLinkCode(store, shopId, `G${randomCode(6)}`, now);
    if (made.ok) return made.value.code;
  }
  return undefined;
}
