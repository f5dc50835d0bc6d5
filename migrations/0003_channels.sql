-- Chat platforms: bots per shop, linked groups, staff chats, deep-link claims, waiting lists.

-- Server-wide values made once (the secret webhook secrets are derived from).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- A platform bot (Telegram now, Zalo later). A bot belongs to one shop.
CREATE TABLE bots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  channel TEXT NOT NULL,
  -- the numeric part of the token before ':' (the webhook path's :botId)
  platform_id TEXT NOT NULL,
  token TEXT NOT NULL,
  username TEXT,
  -- expected in the webhook's secret header
  webhook_secret TEXT NOT NULL,
  -- the platform's own description of the bot (Telegram getMe), so no call is needed per request
  info TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (channel, platform_id)
);

-- Groups a shop's bot is in. Buyers' groups are linked by staff with /link <code>; broadcasts go only there.
CREATE TABLE shop_groups (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  linked INTEGER NOT NULL DEFAULT 0,
  -- active | removed (the bot was kicked: skip it next time)
  status TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (channel, bot_id, chat_id)
);

-- One-time codes for /link <code>, valid 24 hours.
CREATE TABLE link_codes (
  code TEXT PRIMARY KEY,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_chat TEXT
);

-- The shop's staff chat (set with /staffgroup): where new orders and payments are announced.
ALTER TABLE shops ADD COLUMN staff_channel TEXT;
ALTER TABLE shops ADD COLUMN staff_bot_id TEXT;
ALTER TABLE shops ADD COLUMN staff_chat_id TEXT;

-- A staff member's private chat with the bot, once they have started it.
ALTER TABLE staff ADD COLUMN chat_id TEXT;

-- Where the buyer can be written to privately, once they have started the bot.
ALTER TABLE buyers ADD COLUMN private_chat_id TEXT;

-- The deep-link token that lets the commenter (only) finish a comment order in private.
ALTER TABLE orders ADD COLUMN claim_token TEXT;
CREATE UNIQUE INDEX orders_claim_token ON orders (claim_token);

-- Buyers waiting for a sold-out item, first come first served.
CREATE TABLE waitlist (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'vi',
  created_at TEXT NOT NULL,
  notified_at TEXT,
  UNIQUE (product_id, channel, user_id)
);
CREATE INDEX waitlist_product ON waitlist (product_id, notified_at, id);
