import type { BroadcastKind, Shop } from "../../../db/schema";
import type { BroadcastsPageMessages } from "../../../i18n/broadcasts-page";
import { localTime } from "../../../platform/shop-time";
import { PRESETS, SCHEDULE_PRESETS, type Preset } from "./composer";

/** `?shop=<slug>`: every link and form of the section stays on the shop it is about. */
export const shopQuery = (shop: Pick<Shop, "slug">) => `?shop=${encodeURIComponent(shop.slug)}`;

/** "2026-11-24 10:30" in the shop's time zone; empty for something that is not a time. */
export function shopTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const l = localTime(at, timeZone);
  return `${l.date} ${String(Math.floor(l.minutes / 60)).padStart(2, "0")}:${String(l.minutes % 60).padStart(2, "0")}`;
}

export const presetLabel = (m: BroadcastsPageMessages, p: Preset) => ({ daily1030: m.bcPresetDaily1030, daily1700: m.bcPresetDaily1700, weekdays1030: m.bcPresetWeekdays1030 })[p];

/** A schedule's cron in words when it is one of the presets, as written otherwise. */
export function cronLabel(m: BroadcastsPageMessages, cron: string): string {
  const preset = PRESETS.find((p) => SCHEDULE_PRESETS[p] === cron);
  return preset ? presetLabel(m, preset) : cron;
}

/** What a post or a schedule posts: "Một món A1", "Cả thực đơn", or a free post's first 60 characters. */
export function whatLabel(m: BroadcastsPageMessages, b: { kind: BroadcastKind; product_code: string | null; text: string | null }): string {
  if (b.kind === "item") return `${m.bcKindItem} ${b.product_code ?? ""}`;
  if (b.kind === "menu") return m.bcKindMenu;
  const t = (b.text ?? "").replace(/\s+/g, " ").trim();
  return `${m.bcKindFree}: ${t.length > 60 ? `${t.slice(0, 60)}…` : t}`;
}

/** Why a cron expression was refused, in the page's language (the checker and croner answer in English). */
export function cronReason(m: BroadcastsPageMessages, cron: string, reason: string): string {
  if (cron.trim().split(/\s+/).length !== 5) return m.errCronFields;
  return reason === "this schedule never runs" ? m.errCronNever : m.errCronValue;
}
