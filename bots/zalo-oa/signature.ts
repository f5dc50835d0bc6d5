// The OA webhook signature (ZALO.md §2.3): `X-ZEvent-Signature` is hex SHA-256 (plain, not HMAC)
// of app_id + the raw body + the body's own `timestamp` + the OA secret key ("Khóa bí mật OA").
import { constantTimeEqual } from "../../src/platform/crypto";

/** Events further than this from our clock are refused (replays of an old capture). */
export const MAX_SKEW_MS = 5 * 60 * 1000;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The signature Zalo sends for `rawBody`. */
export function oaSignature(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): Promise<string> {
  return sha256Hex(`${appId}${rawBody}${timestamp}${oaSecretKey}`);
}

/** Whether the header's value (with or without a "mac=" prefix) signs `rawBody`; compared in constant time. */
export async function verifyOaSignature(header: string | undefined, input: { appId: string; rawBody: string; timestamp: string; oaSecretKey: string }): Promise<boolean> {
  if (!header) return false;
  const given = header.trim().replace(/^mac=/i, "").toLowerCase();
  const expected = await oaSignature(input.appId, input.rawBody, input.timestamp, input.oaSecretKey);
  return constantTimeEqual(given, expected);
}

/** Whether the event's `timestamp` (epoch ms) is within {@link MAX_SKEW_MS} of now. */
export function timestampFresh(timestamp: string, now: Date): boolean {
  if (!/^\d{1,16}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - now.getTime()) <= MAX_SKEW_MS;
}
