-- A bot platform's plan limits and what each bot used, per calendar month in the shop's time zone
-- (issue 22). The Zalo Bot Platform's free Basic plan: 50 users per bot, 3,000 messages a month
-- (counted in both directions), 3 groups. The numbers are data: a seller who upgrades, or Zalo
-- changing them, is an UPDATE, not a release.

-- One row per bot; a bot without one is on the column defaults (the Basic plan).
CREATE TABLE bot_plans (
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  plan TEXT NOT NULL DEFAULT 'basic',
  max_users INTEGER NOT NULL DEFAULT 50 CHECK (max_users >= 0),
  max_messages INTEGER NOT NULL DEFAULT 3000 CHECK (max_messages >= 0),
  max_groups INTEGER NOT NULL DEFAULT 3 CHECK (max_groups >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (channel, bot_id)
);
INSERT INTO bot_plans (channel, bot_id, updated_at)
  SELECT channel, platform_id, created_at FROM bots WHERE channel = 'zalo'
  ON CONFLICT DO NOTHING;

-- Messages in and out per bot and month ('2026-12'); refused_sends: sends Zalo refused as over quota.
CREATE TABLE bot_usage (
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  month TEXT NOT NULL,
  messages_in INTEGER NOT NULL DEFAULT 0,
  messages_out INTEGER NOT NULL DEFAULT 0,
  refused_sends INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (channel, bot_id, month)
);

-- Every distinct user a bot talked with in a month: inserted with ON CONFLICT DO NOTHING, so
-- counting is idempotent (and one conditional INSERT keeps the count under the cap).
CREATE TABLE bot_usage_users (
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  month TEXT NOT NULL,
  user_id TEXT NOT NULL,
  first_at TEXT NOT NULL,
  PRIMARY KEY (channel, bot_id, month, user_id)
);

-- Every distinct group a bot was seen in during a month.
CREATE TABLE bot_usage_groups (
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  month TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  first_at TEXT NOT NULL,
  PRIMARY KEY (channel, bot_id, month, chat_id)
);

-- The 80% and 100% staff notices already sent: one per limit and month.
CREATE TABLE bot_usage_notices (
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  month TEXT NOT NULL,
  what TEXT NOT NULL CHECK (what IN ('users', 'messages', 'groups')),
  level INTEGER NOT NULL CHECK (level IN (80, 100)),
  sent_at TEXT NOT NULL,
  PRIMARY KEY (channel, bot_id, month, what, level)
);

-- Buyers a bot at its user cap could not serve, for the seller to call back.
CREATE TABLE bot_turned_away (
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  month TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  chat_id TEXT NOT NULL,
  first_text TEXT NOT NULL DEFAULT '',
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  times INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (channel, bot_id, month, user_id)
);
