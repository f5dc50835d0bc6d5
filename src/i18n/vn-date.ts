/** A YYYY-MM-DD day the way Vietnamese forms and people write it: 2026-11-30 → 30/11/2026. */
export function vnDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
