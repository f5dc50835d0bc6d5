import type { Selectable } from "kysely";
import type { Channel, Reply } from "../../chat/types";
import type { OutboxTable } from "../../db/schema";

export type OutboxRow = Selectable<OutboxTable>;

/** What became of one attempt to send: the platform's answer decides retry or give up. */
export type SendOutcome =
  | { kind: "sent"; result?: unknown }
  | { kind: "retry"; error: string; afterMs?: number }
  | { kind: "failed"; error: string }
  /** Not attempted: a local rate limit says wait. Does not count as an attempt. */
  | { kind: "defer"; afterMs: number };

/** Delivers outbox rows of one channel. */
export interface OutboundSender {
  send(row: OutboxRow, reply: Reply): Promise<SendOutcome>;
}

export type Senders = Partial<Record<Channel, OutboundSender>>;

export type OutboxKind = "message" | "group" | "broadcast";

/** The kind of a reply to `inbound`: "group" when it goes back into the group it came from. */
export function replyKind(inbound: { chat: { id: string; kind: "private" | "group" } } | undefined, chatId: string): OutboxKind {
  return inbound?.chat.kind === "group" && inbound.chat.id === chatId ? "group" : "message";
}

/** A message to queue: who gets it, what it says, and the natural key of what caused it. */
export interface OutboundMessage {
  channel: Channel | string;
  botId: string;
  chatId: string;
  reply: Reply;
  dedupeKey: string;
  /**
   * "group": said in a group in answer to someone there; "broadcast": a post to a linked group.
   * Both are seen by everyone, so after a crash mid-send they are reported, never sent twice.
   */
  kind?: OutboxKind;
  /** What the message belongs to ("broadcast:12"). */
  ref?: string;
}
