-- Platforms without buttons (Zalo): the choices last offered in a chat, so "2" means the second one.
CREATE TABLE numbered_choices (
  channel TEXT NOT NULL,
  bot_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  -- JSON array of button actions, in the order they were numbered
  actions TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (channel, bot_id, chat_id)
);
