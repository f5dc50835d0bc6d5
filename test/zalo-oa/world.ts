import { ZaloOaClient } from "../../bots/zalo-oa/client";
import { zaloOaSender } from "../../bots/zalo-oa/sender";
import { oaTokens, type OaTokens } from "../../bots/zalo-oa/tokens";
import { completeOaConsent, findOaConnectionByShop, startOaConsent } from "../../src/domain/oa/connections";
import { dispatchOutbox } from "../../src/domain/outbox/dispatch";
import type { Senders } from "../../src/domain/outbox/types";
import { isKnownGroupChat } from "../../src/domain/shops/known-groups";
import { keyringFrom } from "../../src/domain/secrets/keyring";
import { startFakeZaloOa, type FakeOa, type OaWebhookEvent } from "../fakes/zalo-oa-api";
import { makeTestApp, type TestApp } from "../helpers/test-app";

export const OA = { oaId: "3662729599332560487", appId: "1234567890", appSecret: "app-secret-0123456789", oaSecretKey: "oa-secret-key-0123456789", groups: ["f1a2b3c4d5e6"] };
export const GROUP = "f1a2b3c4d5e6";
export const LAN = "2512523625412515";

export interface OaWorld {
  t: TestApp;
  fake: FakeOa;
  client: ZaloOaClient;
  tokens: OaTokens;
  senders: Senders;
  post(event: OaWebhookEvent | string, opts?: { tamper?: boolean; signature?: string }): Promise<number>;
  flush(stepMs?: number, maxRounds?: number): Promise<void>;
  close(): Promise<void>;
}

/** The app with the demo shop's OA connected (tokens issued by the fake), the "zalo-oa" sender pointed at the fake. */
export async function oaWorld(opts: { dataKey?: string } = {}): Promise<OaWorld> {
  let clockNow = () => Date.now();
  const fake = await startFakeZaloOa({ now: () => clockNow() });
  fake.addOa(OA);
  const t = await makeTestApp({ env: { PUBLIC_URL: "https://cho.example.vn" } });
  clockNow = () => t.clock.now().getTime();
  if (opts.dataKey) t.sqlite.store.keyring = await keyringFrom(opts.dataKey);
  const store = t.sqlite.store;
  await startOaConsent(store, { shopId: 1, appId: OA.appId, appSecret: OA.appSecret, oaSecretKey: OA.oaSecretKey, state: "s", userId: 1, pkceVerifier: "v" }, t.clock.now());
  const pair = fake.issueTokens(OA.oaId);
  const conn = await findOaConnectionByShop(store, 1);
  await completeOaConsent(store, { connectionId: conn?.id ?? 0, state: "s", oaId: OA.oaId, accessToken: pair.access_token, refreshToken: pair.refresh_token, expiresAt: new Date(t.clock.now().getTime() + 90_000_000) }, t.clock.now());
  const client = new ZaloOaClient({ apiRoot: fake.url, oauthRoot: fake.url, timeoutMs: 1_000 });
  const tokens = oaTokens({ store, client, now: () => t.clock.now(), publicUrl: "https://cho.example.vn" });
  const generous = { max: 1000, windowMs: 1000 };
  const senders: Senders = {
    "zalo-oa": zaloOaSender({ store, client, tokens, now: () => t.clock.now().getTime(), lang: "vi", isGroupChat: (chatId) => isKnownGroupChat(store, "zalo-oa", chatId), limits: { perOa: generous, perChat: generous, perGroup: generous } }),
  };
  return {
    t,
    fake,
    client,
    tokens,
    senders,
    async post(event, o = {}) {
      const signed = typeof event === "string" ? { body: event, headers: { "content-type": "application/json", "x-zevent-signature": o.signature ?? "00" } } : fake.signed(event, o);
      if (o.signature !== undefined) signed.headers["x-zevent-signature"] = o.signature;
      return (await t.app.request("/webhooks/zalo-oa/demo", { method: "POST", headers: signed.headers, body: signed.body })).status;
    },
    async flush(stepMs = 1_000, maxRounds = 100) {
      for (let i = 0; i < maxRounds; i++) {
        await dispatchOutbox(store, senders, t.logger, () => t.clock.now(), { batchSize: 100 });
        const due = await store.db.selectFrom("outbox").select("id").where("status", "in", ["pending", "sending"]).execute();
        if (due.length === 0) return;
        t.clock.advance(stepMs);
      }
    },
    close: async () => {
      await fake.close();
      await t.close();
    },
  };
}
