// GHTK's webhook (CARRIERS.md §2.6, T7): a form-urlencoded POST (JSON accepted too) naming a label
// and a status id. Not signed: the shop's URL carries the secret, and the notice only says which
// waybill to read back (detail), never what to believe.
import type { WebhookNotice, WebhookReader } from "../carrier";
import { statusId } from "./status";
import { ghtkTime } from "./time";

/** The buyer's public tracking page for a GHTK label. */
export const ghtkTrackingUrl = (waybill: string): string => `https://i.ghtk.vn/${encodeURIComponent(waybill)}`;

const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

function fields(body: string, contentType: string): Record<string, unknown> | undefined {
  const text = body.trim();
  if (!text) return undefined;
  if (/json/i.test(contentType) || text.startsWith("{")) {
    try {
      const v: unknown = JSON.parse(text);
      return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** Everything a GHTK webhook claims (still only a claim: read the waybill back before believing it). */
export interface GhtkWebhook extends WebhookNotice {
  statusId: number;
  reasonCode: string | null;
  reason: string | null;
  /** Grams (GHTK sends kg). */
  weightGrams: number | null;
  /** Đồng. */
  fee: number | null;
  /** Đồng to collect, when the body says. */
  pickMoney: number | null;
  /** return_part_package=1: part of the parcel is coming back. */
  partialReturn: boolean;
}

const text = (v: unknown): string | null => (typeof v === "string" || typeof v === "number" ? String(v).trim() || null : null);

function amount(v: unknown): number | null {
  const t = text(v);
  if (t === null || !/^\d+(\.\d+)?$/.test(t)) return null;
  return Math.round(Number(t));
}

/** A GHTK webhook body (form or JSON) read in full, or undefined when it is not one. */
export function parseGhtkWebhook(body: string, contentType: string): GhtkWebhook | undefined {
  const f = fields(body, contentType);
  if (!f) return undefined;
  const label = text(f.label_id) ?? "";
  const status = statusId(f.status_id);
  if (!LABEL.test(label) || status === undefined) return undefined;
  const partner = text(f.partner_id);
  const kg = text(f.weight);
  return {
    waybill: label,
    clientCode: partner ? partner.slice(0, 250) : null,
    carrierStatus: String(status),
    at: ghtkTime(f.action_time),
    statusId: status,
    reasonCode: text(f.reason_code),
    reason: text(f.reason),
    weightGrams: kg !== null && /^\d+(\.\d+)?$/.test(kg) ? Math.round(Number(kg) * 1000) : null,
    fee: amount(f.fee),
    pickMoney: amount(f.pick_money),
    partialReturn: text(f.return_part_package) === "1",
  };
}

/** The notice a GHTK webhook body gives (the waybill to read back), or undefined when it is not one. */
export const readGhtkWebhook: WebhookReader = (body, contentType) => {
  const w = parseGhtkWebhook(body, contentType);
  return w ? { waybill: w.waybill, clientCode: w.clientCode, carrierStatus: w.carrierStatus, at: w.at } : undefined;
};
