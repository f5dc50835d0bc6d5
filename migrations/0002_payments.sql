-- Bank-transfer payments: per-shop webhook keys, every incoming transfer kept once, reminders.

ALTER TABLE shops ADD COLUMN sepay_api_key TEXT;
ALTER TABLE shops ADD COLUMN casso_webhook_secret TEXT;
ALTER TABLE shops ADD COLUMN payos_checksum_key TEXT;

ALTER TABLE orders ADD COLUMN reminded_at TEXT;
ALTER TABLE orders ADD COLUMN paid_at TEXT;
CREATE INDEX orders_pending_payment ON orders (status, created_at);

-- One row per transfer a bank notifier (or a staff member) reported. Never deleted, never dropped:
-- unmatched and flagged transfers stay here for the seller to see and settle.
CREATE TABLE bank_transactions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  -- sepay | casso | payos | manual
  provider TEXT NOT NULL,
  -- the provider's own transaction id: the dedupe key
  provider_tx_id TEXT NOT NULL,
  amount INTEGER NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  account_number TEXT,
  reference TEXT,
  transaction_at TEXT,
  order_id INTEGER REFERENCES orders(id),
  -- pending (being recorded) | paid | partial | overpaid | late | unmatched | other_account
  outcome TEXT NOT NULL DEFAULT 'pending',
  -- the order's paid total right after this transfer counted
  paid_total_after INTEGER,
  recorded_by TEXT,
  raw TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  UNIQUE (shop_id, provider, provider_tx_id)
);
CREATE INDEX bank_transactions_shop ON bank_transactions (shop_id, created_at);
CREATE INDEX bank_transactions_order ON bank_transactions (order_id);

-- A pushed web chat message remembers which outbox row it came from, so a resend after a crash adds nothing.
ALTER TABLE webchat_messages ADD COLUMN outbox_id INTEGER;
CREATE UNIQUE INDEX webchat_messages_outbox ON webchat_messages (outbox_id);
