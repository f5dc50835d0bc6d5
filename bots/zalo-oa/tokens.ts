// The OA's access token, refreshed before it expires. Refresh tokens are single-use and rotate
// (ZALO.md §2.1), so one refresh at a time per OA: in this process callers share one promise, and
// across processes a lease is taken with one conditional UPDATE before the refresh token is spent.
// The new pair is stored (over the old refresh token only) before it is used.
import type { Store } from "../../src/db/store";
import {
  claimOaRefresh,
  findOaConnectionByOaId,
  markOaReconnect,
  oaConnectionsDue,
  recordOaError,
  releaseOaRefresh,
  storeOaTokens,
  type OaConnection,
} from "../../src/domain/oa/connections";
import { OA_RECONNECT, OaApiError, type ZaloOaClient } from "./client";
import { notifyStaff } from "../../src/domain/orders/staff-notices";
import { findShopById } from "../../src/domain/shops/shops";
import { zaloOaCardMessages } from "../../src/i18n/zalo-oa-card";

/** Refresh when less than this is left of the 25 h (ZALO.md §2.1 suggests refreshing at about 20 h). */
export const REFRESH_MARGIN_MS = 5 * 60 * 60 * 1000;
/** How long one refresh may hold the lease before another caller may try. */
const LEASE_MS = 60_000;

/** The OA cannot be used until its owner connects it again (dead refresh token, or never connected). */
export class OaReconnectNeeded extends Error {
  constructor(readonly oaId: string, reason: string) {
    super(`OA ${oaId}: connect again (${reason})`);
    this.name = "OaReconnectNeeded";
  }
}

/** Another caller is refreshing this OA's token right now and the current one is no longer usable: try again shortly. */
export class OaRefreshBusy extends Error {
  constructor(readonly oaId: string) {
    super(`OA ${oaId}: token refresh under way`);
    this.name = "OaRefreshBusy";
  }
}

export interface OaTokens {
  /**
   * A usable access token for the OA. `stale`: the token Zalo just called invalid (-216/-220),
   * so a fresh one is needed whatever its expiry says.
   */
  accessToken(oaId: string, opts?: { stale?: string }): Promise<string>;
}

export function oaTokens(deps: { store: Store; client: ZaloOaClient; now(): Date; marginMs?: number; /** For the link in the staff notice. */ publicUrl?: string }): OaTokens {
  const inflight = new Map<string, Promise<string>>();
  const margin = deps.marginMs ?? REFRESH_MARGIN_MS;

  async function refresh(conn: OaConnection, oaId: string, mustChange: boolean): Promise<string> {
    const now = deps.now();
    if (!(await claimOaRefresh(deps.store, conn, now, LEASE_MS))) {
      // Someone else refreshed (or is refreshing): read what is stored now.
      const again = await findOaConnectionByOaId(deps.store, oaId);
      if (!again || again.status === "reconnect" || !again.accessToken) throw new OaReconnectNeeded(oaId, "not connected");
      if (again.accessToken !== conn.accessToken) return again.accessToken;
      const stillValid = again.expiresAt && again.expiresAt.getTime() > now.getTime();
      if (!mustChange && stillValid) return again.accessToken;
      throw new OaRefreshBusy(oaId);
    }
    let pair;
    try {
      pair = await deps.client.refreshToken({ appId: conn.appId, appSecret: conn.appSecret, refreshToken: conn.refreshToken ?? "" });
    } catch (error) {
      if (error instanceof OaApiError && OA_RECONNECT.includes(error.code)) {
        await markOaReconnect(deps.store, conn.id, `${error.code} ${error.description}`, deps.now());
        // Staff hear it once (on the shop's other channels: the OA itself can no longer send).
        const shop = await findShopById(deps.store, conn.shopId);
        if (shop) {
          const link = `${deps.publicUrl ?? ""}/dashboard/zalo-oa?shop=${encodeURIComponent(shop.slug)}`;
          await notifyStaff(deps.store, shop, { text: zaloOaCardMessages(shop.lang).reconnectNotice({ link }) }, `oa-reconnect:${conn.id}:${conn.updatedAt.toISOString()}`, deps.now());
        }
        throw new OaReconnectNeeded(oaId, String(error.code));
      }
      // No answer (or another refusal): the lease goes back, the old token may still be good.
      await releaseOaRefresh(deps.store, conn.id);
      await recordOaError(deps.store, conn.id, `token refresh: ${error instanceof Error ? error.message : String(error)}`, deps.now());
      throw error;
    }
    const at = deps.now();
    const stored = await storeOaTokens(deps.store, conn, { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: new Date(at.getTime() + pair.expiresInSeconds * 1000) }, at);
    // Cannot happen while we hold the lease, short of a lease that ran out: never use an unstored pair.
    if (!stored) throw new OaRefreshBusy(oaId);
    return pair.accessToken;
  }

  async function get(oaId: string, stale?: string): Promise<string> {
    const conn = await findOaConnectionByOaId(deps.store, oaId);
    if (!conn || conn.status !== "connected" || !conn.accessToken || !conn.refreshToken) throw new OaReconnectNeeded(oaId, conn?.status ?? "unknown OA");
    const fresh = conn.expiresAt !== null && conn.expiresAt.getTime() - deps.now().getTime() > margin;
    if (stale === undefined && fresh) return conn.accessToken;
    // Zalo refused a token that was already replaced: the stored one is the new one.
    if (stale !== undefined && stale !== conn.accessToken) return conn.accessToken;
    return refresh(conn, oaId, stale !== undefined);
  }

  return {
    accessToken(oaId, opts = {}) {
      const running = inflight.get(oaId);
      if (running) return running;
      const p = get(oaId, opts.stale).finally(() => inflight.delete(oaId));
      inflight.set(oaId, p);
      return p;
    },
  };
}

/**
 * Refreshes every connected OA whose token is in its last hours, sent to or not: the refresh
 * token (3 months) is renewed with each refresh, so an OA that is quiet for a season stays
 * connected. Failures are the OA's to show (last error, or "connect again"); never thrown.
 */
export async function refreshDueOaTokens(deps: { store: Store; tokens: OaTokens; now(): Date; marginMs?: number }): Promise<{ refreshed: number; failed: number }> {
  const due = await oaConnectionsDue(deps.store, new Date(deps.now().getTime() + (deps.marginMs ?? REFRESH_MARGIN_MS)));
  let refreshed = 0;
  let failed = 0;
  for (const oaId of due) {
    try {
      await deps.tokens.accessToken(oaId);
      refreshed++;
    } catch {
      failed++;
    }
  }
  return { refreshed, failed };
}
