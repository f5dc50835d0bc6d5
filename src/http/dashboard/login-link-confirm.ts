import type { Store } from "../../db/store";
import { newSecretToken } from "../../domain/orders/codes";
import { serverSecret } from "../../domain/shops/settings";
import { hmacHex } from "../../platform/crypto";

/** The login link page's cookie: a random nonce, HttpOnly and SameSite=Strict, for the link's lifetime. */
export const LINK_CONFIRM_COOKIE = "cc_link_confirm";
export const LINK_CONFIRM_SECONDS = 10 * 60;

/** The nonce this browser already has (two link pages open at once share it), or a new one. */
export function newLinkConfirmNonce(current: string | undefined): string {
  return current && /^[A-Za-z0-9_-]{22,64}$/.test(current) ? current : newSecretToken(16);
}

/**
 * The confirmation form's CSRF token: an HMAC (server secret) of the browser's nonce and the link.
 * A page elsewhere can neither read the nonce nor, having planted one, compute the token.
 */
export async function linkConfirmToken(store: Store, nonce: string, linkToken: string): Promise<string> {
  return hmacHex("SHA-256", await serverSecret(store), `login-link-confirm\n${nonce}\n${linkToken}`);
}
