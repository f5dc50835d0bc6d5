-- Issue 18 item 6: one buyer cannot hold a shop's stock hostage.
--
-- Caps on unpaid holds. An unpaid hold is an order that takes (or waits for) stock with no money
-- moved: a draft or a transfer order not yet paid, or a cash-on-delivery order staff have not yet
-- accepted. 0 turns a cap off. The address cap counts only orders from anonymous web chat visitors
-- (see orders.client_address), so buyers who share one carrier's address are not counted together.
ALTER TABLE shops ADD COLUMN max_unpaid_holds_per_buyer INTEGER NOT NULL DEFAULT 2;
ALTER TABLE shops ADD COLUMN max_unpaid_holds_per_address INTEGER NOT NULL DEFAULT 5;
-- Minutes an unpaid transfer order from an anonymous web chat visitor (no paid order yet) keeps its
-- stock; known buyers (Telegram, Zalo, or a web chat buyer who has paid before) keep
-- payment_timeout_minutes. The shorter of the two applies; 0 means the same as known buyers.
ALTER TABLE shops ADD COLUMN anonymous_payment_timeout_minutes INTEGER NOT NULL DEFAULT 45;

-- A hot item sold first paid, first served: an unpaid order does not take its stock at checkout but
-- waits in line (stock_queue); whoever pays first gets it.
ALTER TABLE products ADD COLUMN first_paid_first_served INTEGER NOT NULL DEFAULT 0;

-- The address an anonymous web chat visitor ordered from (NULL for everyone else), for the cap above.
ALTER TABLE orders ADD COLUMN client_address TEXT;
CREATE INDEX orders_client_address ON orders (shop_id, client_address) WHERE client_address IS NOT NULL;

-- An order's place in line for a first-paid-first-served product: waiting until the order is paid,
-- then claimed (the stock is taken and a held stock_reservations row written in the same batch) or
-- sold_out (someone paid first); dropped when the order ended before either.
CREATE TABLE stock_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'claimed', 'sold_out', 'dropped')),
  created_at TEXT NOT NULL,
  settled_at TEXT,
  UNIQUE (order_id, product_id)
);
CREATE INDEX stock_queue_product ON stock_queue (product_id, status);
