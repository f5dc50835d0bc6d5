-- What the scheduled prune keeps (src/jobs/prune.ts, src/domain/retention/; README "Retention"), per shop.
-- retain_chat_hours: idle web chat sessions without an order, expired conversations and numbered choices.
-- retain_sent_days: sent, failed and uncertain outbox rows and web chat pushes (3 days at least).
-- retain_broadcast_days: the same for broadcast posts (the dashboard's broadcast history).
ALTER TABLE shops ADD COLUMN retain_chat_hours INTEGER NOT NULL DEFAULT 72;
ALTER TABLE shops ADD COLUMN retain_sent_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE shops ADD COLUMN retain_broadcast_days INTEGER NOT NULL DEFAULT 180;

-- The prune finds its rows oldest first through these, in bounded batches.
CREATE INDEX webchat_sessions_idle ON webchat_sessions (shop_id, last_seen_at);
CREATE INDEX conversations_expiry ON conversations (shop_id, expires_at);
CREATE INDEX inbound_events_received ON inbound_events (received_at);
CREATE INDEX outbox_created ON outbox (created_at);
CREATE INDEX webchat_messages_created ON webchat_messages (created_at);
