-- Live sessions: a set of items open for sale in one group, with caps, one order per buyer, a capture window.

CREATE TABLE lives (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  -- open (taking comments) | ended (/live end: comments still taken until capture_until) | closed
  status TEXT NOT NULL DEFAULT 'open',
  started_by TEXT,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  capture_until TEXT,
  -- bumped by every change the group summary shows; the summary is edited when it moves
  version INTEGER NOT NULL DEFAULT 0,
  summary_version INTEGER NOT NULL DEFAULT -1,
  report_sent_at TEXT
);
CREATE INDEX lives_chat ON lives (channel, bot_id, chat_id, status);

-- The items open in a live: at most `cap` units are held or sold through it, never more than real stock.
CREATE TABLE live_items (
  live_id INTEGER NOT NULL REFERENCES lives(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  code TEXT NOT NULL,
  cap INTEGER NOT NULL CHECK (cap >= 0),
  taken INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0),
  -- 0: no per-buyer limit
  per_buyer_cap INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (live_id, product_id)
);

-- One order per buyer per live: every comment of a buyer adds to (or removes from) it.
CREATE TABLE live_orders (
  live_id INTEGER NOT NULL REFERENCES lives(id),
  buyer_id INTEGER NOT NULL REFERENCES buyers(id),
  order_id INTEGER NOT NULL UNIQUE REFERENCES orders(id),
  user_id TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (live_id, buyer_id)
);

-- The same comment from the same person within a few seconds counts once.
CREATE TABLE live_recent_comments (
  live_id INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  text_key TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (live_id, user_id, text_key)
);

-- Buyers waiting for a live item that ran out; served in order as holds are released.
CREATE TABLE live_waitlist (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  live_id INTEGER NOT NULL REFERENCES lives(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  buyer_id INTEGER NOT NULL REFERENCES buyers(id),
  user_id TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  qty INTEGER NOT NULL CHECK (qty > 0),
  created_at TEXT NOT NULL,
  served_at TEXT,
  UNIQUE (live_id, product_id, buyer_id)
);
CREATE INDEX live_waitlist_next ON live_waitlist (live_id, product_id, served_at, id);

ALTER TABLE shops ADD COLUMN live_capture_minutes INTEGER NOT NULL DEFAULT 30;
ALTER TABLE shops ADD COLUMN live_hold_minutes INTEGER NOT NULL DEFAULT 15;
-- always: comment orders are taken in any group at any time; live_only: only during a live
ALTER TABLE shops ADD COLUMN comments_outside_live TEXT NOT NULL DEFAULT 'always';
