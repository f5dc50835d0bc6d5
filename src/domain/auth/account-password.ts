import type { Store } from "../../db/store";

/** What the account page says about an account's password. */
export interface AccountPassword {
  username: string;
  /** Staff accounts log in by link and have none: the page then offers no change form. */
  hasPassword: boolean;
  /** Set from ADMIN_PASSWORD: a change here lasts only until the server restarts. */
  fromEnv: boolean;
}

/** An account's username and what kind of password it has (never the hash itself). */
export async function accountPassword(store: Store, userId: number): Promise<AccountPassword | undefined> {
  const row = await store.db.selectFrom("dashboard_users").select(["username", "password_hash", "password_from_env"]).where("id", "=", userId).executeTakeFirst();
  return row ? { username: row.username, hasPassword: Boolean(row.password_hash), fromEnv: Boolean(row.password_from_env) } : undefined;
}
