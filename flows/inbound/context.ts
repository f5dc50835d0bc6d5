import type { AddressedReply, InboundSource } from "../../src/chat/inbound-event";
import type { Reply } from "../../src/chat/types";
import { messagesFor, toLang } from "../../src/i18n/messages";
import type { EngineDeps } from "../engine";
import type { GroupContext } from "../group-context";

/** What the pipeline runs with: the store (inside the atomic unit, the one bound to it), the clock, the log. */
export type InboundDeps = EngineDeps & { onOutboxWrite?: () => void };

/** Replies to one chat. */
export const to = (chatId: string, replies: Reply[]): AddressedReply[] => replies.map((reply) => ({ chatId, reply }));

/** "/menu@bot args" has lost its "@bot" at the edge: "/menu args" → { command: "menu", args }. */
export function splitCommand(text: string | undefined): { command: string; args: string } | undefined {
  const m = /^\/([A-Za-z0-9_]+)\s*([\s\S]*)$/.exec(text ?? "");
  return m ? { command: (m[1] ?? "").toLowerCase(), args: m[2] ?? "" } : undefined;
}

/** The context group-side flows (comments, staff commands and buttons) run in, for this source. */
export function groupContext(deps: InboundDeps, source: InboundSource, now: Date): GroupContext {
  const lang = toLang(source.shop.lang);
  return {
    store: deps.store,
    shop: source.shop,
    channel: source.channel,
    botId: source.botId,
    deepLink: (payload) => source.capabilities.deepLink(payload),
    publicUrl: deps.publicUrl,
    now,
    lang,
    t: messagesFor(lang),
    ...(deps.carrierConfig ? { carrierConfig: deps.carrierConfig } : {}),
    ...(deps.holdsDatabase ? { holdsDatabase: true } : {}),
    ...(deps.prefetched ? { prefetched: deps.prefetched } : {}),
  };
}
