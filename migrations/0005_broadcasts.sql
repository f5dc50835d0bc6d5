-- Broadcasts: one post to every linked group, each (broadcast, group) one outbox row; scheduled posts.

CREATE TABLE broadcasts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  -- item | menu | free
  kind TEXT NOT NULL,
  product_code TEXT,
  text TEXT,
  photo_url TEXT,
  -- what asked for it (a staff command's update, a schedule's run, an API call): never two broadcasts for one
  source_key TEXT NOT NULL UNIQUE,
  -- where the seller follows its progress (one message, edited as it goes)
  progress_channel TEXT,
  progress_bot_id TEXT,
  progress_chat_id TEXT,
  targets INTEGER NOT NULL DEFAULT 0,
  created_by TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX broadcasts_open ON broadcasts (finished_at);

-- What an outbox row belongs to ("broadcast:12"), so a post can be traced back to its broadcast and item.
ALTER TABLE outbox ADD COLUMN ref TEXT;
CREATE INDEX outbox_ref ON outbox (ref);

CREATE TABLE scheduled_posts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  -- five-field cron expression, in the shop's time zone
  cron TEXT NOT NULL,
  kind TEXT NOT NULL,
  product_code TEXT,
  text TEXT,
  -- a run missed while the server was down is still posted if it is at most this late
  window_minutes INTEGER NOT NULL DEFAULT 60,
  next_run_at TEXT NOT NULL,
  last_run_at TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX scheduled_posts_due ON scheduled_posts (active, next_run_at);
