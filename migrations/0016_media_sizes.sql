-- Issue 19 item 10: small copies of each product photo, made by the seller's browser at upload
-- (the server has no image library) and stored with it, so a 64 px thumbnail or a photo in the web
-- chat is not the 1280 px original. /media/<id>?w=N serves the smallest copy whose longest side is
-- at least N px, or the original (every photo uploaded before this has no copies).
CREATE TABLE media_variants (
  media_id TEXT NOT NULL REFERENCES media(id),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (media_id, width)
);
