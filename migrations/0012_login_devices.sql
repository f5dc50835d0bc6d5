-- Login throttling that cannot lock the operator out (issue 18).
--
-- Browsers that logged in with a password before: the HttpOnly device cookie holds a random token,
-- only its SHA-256 is kept here. The right password from such a browser gets in even while others
-- are guessing that account's password from elsewhere (OWASP's device cookies).
CREATE TABLE login_devices (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES dashboard_users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_login_at TEXT NOT NULL
);
CREATE INDEX login_devices_by_user ON login_devices (user_id, last_login_at);

-- login_attempts now counts per address, per (address, username), per device and (for a short,
-- small slowdown) per username; a lock is worked out from failures and updated_at, so locked_until
-- is no longer written. The old rows (a username locked for everyone) go.
DELETE FROM login_attempts;
