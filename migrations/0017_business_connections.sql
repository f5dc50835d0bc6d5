-- Telegram Business (bots/telegram-business/): a seller with Telegram Premium connects the shop's bot
-- to their own account, and the bot answers buyers who write to the seller directly.
CREATE TABLE business_connections (
  -- Telegram's business connection id: the "bot" of the telegram-business channel in outbox rows.
  id TEXT PRIMARY KEY,
  -- The shop's bot the seller connected (its numeric id), and so the shop.
  bot_id TEXT NOT NULL,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  -- The seller's own account, and the seller's private chat with the bot (for notices).
  owner_user_id TEXT NOT NULL,
  owner_chat_id TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  -- The seller let the bot reply on their behalf (BusinessBotRights.can_reply).
  can_reply INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);

-- A chat where the seller wrote to the buyer themselves: the bot keeps quiet there until `until`.
CREATE TABLE business_takeovers (
  connection_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  until TEXT NOT NULL,
  PRIMARY KEY (connection_id, chat_id)
);
