-- What each live comment asked for, options included ("A1 lớn 2"): a live order's lines are
-- rebuilt from these, while the stock holds stay the truth of how many of each product.
CREATE TABLE live_order_lines (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  -- JSON array of option names, in the catalog's group order
  options TEXT NOT NULL DEFAULT '[]',
  qty INTEGER NOT NULL CHECK (qty > 0),
  UNIQUE (order_id, product_id, options)
);

-- Answers to live comments that could not be read in full, for buyers the bot cannot write to
-- privately: shown in the live's one group message, so the group stays readable.
CREATE TABLE live_answers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  live_id INTEGER NOT NULL REFERENCES lives(id),
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX live_answers_live ON live_answers (live_id, id);
