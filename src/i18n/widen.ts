/**
 * A catalog's type built from the Vietnamese one: its literal strings widened so another language
 * can say something else, but every key and every function's parameters kept, so a key missing or
 * mistyped in a translation fails the type check.
 */
export type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : T extends readonly string[]
      ? string[]
      : { [K in keyof T]: Widen<T[K]> };
