-- The web dashboard: accounts, sessions, login throttling, one-time login links, uploaded photos.

CREATE TABLE dashboard_users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  -- pbkdf2$sha256$<iterations>$<salt b64url>$<hash b64url>; NULL for accounts that log in by link only
  password_hash TEXT,
  -- operator (every shop) | owner | staff | shipper (one shop)
  role TEXT NOT NULL CHECK (role IN ('operator', 'owner', 'staff', 'shipper')),
  shop_id INTEGER REFERENCES shops(id),
  staff_id INTEGER REFERENCES staff(id),
  display_name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

-- A session is a random token kept by the browser in an HttpOnly cookie; only its SHA-256 is stored.
CREATE TABLE dashboard_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES dashboard_users(id),
  csrf_token TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'vi',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- Failed logins per username and per address: too many in a row lock them for a while.
CREATE TABLE login_attempts (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  updated_at TEXT NOT NULL
);

-- One-time login links a staff member gets by sending /login to the shop's bot.
CREATE TABLE login_links (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES dashboard_users(id),
  expires_at TEXT NOT NULL,
  used_at TEXT
);

-- Product photos uploaded from the dashboard (served at /media/<id>).
CREATE TABLE media (
  id TEXT PRIMARY KEY,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  created_at TEXT NOT NULL
);
