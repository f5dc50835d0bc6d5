-- Where an order came from, for the seller's counts and for what the buyer is sent (issue 22):
-- 'group' (a comment in a group), 'private' (a private chat), 'webchat', 'fallback_link' (a private
-- chat opened from the link or QR a seller posted where the bot cannot read), 'webchat_link' (the
-- shop's web chat link posted the same way), 'staff' (typed in by staff), 'oa_group' (a Zalo OA
-- group). NULL for orders placed before it was kept.
ALTER TABLE orders ADD COLUMN source TEXT;
