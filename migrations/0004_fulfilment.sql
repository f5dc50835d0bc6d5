-- After checkout: who handled an order, its shipper, and the shop's end-of-day summary.

ALTER TABLE orders ADD COLUMN handled_by TEXT;
ALTER TABLE orders ADD COLUMN accepted_at TEXT;
ALTER TABLE orders ADD COLUMN shipper_staff_id INTEGER;
ALTER TABLE orders ADD COLUMN shipper_name TEXT;
ALTER TABLE orders ADD COLUMN shipper_phone TEXT;
ALTER TABLE orders ADD COLUMN delivered_at TEXT;
CREATE INDEX orders_shipper ON orders (shipper_staff_id, status);

-- Local time (HH:MM) of the end-of-day summary, and the last day it was sent (so it goes once a day).
ALTER TABLE shops ADD COLUMN summary_time TEXT NOT NULL DEFAULT '21:00';
ALTER TABLE shops ADD COLUMN summary_sent_date TEXT;
