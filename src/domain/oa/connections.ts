// A shop's Zalo Official Account connection (migrations/0023_zalo_oa.sql): the app and its keys,
// the OAuth tokens (single-use refresh tokens that rotate), and the consent under way. Secrets are
// sealed with DATA_KEY when it is set. No interactive transaction (D1 has none): the refresh is a
// lease taken with one conditional UPDATE, and the new pair is stored with an UPDATE conditional on
// the old refresh token.
import { sql } from "kysely";
import type { Selectable } from "kysely";
import type { Store } from "../../db/store";
import type { ZaloOaConnectionsTable } from "../../db/schema";
import { openSecret, sealSecret } from "../secrets/sealed";

type Row = Selectable<ZaloOaConnectionsTable>;

/** A connection with its secrets opened. `storedRefreshToken` is the column as stored (sealed): the compare-and-set key. */
export interface OaConnection {
  id: number;
  shopId: number;
  oaId: string | null;
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  accessToken: string | null;
  refreshToken: string | null;
  storedRefreshToken: string | null;
  expiresAt: Date | null;
  refreshingUntil: Date | null;
  status: "pending" | "connected" | "reconnect";
  lastError: string | null;
  lastErrorAt: Date | null;
  oauthState: string | null;
  oauthUserId: number | null;
  oauthStartedAt: Date | null;
  pkceVerifier: string | null;
  updatedAt: Date;
}

const date = (v: string | null) => (v ? new Date(v) : null);

async function openRow(store: Store, row: Row): Promise<OaConnection> {
  const maybe = async (field: Parameters<typeof openSecret>[1], v: string | null) => (v === null ? null : openSecret(store, field, v));
  return {
    id: row.id,
    shopId: row.shop_id,
    oaId: row.oa_id,
    appId: row.app_id,
    appSecret: await openSecret(store, "zalo_oa.app_secret", row.app_secret),
    oaSecretKey: await openSecret(store, "zalo_oa.oa_secret_key", row.oa_secret_key),
    accessToken: await maybe("zalo_oa.access_token", row.access_token),
    refreshToken: await maybe("zalo_oa.refresh_token", row.refresh_token),
    storedRefreshToken: row.refresh_token,
    expiresAt: date(row.expires_at),
    refreshingUntil: date(row.refreshing_until),
    status: row.status,
    lastError: row.last_error,
    lastErrorAt: date(row.last_error_at),
    oauthState: row.oauth_state,
    oauthUserId: row.oauth_user_id,
    oauthStartedAt: date(row.oauth_started_at),
    pkceVerifier: await maybe("zalo_oa.pkce_verifier", row.pkce_verifier),
    updatedAt: new Date(row.updated_at),
  };
}

/** The shop's OA connection (any status), secrets opened. */
export async function findOaConnectionByShop(store: Store, shopId: number): Promise<OaConnection | undefined> {
  const row = await store.db.selectFrom("zalo_oa_connections").selectAll().where("shop_id", "=", shopId).executeTakeFirst();
  return row && openRow(store, row);
}

/** The connection of an OA by its id (the outbox rows' bot id), secrets opened. */
export async function findOaConnectionByOaId(store: Store, oaId: string): Promise<OaConnection | undefined> {
  const row = await store.db.selectFrom("zalo_oa_connections").selectAll().where("oa_id", "=", oaId).executeTakeFirst();
  return row && openRow(store, row);
}

/** The connection whose consent `state` names (the OAuth callback), secrets opened. */
export async function findOaConnectionByState(store: Store, state: string): Promise<OaConnection | undefined> {
  const row = await store.db.selectFrom("zalo_oa_connections").selectAll().where("oauth_state", "=", state).executeTakeFirst();
  return row && openRow(store, row);
}

/**
 * Starts (or restarts) connecting a shop's OA: the app, its keys and the consent under way. Tokens
 * already held stay until the new consent replaces them.
 */
export async function startOaConsent(
  store: Store,
  input: { shopId: number; appId: string; appSecret: string; oaSecretKey: string; state: string; userId: number; pkceVerifier: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const values = {
    app_id: input.appId,
    app_secret: await sealSecret(store, "zalo_oa.app_secret", input.appSecret),
    oa_secret_key: await sealSecret(store, "zalo_oa.oa_secret_key", input.oaSecretKey),
    oauth_state: input.state,
    oauth_user_id: input.userId,
    oauth_started_at: at,
    pkce_verifier: await sealSecret(store, "zalo_oa.pkce_verifier", input.pkceVerifier),
    updated_at: at,
  };
  await store.db
    .insertInto("zalo_oa_connections")
    .values({ shop_id: input.shopId, ...values, created_at: at })
    .onConflict((oc) => oc.column("shop_id").doUpdateSet(values))
    .execute();
}

/**
 * Ends the consent: the OA id and the first token pair, kept only if the consent is still the one
 * `state` named (a second callback with the same state changes nothing). True when stored.
 */
export async function completeOaConsent(
  store: Store,
  input: { connectionId: number; state: string; oaId: string; accessToken: string; refreshToken: string; expiresAt: Date },
  now: Date,
): Promise<boolean> {
  const done = await store.db
    .updateTable("zalo_oa_connections")
    .set({
      oa_id: input.oaId,
      access_token: await sealSecret(store, "zalo_oa.access_token", input.accessToken),
      refresh_token: await sealSecret(store, "zalo_oa.refresh_token", input.refreshToken),
      expires_at: input.expiresAt.toISOString(),
      refreshing_until: null,
      status: "connected",
      last_error: null,
      last_error_at: null,
      oauth_state: null,
      oauth_user_id: null,
      oauth_started_at: null,
      pkce_verifier: null,
      updated_at: now.toISOString(),
    })
    .where("id", "=", input.connectionId)
    .where("oauth_state", "=", input.state)
    .executeTakeFirst();
  return done.numUpdatedRows === 1n;
}

/**
 * Takes the right to spend the refresh token for `leaseMs`: one conditional UPDATE, so of two
 * callers (two processes, two Workers) only one refreshes. False: someone else holds it, or the
 * refresh token changed since it was read.
 */
export async function claimOaRefresh(store: Store, conn: Pick<OaConnection, "id" | "storedRefreshToken">, now: Date, leaseMs: number): Promise<boolean> {
  if (conn.storedRefreshToken === null) return false;
  const done = await store.db
    .updateTable("zalo_oa_connections")
    .set({ refreshing_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where("id", "=", conn.id)
    .where("refresh_token", "=", conn.storedRefreshToken)
    .where("status", "=", "connected")
    .where((eb) => eb.or([eb("refreshing_until", "is", null), eb("refreshing_until", "<", now.toISOString())]))
    .executeTakeFirst();
  return done.numUpdatedRows === 1n;
}

/** Stores the rotated pair, only over the refresh token that was spent for it. True when stored. */
export async function storeOaTokens(
  store: Store,
  conn: Pick<OaConnection, "id" | "storedRefreshToken">,
  pair: { accessToken: string; refreshToken: string; expiresAt: Date },
  now: Date,
): Promise<boolean> {
  if (conn.storedRefreshToken === null) return false;
  const done = await store.db
    .updateTable("zalo_oa_connections")
    .set({
      access_token: await sealSecret(store, "zalo_oa.access_token", pair.accessToken),
      refresh_token: await sealSecret(store, "zalo_oa.refresh_token", pair.refreshToken),
      expires_at: pair.expiresAt.toISOString(),
      refreshing_until: null,
      last_error: null,
      last_error_at: null,
      updated_at: now.toISOString(),
    })
    .where("id", "=", conn.id)
    .where("refresh_token", "=", conn.storedRefreshToken)
    .executeTakeFirst();
  return done.numUpdatedRows === 1n;
}

/** Gives the refresh lease back (the refresh failed without an answer that changes anything). */
export async function releaseOaRefresh(store: Store, connectionId: number): Promise<void> {
  await store.db.updateTable("zalo_oa_connections").set({ refreshing_until: null }).where("id", "=", connectionId).execute();
}

/** Records the last error staff should see on the card (never a token or key). */
export async function recordOaError(store: Store, connectionId: number, error: string, now: Date): Promise<void> {
  await store.db
    .updateTable("zalo_oa_connections")
    .set({ last_error: error.slice(0, 300), last_error_at: now.toISOString() })
    .where("id", "=", connectionId)
    .execute();
}

/** The refresh token is dead: nothing is sent until the owner connects the OA again. */
export async function markOaReconnect(store: Store, connectionId: number, error: string, now: Date): Promise<void> {
  await store.db
    .updateTable("zalo_oa_connections")
    .set({ status: "reconnect", refreshing_until: null, last_error: error.slice(0, 300), last_error_at: now.toISOString(), updated_at: now.toISOString() })
    .where("id", "=", connectionId)
    .execute();
}

/** How many groups the OA has been seen in (group messages record them in shop_groups). */
export async function countOaGroups(store: Store, shopId: number, oaId: string): Promise<number> {
  const row = await store.db
    .selectFrom("shop_groups")
    .select(sql<number>`count(*)`.as("n"))
    .where("shop_id", "=", shopId)
    .where("channel", "=", "zalo-oa")
    .where("bot_id", "=", oaId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The connected OAs whose access token expires before `before` (the housekeeping refresh keeps their refresh tokens alive). */
export async function oaConnectionsDue(store: Store, before: Date): Promise<string[]> {
  const rows = await store.db
    .selectFrom("zalo_oa_connections")
    .select("oa_id")
    .where("status", "=", "connected")
    .where("oa_id", "is not", null)
    .where("expires_at", "<", before.toISOString())
    .execute();
  return rows.flatMap((r) => (r.oa_id ? [r.oa_id] : []));
}
