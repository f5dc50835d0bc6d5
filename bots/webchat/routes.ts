import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Reply } from "../../src/chat/types";
import { claimInboundEvent, finishInboundEvent } from "../../src/domain/chat/inbound-events";
import { findShopBySlug } from "../../src/domain/shops/shops";
import { jsonError } from "../../src/http/errors";
import { addressKey } from "../../src/http/ip-address";
import { clientAddress } from "../../src/http/rate-limit";
import { readJsonBody } from "../../src/http/json-body";
import type { EngineDeps } from "../../flows/engine";
import { handleWebchatMessage } from "./inbound";
import { resolveSession, sessionBelongsTo } from "./sessions";

const messageBody = z.object({
  session: z.string().max(64).optional(),
  // Long text is accepted and capped when normalised: a person pasting 5,000 characters gets an answer.
  text: z.string().max(100_000).optional(),
  action: z.string().max(200).optional(),
  id: z.string().min(1).max(100).optional(),
});

const pollQuery = z.object({
  session: z.string().min(1).max(64),
  after: z.coerce.number().int().min(0).default(0),
});

// A resend of a message still being answered waits this long for the first answer.
const REPLAY_WAIT_MS = 5_000;
const REPLAY_POLL_MS = 100;

type Answer = { session: string; replies: Reply[] };

/**
 * The address the per-address cap on unpaid holds counts under: the rate limit's key (an IPv6 /64 is
 * one subscriber). None for a loopback peer, a proxy on this machine TRUST_PROXY does not name:
 * every visitor would share it, and one of them could then stop all the others from ordering.
 */
function holdCapAddress(c: Context): { clientAddress?: string } {
  const address = clientAddress(c);
  if (address === "unknown" || /^(127\.|::1$|::ffff:127\.)/.test(address)) return {};
  return { clientAddress: addressKey(address) };
}

/** The web chat API (CONTRACT.md): send a message, poll for pushed ones. */
export function webchatRoutes(deps: EngineDeps): Hono {
  const app = new Hono();

  app.post("/:shop/messages", async (c) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    const body = await readJsonBody(c, messageBody);
    if (!body.ok) return jsonError(c, 400, body.reason);
    const { id, text, action } = body.value;

    // A phone on flaky 3G resends with the same id: answer it with the first answer, change nothing.
    // Ids are scoped by session; without one there is nothing to replay (a resent greeting only opens
    // a second empty session), and replaying by id alone would hand one browser's session to another.
    const eventKey = id && body.value.session ? `${body.value.session}:${id}` : undefined;
    if (eventKey) {
      const deadline = Date.now() + REPLAY_WAIT_MS;
      for (;;) {
        const claim = await claimInboundEvent(deps.store, "webchat", shop.slug, eventKey, deps.clock.now());
        if (claim.kind === "claimed") break;
        if (claim.kind === "done" && claim.response) return c.json(JSON.parse(claim.response) as Answer);
        if (Date.now() > deadline) return jsonError(c, 409, "this message is still being answered");
        await new Promise((r) => setTimeout(r, REPLAY_POLL_MS));
      }
    }

    const session = await resolveSession(deps.store, shop.id, body.value.session, deps.clock.now());
    const fresh = session !== body.value.session;
    const replies = await handleWebchatMessage(deps, shop, {
      session,
      ...(text !== undefined ? { text } : {}),
      ...(action ? { action } : {}),
      ...(id ? { id } : {}),
      ...holdCapAddress(c),
      // A brand-new session with nothing typed is a greeting.
      ...(fresh && text === undefined && !action ? { text: "/start" } : {}),
    });
    const answer: Answer = { session, replies };
    if (eventKey) await finishInboundEvent(deps.store, "webchat", shop.slug, eventKey, JSON.stringify(answer));
    return c.json(answer);
  });

  app.get("/:shop/messages", async (c) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    const query = pollQuery.safeParse(c.req.query());
    if (!query.success) return jsonError(c, 400, "session and after are required");
    if (!(await sessionBelongsTo(deps.store, shop.id, query.data.session))) return jsonError(c, 404, "unknown session");
    const rows = await deps.store.db
      .selectFrom("webchat_messages")
      .select(["id", "reply"])
      .where("session_id", "=", query.data.session)
      .where("id", ">", query.data.after)
      .orderBy("id")
      .limit(100)
      .execute();
    return c.json({ messages: rows.map((r) => ({ ...(JSON.parse(r.reply) as Reply), seq: r.id })) });
  });

  return app;
}
