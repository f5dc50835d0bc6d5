-- Orders typed in by staff on the dashboard (issue 22): each form carries a one-time token; the
-- first submit's outcome is kept under it, so a double submit makes one order and the board shows
-- what became of it (the order, or why not) to the account that sent it, and to no one else.
CREATE TABLE typed_order_forms (
  token TEXT PRIMARY KEY,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  user_id INTEGER NOT NULL,
  line TEXT NOT NULL,
  order_id INTEGER REFERENCES orders(id),
  error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX typed_order_forms_created ON typed_order_forms (created_at);
