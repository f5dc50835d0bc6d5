import { fail } from "../../../src/result";
import type { CommentRefusal, UnclearWhy } from "./reading-types";

export type Refused = { ok: false; reason: CommentRefusal };

/** The ways a comment is turned down, each carrying the phone found and the words read past so far. */
export interface Refusals {
  /** The words read past: stages add to it as they go. */
  ignored: string[];
  withPhone: { phone?: string };
  chatter(): Refused;
  unclear(why: UnclearWhy, more?: { code?: string; codes?: string[] }): Refused;
  correction(qty: number): Refused;
}

export function refusals(phone: string | undefined, ignored: string[]): Refusals {
  const withPhone = phone ? { phone } : {};
  return {
    ignored,
    withPhone,
    chatter: () => fail({ kind: "chatter", ...withPhone, ignored }),
    unclear: (why, more = {}) => fail({ kind: "unclear", why, ...more, ...withPhone, ignored }),
    correction: (qty) => fail({ kind: "correction", qty, ...withPhone, ignored }),
  };
}

export const isRefused = (x: object): x is Refused => "ok" in x && x.ok === false;
