-- A shop's Zalo Official Account (OA API v3, group messaging "GMF"), issue 22. One per shop.
-- app_secret, oa_secret_key, access_token, refresh_token and pkce_verifier are secrets: sealed with
-- DATA_KEY when it is set (src/domain/secrets/sealed.ts). The refresh token is single-use and rotates:
-- a refresh first takes refreshing_until (a conditional UPDATE), then stores the new pair with an
-- UPDATE conditional on the old refresh token, so two callers never spend it twice.
CREATE TABLE zalo_oa_connections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  -- Known once the owner consented (the OAuth callback names it).
  oa_id TEXT,
  app_id TEXT NOT NULL,
  app_secret TEXT NOT NULL,
  oa_secret_key TEXT NOT NULL,
  access_token TEXT,
  refresh_token TEXT,
  expires_at TEXT,
  refreshing_until TEXT,
  -- pending: consent not finished; connected; reconnect: the refresh token is dead, the owner must consent again.
  status TEXT NOT NULL DEFAULT 'pending',
  last_error TEXT,
  last_error_at TEXT,
  -- The consent under way: its state, whose session started it, the PKCE verifier.
  oauth_state TEXT,
  oauth_user_id INTEGER,
  oauth_started_at TEXT,
  pkce_verifier TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX zalo_oa_connections_shop ON zalo_oa_connections (shop_id);
CREATE UNIQUE INDEX zalo_oa_connections_oa ON zalo_oa_connections (oa_id) WHERE oa_id IS NOT NULL;
