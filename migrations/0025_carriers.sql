-- Delivery by carrier (issue 23): each shop's carrier settings, its pickup address and webhook token,
-- product weights, and the waybills made at GHN / GHTK.

-- One row per shop and carrier. token is a secret: sealed with DATA_KEY when it is set
-- (src/domain/secrets/sealed.ts, listed for the start-up re-seal).
CREATE TABLE shop_carriers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  carrier TEXT NOT NULL CHECK (carrier IN ('ghn', 'ghtk')),
  -- 1: offered to buyers at checkout (and for waybills).
  enabled INTEGER NOT NULL DEFAULT 0,
  token TEXT,
  -- GHN's ShopId (the store the waybills are made from).
  ghn_shop_id INTEGER,
  -- GHTK's X-Client-Source (partner code), when the account needs one.
  client_source TEXT,
  -- Who pays the carrier's fee: 'buyer' (added to the order) or 'shop' (free delivery for the buyer).
  fee_paid_by TEXT NOT NULL DEFAULT 'buyer' CHECK (fee_paid_by IN ('shop', 'buyer')),
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX shop_carriers_shop_carrier ON shop_carriers (shop_id, carrier);

-- The shop's pickup address for carriers (2025 GSO codes and what is below the commune), the fee a
-- buyer is quoted when a carrier does not answer, and the :token of its carrier webhook URLs (a
-- secret, sealed; NULL: made on first use).
ALTER TABLE shops ADD COLUMN carrier_flat_fee INTEGER NOT NULL DEFAULT 35000;
ALTER TABLE shops ADD COLUMN pickup_province_code TEXT;
ALTER TABLE shops ADD COLUMN pickup_commune_code TEXT;
ALTER TABLE shops ADD COLUMN pickup_hamlet TEXT;
ALTER TABLE shops ADD COLUMN pickup_street TEXT;
ALTER TABLE shops ADD COLUMN pickup_name TEXT;
ALTER TABLE shops ADD COLUMN pickup_phone TEXT;
ALTER TABLE shops ADD COLUMN carrier_webhook_token TEXT;

-- Grams of one unit, and what an option adds to it (a large size, an extra box).
ALTER TABLE products ADD COLUMN weight_grams INTEGER NOT NULL DEFAULT 500;
ALTER TABLE product_options ADD COLUMN weight_delta INTEGER NOT NULL DEFAULT 0;

-- A waybill at a carrier. client_code is what the carrier knows it by (the order code; after a
-- cancelled one, the code with -2, -3…), so a retry or a double tap finds the same waybill. An order
-- has at most one that is not cancelled. status is ours (ShipmentStatus in src/domain/carriers/carrier.ts),
-- carrier_status the carrier's own word. Money in đồng.
CREATE TABLE shipments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  carrier TEXT NOT NULL CHECK (carrier IN ('ghn', 'ghtk')),
  client_code TEXT NOT NULL UNIQUE,
  waybill TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'ready_to_pick',
  carrier_status TEXT,
  fee INTEGER,
  cod_amount INTEGER NOT NULL DEFAULT 0,
  cod_collected INTEGER NOT NULL DEFAULT 0,
  cod_paid_out INTEGER,
  tracking_url TEXT,
  expected_delivery TEXT,
  -- 'url': the label is a link to open (GHN's A5 print page); 'pdf': served through the dashboard (GHTK).
  label_kind TEXT NOT NULL DEFAULT 'url' CHECK (label_kind IN ('url', 'pdf')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  cancelled_at TEXT
);
CREATE UNIQUE INDEX shipments_carrier_waybill ON shipments (carrier, waybill);
CREATE UNIQUE INDEX shipments_active_order ON shipments (order_id) WHERE cancelled_at IS NULL;
CREATE INDEX shipments_shop ON shipments (shop_id, created_at);
