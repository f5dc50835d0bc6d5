/** The notice levels of a limit, in percent. */
export const NOTICE_LEVELS = [80, 100] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];

/**
 * The highest notice level `used` of `limit` has reached (80: at least 80%, 100: at the limit), or
 * undefined below 80%. A limit of 0 is always reached. Pure: the caller records which were sent.
 */
export function reachedLevel(used: number, limit: number): NoticeLevel | undefined {
  if (used >= limit) return 100;
  if (used * 100 >= limit * 80) return 80;
  return undefined;
}

/** The levels reached, lowest first: a jump from 70% to 100% owes both notices (the 80% one is then skipped by the caller). */
export function levelsReached(used: number, limit: number): NoticeLevel[] {
  const top = reachedLevel(used, limit);
  return top === undefined ? [] : NOTICE_LEVELS.filter((l) => l <= top);
}

/** Percent used, whole, capped at 999 for display. */
export function percentUsed(used: number, limit: number): number {
  if (limit <= 0) return used > 0 ? 100 : 0;
  return Math.min(999, Math.floor((used * 100) / limit));
}
