-- Zalo groups only where they work, and the fallback kit (issue 22).
-- When a Zalo bot's getMe (can_join_groups) was last asked: the daily re-check claims a bot with
-- one conditional UPDATE on it, so two runners ask once.
ALTER TABLE bots ADD COLUMN groups_checked_at TEXT;
-- A web chat session opened from the shop's web chat link posted in a group: 'webchat_link'.
ALTER TABLE webchat_sessions ADD COLUMN source TEXT;
-- Taps on a shop's fallback links (/go/<shop>/zalo, /go/<shop>/chat), per month in the shop's time.
CREATE TABLE link_taps (
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  link TEXT NOT NULL,
  month TEXT NOT NULL,
  taps INTEGER NOT NULL DEFAULT 0,
  first_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, link, month)
);
