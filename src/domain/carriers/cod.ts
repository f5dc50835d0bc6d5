// COD reconciliation (issue 23, part 5): per carrier and period, what the carrier collected from
// buyers, its fees, what it says it has paid the shop, and the balance; and the parcels delivered
// with money collected that the carrier has not yet said it paid out. Figures come only from the
// shipments rows, which only a read-back report writes (tracking.ts), never from a webhook's body.
// "Not yet paid out": the carrier reports nothing paid (GHN's is_cod_transferred false, GHTK before 6).
import { sql } from "kysely";
import type { Store } from "../../db/store";
import { CARRIER_IDS, type CarrierId } from "./carrier";

export const DEFAULT_SETTLE_DAYS = 7;

export interface CodTotals {
  carrier: CarrierId;
  /** Waybills made for orders of the period (cancelled ones excluded). */
  shipments: number;
  delivered: number;
  /** Đồng collected from buyers on delivery. */
  collected: number;
  /** Đồng of the carrier's fees. */
  fees: number;
  /** Đồng the carrier says it has paid the shop. */
  paidOut: number;
  /** collected − fees − paid out: what the carrier still owes the shop (negative: the shop owes it fees). */
  balance: number;
}

export interface UnsettledParcel {
  carrier: CarrierId;
  orderCode: string;
  waybill: string;
  collected: number;
  fee: number;
  /** When it was delivered (ISO), as the order recorded it. */
  deliveredAt: string;
  days: number;
  /** Delivered longer ago than the shop's limit without a payout. */
  overdue: boolean;
}

export interface CodReport {
  from: string;
  to: string;
  settleDays: number;
  carriers: CodTotals[];
  unsettled: UnsettledParcel[];
}

const DAY_MS = 86_400_000;

/**
 * The reconciliation of the shop's orders whose service date is in [from, to] (shop-local
 * YYYY-MM-DD), one line per carrier; and every delivered parcel with money collected but no payout
 * yet (whatever its date), oldest first, flagged when older than `settleDays`.
 */
export async function codReport(store: Store, shopId: number, period: { from: string; to: string }, settleDays: number, now: Date): Promise<CodReport> {
  const totals = await sql<{ carrier: CarrierId; shipments: number; delivered: number; collected: number; fees: number; paid_out: number }>`
    SELECT s.carrier AS carrier, COUNT(*) AS shipments,
           SUM(CASE WHEN s.status = 'delivered' THEN 1 ELSE 0 END) AS delivered,
           COALESCE(SUM(s.cod_collected), 0) AS collected,
           COALESCE(SUM(s.fee), 0) AS fees,
           COALESCE(SUM(s.cod_paid_out), 0) AS paid_out
      FROM shipments s JOIN orders o ON o.id = s.order_id
     WHERE s.shop_id = ${shopId} AND o.service_date >= ${period.from} AND o.service_date <= ${period.to} AND s.status != 'cancelled'
     GROUP BY s.carrier`.execute(store.db);
  const carriers = CARRIER_IDS.map((carrier): CodTotals => {
    const r = totals.rows.find((x) => x.carrier === carrier);
    const collected = Number(r?.collected ?? 0);
    const fees = Number(r?.fees ?? 0);
    const paidOut = Number(r?.paid_out ?? 0);
    return { carrier, shipments: Number(r?.shipments ?? 0), delivered: Number(r?.delivered ?? 0), collected, fees, paidOut, balance: collected - fees - paidOut };
  });
  const open = await sql<{ carrier: CarrierId; code: string; waybill: string; client_code: string; collected: number; fee: number | null; delivered_at: string }>`
    SELECT s.carrier AS carrier, o.code AS code, s.waybill AS waybill, s.client_code AS client_code, s.cod_collected AS collected, s.fee AS fee,
           COALESCE(o.delivered_at, s.updated_at) AS delivered_at
      FROM shipments s JOIN orders o ON o.id = s.order_id
     WHERE s.shop_id = ${shopId} AND s.status = 'delivered' AND s.cod_collected > 0 AND COALESCE(s.cod_paid_out, 0) = 0
     ORDER BY delivered_at, s.id
     LIMIT 200`.execute(store.db);
  const unsettled = open.rows.map((r): UnsettledParcel => {
    const days = Math.max(0, Math.floor((now.getTime() - new Date(r.delivered_at).getTime()) / DAY_MS));
    return { carrier: r.carrier, orderCode: r.code, waybill: r.waybill, collected: Number(r.collected), fee: Number(r.fee ?? 0), deliveredAt: r.delivered_at, days, overdue: days >= settleDays };
  });
  return { from: period.from, to: period.to, settleDays, carriers, unsettled };
}
