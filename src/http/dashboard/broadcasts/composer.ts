import type { BroadcastKind } from "../../../db/schema";

/** The schedule presets the composer offers, as five-field cron expressions in shop time. */
export const SCHEDULE_PRESETS = { daily1030: "30 10 * * *", daily1700: "0 17 * * *", weekdays1030: "30 10 * * 1-5" } as const;
export type Preset = keyof typeof SCHEDULE_PRESETS;
export const PRESETS = Object.keys(SCHEDULE_PRESETS) as Preset[];

export const KINDS: readonly BroadcastKind[] = ["item", "menu", "free"];
/** The longest free post, as the textarea and the check on sending both say. */
export const MAX_TEXT = 1000;
// What newSecretToken(12) gives: the form's one-time id for "send now".
export const NONCE = /^[A-Za-z0-9_-]{16}$/;

/** What the composer holds: re-shown as typed when something is refused. */
export interface Composer {
  kind: BroadcastKind;
  code: string;
  text: string;
  preset: Preset | "custom";
  cron: string;
}

export const DEFAULT_COMPOSER: Composer = { kind: "menu", code: "", text: "", preset: "daily1030", cron: "" };

/** The composer as a form or a preview query sent it; `kindValid` is false when the kind was not one of ours. */
export function composerFrom(values: Record<string, unknown>): { composer: Composer; kindValid: boolean } {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const kind = KINDS.find((k) => k === str("kind"));
  const preset = str("preset");
  return {
    composer: {
      kind: kind ?? "menu",
      code: str("code").trim().toUpperCase().slice(0, 20),
      text: str("text").replace(/\r\n?/g, "\n"),
      preset: preset in SCHEDULE_PRESETS || preset === "custom" ? (preset as Preset | "custom") : "daily1030",
      cron: str("cron").slice(0, 200),
    },
    kindValid: kind !== undefined,
  };
}

/** The composer's cron expression: the chosen preset's, or the one typed in for "custom". */
export const cronOf = (c: Composer): string => (c.preset === "custom" ? c.cron.trim() : SCHEDULE_PRESETS[c.preset]);
