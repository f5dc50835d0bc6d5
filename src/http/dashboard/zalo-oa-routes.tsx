import { Hono } from "hono";
import type { Shop } from "../../db/schema";
import type { ZaloOaClient } from "../../../bots/zalo-oa/client";
import { completeOaConsent, countOaGroups, findOaConnectionByOaId, findOaConnectionByShop, findOaConnectionByState, startOaConsent } from "../../domain/oa/connections";
import { newSecretToken } from "../../domain/orders/codes";
import { visibleShops } from "../../domain/shops/visible-shops";
import { zaloOaCardMessages } from "../../i18n/zalo-oa-card";
import { requireSession, shopFor, type DashboardContext, type DashboardDeps, type DashboardEnv } from "./context";
import { Page } from "./layout";
import { ZaloTabs } from "./zalo-tabs";
import { ZaloOaCard } from "./shops/zalo-oa-card";

export interface ZaloOaDashboardDeps extends DashboardDeps {
  /** The OA API client (its OAuth root: ZALO_OAUTH_ROOT). */
  oaClient: ZaloOaClient;
}

/** A consent not finished within this is refused at the callback (Zalo's code itself lives 10 minutes). */
const CONSENT_MS = 15 * 60_000;
const APP_ID = /^\d{3,30}$/;
const OA_ID = /^\d{3,30}$/;

/** The OAuth v4 PKCE S256 challenge of a verifier: base64url(sha256(verifier)). */
export async function pkceS256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  let bin = "";
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const mayConnect = (c: DashboardContext) => ["owner", "operator"].includes(c.get("session").user.role);
const str = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : "");

/**
 * The shop's Zalo Official Account (issue 22, GMF): `/dashboard/zalo-oa` shows the connection
 * (secrets masked) and the "Kết nối Zalo OA" form to the shop's owner (and the operator). The form
 * stores the app and its keys and sends the owner to Zalo's consent page (OAuth v4, PKCE S256,
 * a state bound to this session's account); `/dashboard/zalo-oa/callback` exchanges the code and
 * stores the tokens (sealed with DATA_KEY when set).
 */
export function zaloOaDashboardRoutes(deps: ZaloOaDashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/zalo-oa", requireSession(deps));
  app.use("/zalo-oa/*", requireSession(deps));
  const guard = async (c: DashboardContext, next: () => Promise<void>) => {
    if (!mayConnect(c)) return c.html(`<p>${zaloOaCardMessages(c.get("session").lang).forbidden}</p>`, 403);
    await next();
  };
  app.use("/zalo-oa", guard);
  app.use("/zalo-oa/*", guard);

  const base = () => deps.publicUrl.replace(/\/+$/, "");
  const redirectUri = () => `${base()}/dashboard/zalo-oa/callback`;

  const render = async (c: DashboardContext, shop: Shop, flash?: { text: string; error?: boolean }, status: 200 | 400 | 403 = 200) => {
    const session = c.get("session");
    const m = zaloOaCardMessages(session.lang);
    const conn = await findOaConnectionByShop(deps.store, shop.id);
    const groups = conn?.oaId ? await countOaGroups(deps.store, shop.id, conn.oaId) : 0;
    return c.html(
      <Page d={c.get("d")} session={session} assets={c.get("assets")} title={m.pageTitle} section="zalo" shop={shop} flash={flash} styles={["shops.css"]}>
        <ZaloTabs d={c.get("d")} shop={shop} on="oa" role={session.user.role} />
        <ZaloOaCard m={m} session={session} shop={shop} conn={conn} groups={groups} webhookUrl={`${base()}/webhooks/zalo-oa/${shop.slug}`} redirectUri={redirectUri()} />
      </Page>,
      status,
    );
  };

  app.get("/zalo-oa", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    return render(c, shop, c.req.query("ok") === "connected" ? { text: zaloOaCardMessages(c.get("session").lang).connected } : undefined);
  });

  app.post("/zalo-oa/connect", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const m = zaloOaCardMessages(c.get("session").lang);
    if (!base()) return render(c, shop, { text: m.noPublicUrl, error: true }, 400);
    const form = await c.req.parseBody();
    const existing = await findOaConnectionByShop(deps.store, shop.id);
    const appId = str(form.appId, 40);
    // Left empty: the stored keys stay (the page never shows them).
    const appSecret = str(form.appSecret, 200) || existing?.appSecret || "";
    const oaSecretKey = str(form.oaSecretKey, 200) || existing?.oaSecretKey || "";
    if (!APP_ID.test(appId) || !appSecret || !oaSecretKey) return render(c, shop, { text: m.invalid, error: true }, 400);
    const state = newSecretToken(24);
    const verifier = newSecretToken(48);
    await startOaConsent(deps.store, { shopId: shop.id, appId, appSecret, oaSecretKey, state, userId: c.get("session").user.id, pkceVerifier: verifier }, deps.clock.now());
    return c.redirect(deps.oaClient.consentUrl({ appId, redirectUri: redirectUri(), codeChallenge: await pkceS256(verifier), state }), 303);
  });

  app.get("/zalo-oa/callback", async (c) => {
    const session = c.get("session");
    const m = zaloOaCardMessages(session.lang);
    const state = str(c.req.query("state"), 100);
    const code = str(c.req.query("code"), 2000);
    const oaId = str(c.req.query("oa_id"), 40);
    const conn = state ? await findOaConnectionByState(deps.store, state) : undefined;
    const shop = conn ? (await visibleShops(deps.store, session.user)).find((s) => s.id === conn.shopId) : undefined;
    const started = conn?.oauthStartedAt?.getTime() ?? 0;
    // The state must be this account's own consent, recent, and for a shop it may see.
    if (!conn || !shop || conn.oauthUserId !== session.user.id || deps.clock.now().getTime() - started > CONSENT_MS || !conn.pkceVerifier || !code || !OA_ID.test(oaId)) {
      return c.html(`<p>${m.badState}</p>`, 400);
    }
    const other = await findOaConnectionByOaId(deps.store, oaId);
    if (other && other.shopId !== conn.shopId) return render(c, shop, { text: m.oaTaken, error: true }, 400);
    let pair;
    try {
      pair = await deps.oaClient.exchangeCode({ appId: conn.appId, appSecret: conn.appSecret, code, codeVerifier: conn.pkceVerifier });
    } catch (error) {
      return render(c, shop, { text: m.exchangeFailed({ why: error instanceof Error ? error.message.slice(0, 120) : "?" }), error: true }, 400);
    }
    const now = deps.clock.now();
    const stored = await completeOaConsent(deps.store, { connectionId: conn.id, state, oaId, accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: new Date(now.getTime() + pair.expiresInSeconds * 1000) }, now);
    if (!stored) return c.html(`<p>${m.badState}</p>`, 400);
    return c.redirect(`/dashboard/zalo-oa?shop=${encodeURIComponent(shop.slug)}&ok=connected`, 303);
  });

  return app;
}
