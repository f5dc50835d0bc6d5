-- A staff cancel can be undone for a short window (issue 19): the status it left and until when.
-- The buyer's notice waits in the outbox for the same window (next_attempt_at).
ALTER TABLE orders ADD COLUMN cancelled_from TEXT;
ALTER TABLE orders ADD COLUMN cancel_undo_until TEXT;
