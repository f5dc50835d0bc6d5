import { fail, ok, type Result } from "../../../result";

// A bank notice is one flat object (payOS and Casso nest one level, Casso v1 an array of them), a
// few hundred bytes. The limits are far above that and far below what overflows a recursive walk.
export const WEBHOOK_MAX_DEPTH = 32;
export const WEBHOOK_MAX_BYTES = 256 * 1024;

export type JsonProblem = "too_large" | "too_deep" | "malformed";

/**
 * Whether the JSON text nests arrays and objects at most `max` deep. One loop over the characters
 * (brackets inside strings skipped), so a 100 000-deep `[[[[…` costs a scan, not the stack.
 * On malformed text the answer may be either; JSON.parse judges that afterwards.
 */
export function textDepthWithin(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: the next character is escaped, whatever it is
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > max) return false;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return true;
}

/**
 * Whether a value nests arrays and objects at most `max` deep (a flat object is 1). Walks with its
 * own stack, never recursion, and stops at the first level too many, so it ends even on a cycle.
 * The signature helpers call it before their (then bounded) recursive serialisation.
 */
export function valueDepthWithin(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, depth] = next;
    if (v === null || typeof v !== "object") continue;
    if (depth >= max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

/** A webhook body as JSON, refused before parsing when it is too large or nested too deep. */
export function parseBoundedJson(text: string, limits: { maxDepth: number; maxBytes: number } = { maxDepth: WEBHOOK_MAX_DEPTH, maxBytes: WEBHOOK_MAX_BYTES }): Result<unknown, JsonProblem> {
  // Depth first: the scan stops at the first level too many, and "too deep" is the truer reason for
  // a body that is both. (The app's own limit has already capped the text at 1 MiB.)
  if (!textDepthWithin(text, limits.maxDepth)) return fail("too_deep");
  // A UTF-16 unit is at least one UTF-8 byte, so the cheap length check rules out most big bodies.
  if (text.length > limits.maxBytes || new TextEncoder().encode(text).length > limits.maxBytes) return fail("too_large");
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail("malformed");
  }
}
