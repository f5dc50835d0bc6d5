-- Dashboard passwords that must be changed: the random first-start password of `admin` (printed once)
-- must be replaced at the first login. password_from_env: the password was last set from ADMIN_PASSWORD
-- at start, so the server sets it again at every start while that variable stays (the account page says so).
ALTER TABLE dashboard_users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dashboard_users ADD COLUMN password_from_env INTEGER NOT NULL DEFAULT 0;
