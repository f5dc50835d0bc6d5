// GHN's webhook body (CARRIERS.md T4, GHN-47): JSON with OrderCode, ClientOrderCode, Status, Time…
// GHN signs nothing, so this only says which waybill to read back; nothing in it is believed.
import type { WebhookNotice, WebhookReader } from "../carrier";

const CODE = /^[A-Za-z0-9_-]{3,40}$/;

/** The buyer's public tracking page for a GHN waybill. */
export const ghnTrackingUrl = (waybill: string): string => `https://donhang.ghn.vn/?order_code=${encodeURIComponent(waybill)}`;

export const readGhnWebhook: WebhookReader = (body, _contentType) => {
  if (typeof body !== "string" || body.length === 0 || body.length > 100_000) return undefined;
  const fields = parse(body);
  if (!fields) return undefined;
  const waybill = text(fields.OrderCode ?? fields.order_code ?? fields.orderCode);
  if (!waybill || !CODE.test(waybill)) return undefined;
  const status = text(fields.Status ?? fields.status) ?? "";
  const clientCode = text(fields.ClientOrderCode ?? fields.client_order_code ?? fields.clientOrderCode);
  const time = text(fields.Time ?? fields.time);
  const at = time ? new Date(time) : null;
  const notice: WebhookNotice = {
    waybill,
    clientCode: clientCode ? clientCode.slice(0, 100) : null,
    carrierStatus: status.toLowerCase().slice(0, 60),
    at: at && !Number.isNaN(at.getTime()) ? at : null,
  };
  return notice;
};

// JSON first; the docs' own sample misses a comma, so a body that is not JSON is read field by field
// (safe: the waybill is read back from GHN before anything is believed).
function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    const out: Record<string, unknown> = {};
    for (const key of ["OrderCode", "ClientOrderCode", "Status", "Time"]) {
      const m = new RegExp(`"${key}"\\s*:\\s*"([^"\\\\]{0,100})"`).exec(body);
      if (m) out[key] = m[1];
    }
    return "OrderCode" in out ? out : undefined;
  }
}

function text(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}
