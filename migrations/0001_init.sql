-- Chợ Chat core schema. Read by our migrator on Node and by `wrangler d1 migrations apply` on D1,
-- so: plain SQLite, no triggers, one statement per `;`.
-- Money is integer đồng. Times are ISO-8601 UTC strings. Booleans are 0/1.

CREATE TABLE shops (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  lang TEXT NOT NULL DEFAULT 'vi',
  time_zone TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  phone TEXT,
  pickup_enabled INTEGER NOT NULL DEFAULT 1,
  pickup_address TEXT,
  delivery_enabled INTEGER NOT NULL DEFAULT 1,
  cod_enabled INTEGER NOT NULL DEFAULT 1,
  vietqr_enabled INTEGER NOT NULL DEFAULT 0,
  bank_bin TEXT,
  bank_account TEXT,
  bank_holder TEXT,
  -- minutes a confirmed-but-unpaid order / an unfinished draft keeps its stock
  payment_reminder_minutes INTEGER NOT NULL DEFAULT 30,
  payment_timeout_minutes INTEGER NOT NULL DEFAULT 120,
  draft_ttl_minutes INTEGER NOT NULL DEFAULT 30,
  -- how far ahead of a slot's start an order must be placed
  slot_lead_minutes INTEGER NOT NULL DEFAULT 30,
  created_at TEXT NOT NULL
);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'staff', 'shipper')),
  phone TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (shop_id, channel, user_id)
);

CREATE TABLE products (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  price INTEGER NOT NULL CHECK (price >= 0),
  unit TEXT NOT NULL DEFAULT 'phần',
  photo_url TEXT,
  description TEXT NOT NULL DEFAULT '',
  -- units that can still be promised; reservations take from it atomically
  stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
  category TEXT NOT NULL DEFAULT '',
  -- JSON array of strings: "OCOP 4 sao", "VietGAP", "Truy xuất: VN-LC-0012"
  labels TEXT NOT NULL DEFAULT '[]',
  -- ISO weekdays the item is sold on (1 = Monday … 7 = Sunday) and daily hours in shop time
  available_days TEXT NOT NULL DEFAULT '1234567',
  available_from TEXT,
  available_to TEXT,
  sold_out INTEGER NOT NULL DEFAULT 0,
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (shop_id, code)
);

CREATE TABLE product_option_groups (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_id INTEGER NOT NULL REFERENCES products(id),
  name TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE product_options (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id INTEGER NOT NULL REFERENCES product_option_groups(id),
  name TEXT NOT NULL,
  price_delta INTEGER NOT NULL DEFAULT 0,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX product_option_groups_product ON product_option_groups (product_id);
CREATE INDEX product_options_group ON product_options (group_id);

CREATE TABLE delivery_zones (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  name TEXT NOT NULL,
  fee INTEGER NOT NULL CHECK (fee >= 0),
  min_order INTEGER NOT NULL DEFAULT 0 CHECK (min_order >= 0),
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX delivery_zones_shop ON delivery_zones (shop_id);

-- Daily delivery/pickup windows in shop time ("11:00"–"12:00").
CREATE TABLE time_slots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX time_slots_shop ON time_slots (shop_id);

-- A person as one channel knows them. Remembers what a returning buyer typed last time.
CREATE TABLE buyers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  lang TEXT,
  last_phone TEXT,
  last_address TEXT,
  last_zone_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (channel, user_id)
);

-- One conversation per (channel, bot, chat, user). `version` is a compare-and-set counter:
-- every write is `WHERE version = :v`, so two messages at once cannot both apply.
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  state TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (channel, bot_id, chat_id, user_id)
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  code TEXT NOT NULL UNIQUE,
  -- what created it (a conversation step, a comment): a retry of the same step finds the same order
  source_key TEXT NOT NULL UNIQUE,
  buyer_id INTEGER NOT NULL REFERENCES buyers(id),
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'vi',
  status TEXT NOT NULL CHECK (status IN ('draft', 'pending_payment', 'confirmed', 'preparing', 'out_for_delivery', 'delivered', 'cancelled')),
  payment_status TEXT NOT NULL DEFAULT 'unpaid' CHECK (payment_status IN ('unpaid', 'partial', 'paid', 'overpaid', 'cod')),
  payment_method TEXT CHECK (payment_method IN ('vietqr', 'cod')),
  fulfilment TEXT NOT NULL CHECK (fulfilment IN ('delivery', 'pickup')),
  zone_id INTEGER,
  zone_name TEXT,
  address TEXT,
  phone TEXT,
  slot TEXT,
  note TEXT,
  subtotal INTEGER NOT NULL,
  delivery_fee INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL,
  paid_amount INTEGER NOT NULL DEFAULT 0,
  -- unguessable: the buyer's payment page is /pay/<pay_token>
  pay_token TEXT NOT NULL UNIQUE,
  cancel_reason TEXT,
  -- the shop-local day the order belongs to (YYYY-MM-DD), for "today's orders"
  service_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE INDEX orders_shop_date ON orders (shop_id, service_date);
CREATE INDEX orders_buyer ON orders (buyer_id, created_at);
CREATE INDEX orders_status_expiry ON orders (status, expires_at);

CREATE TABLE order_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  -- position in the order; unique with order_id so a retried insert adds nothing
  line_no INTEGER NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  -- JSON array of the chosen option names
  options TEXT NOT NULL DEFAULT '[]',
  qty INTEGER NOT NULL CHECK (qty > 0),
  unit_price INTEGER NOT NULL,
  line_total INTEGER NOT NULL,
  UNIQUE (order_id, line_no)
);

-- Stock taken from products.stock for an order. Taking and giving back are each one atomic batch
-- (a conditional UPDATE of the product plus this row), so stock is never oversold nor lost.
CREATE TABLE stock_reservations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'released')),
  created_at TEXT NOT NULL,
  released_at TEXT,
  UNIQUE (order_id, product_id)
);
CREATE INDEX stock_reservations_product ON stock_reservations (product_id, status);

-- Every outbound message. Written in the same step as the change that causes it; a dispatcher sends it.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  -- JSON Reply (neutral), turned into platform calls by the channel's sender
  payload TEXT NOT NULL,
  -- natural key of what caused it, so a retried step never queues the same message twice
  dedupe_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT 'message',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'uncertain')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_at TEXT,
  last_error TEXT,
  result TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Inbound events already handled (Telegram update_id, Zalo event, bank transaction, web chat message id).
-- A redelivery finds its row and changes nothing; `response` replays the first answer where one is owed.
CREATE TABLE inbound_events (
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  response TEXT,
  received_at TEXT NOT NULL,
  PRIMARY KEY (channel, bot_id, event_id)
);

-- Web chat: a session is a browser's conversation with a shop; pushed messages wait here to be polled.
CREATE TABLE webchat_sessions (
  id TEXT PRIMARY KEY,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);

CREATE TABLE webchat_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL REFERENCES webchat_sessions(id),
  reply TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX webchat_messages_session ON webchat_messages (session_id, id);
