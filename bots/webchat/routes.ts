import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Reply } from "../../src/chat/types";
import type { Store } from "../../src/db/store";
import { findShopBySlug } from "../../src/domain/shops/shops";
import { jsonError } from "../../src/http/errors";
import { addressKey } from "../../src/http/ip-address";
import { clientAddress } from "../../src/http/rate-limit";
import { readJsonBody } from "../../src/http/json-body";
import { webchatMessagesAfter } from "../../src/domain/chat/webchat-messages";
import { resolveSession, sessionBelongsTo } from "../../src/domain/chat/webchat-sessions";
import { markWebchatSessionFromLink } from "../../src/domain/zalo-groups/fallback-links";
import { cameFromGroupLink } from "../../src/http/go-links";
import type { InboundDeps } from "../../flows/inbound/context";
import { handleInbound } from "../../flows/inbound/pipeline";
import { webchatEvent, webchatSource } from "./inbound";

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
export function webchatRoutes(deps: InboundDeps): Hono {
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
    // Opened from the web chat link a seller posted in a group (/go/<shop>/chat): the session keeps it.
    const fromLink = cameFromGroupLink(c, shop.slug);
    // The session is looked up (and kept alive) only once the message is claimed: a redelivery changes nothing.
    let session = "";
    const event = async (store: Store) => {
      session = await resolveSession(store, shop.id, body.value.session, deps.clock.now());
      if (fromLink) await markWebchatSessionFromLink(store, shop.id, session);
      const fresh = session !== body.value.session;
      return webchatEvent(
        shop,
        {
          session,
          ...(text !== undefined ? { text } : {}),
          ...(action ? { action } : {}),
          ...(id ? { id } : {}),
          ...holdCapAddress(c),
          // A brand-new session with nothing typed is a greeting.
          ...(fresh && text === undefined && !action ? { text: "/start" } : {}),
        },
        deps.clock.now(),
      );
    };
    const answerOf = (replies: Reply[]): Answer => ({ session, replies });
    const deadline = Date.now() + REPLAY_WAIT_MS;
    for (;;) {
      const outcome = await handleInbound(deps, webchatSource(shop), event, {
        ...(eventKey ? { eventKey, answer: (inline: Reply[]) => JSON.stringify(answerOf(inline)) } : {}),
      });
      if (outcome.kind === "handled") return c.json(answerOf(outcome.inline));
      if (outcome.kind === "replayed" && outcome.response) return c.json(JSON.parse(outcome.response) as Answer);
      if (Date.now() > deadline) return jsonError(c, 409, "this message is still being answered");
      await new Promise((r) => setTimeout(r, REPLAY_POLL_MS));
    }
  });

  app.get("/:shop/messages", async (c) => {
    const shop = await findShopBySlug(deps.store, c.req.param("shop"));
    if (!shop) return jsonError(c, 404, "unknown shop");
    const query = pollQuery.safeParse(c.req.query());
    if (!query.success) return jsonError(c, 400, "session and after are required");
    if (!(await sessionBelongsTo(deps.store, shop.id, query.data.session))) return jsonError(c, 404, "unknown session");
    return c.json({ messages: await webchatMessagesAfter(deps.store, query.data.session, query.data.after) });
  });

  return app;
}
