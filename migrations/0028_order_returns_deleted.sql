-- A return recorded by mistake can be taken back (issue 24): it is only marked, so a book printed
-- before can still be explained, and the order's goods can be returned again up to its total.
ALTER TABLE order_returns ADD COLUMN deleted_at TEXT;
