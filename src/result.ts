/** The outcome of anything that can fail on ordinary input: parsers, domain rules. Never thrown. */
export type Result<T, R = string> = { ok: true; value: T } | { ok: false; reason: R };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <const R>(reason: R): { ok: false; reason: R } => ({ ok: false, reason });
