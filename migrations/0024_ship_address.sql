-- Issue 23: an order delivered by a carrier (GHN / GHTK) outside the shop's own zones keeps the buyer's
-- place as the 2025 list codes it (GSO province and commune codes), the hamlet and the street as typed,
-- and the carrier chosen at checkout with its quote. `address` keeps the readable text for staff.
ALTER TABLE orders ADD COLUMN ship_province_code TEXT;
ALTER TABLE orders ADD COLUMN ship_commune_code TEXT;
-- Thôn / bản / xóm / ấp / tổ; 'Khác' when the buyer has none (GHTK requires one).
ALTER TABLE orders ADD COLUMN ship_hamlet TEXT;
ALTER TABLE orders ADD COLUMN ship_street TEXT;
-- 'ghn' | 'ghtk'; NULL for the shop's own zones and pick-up.
ALTER TABLE orders ADD COLUMN ship_carrier TEXT;
-- 'buyer' (the fee is the order's delivery_fee) | 'shop' (delivery_fee 0; the shop pays the carrier).
ALTER TABLE orders ADD COLUMN ship_fee_paid_by TEXT;
-- Đồng, the fee quoted at checkout (also when the shop pays it); 1 when it was the shop's flat fee.
ALTER TABLE orders ADD COLUMN ship_quoted_fee INTEGER;
ALTER TABLE orders ADD COLUMN ship_quote_fallback INTEGER NOT NULL DEFAULT 0;
-- ISO date-time the carrier expected to deliver, when it said.
ALTER TABLE orders ADD COLUMN ship_expected_delivery TEXT;
