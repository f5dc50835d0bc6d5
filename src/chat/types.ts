/**
 * The neutral message types. Channels (bots/<channel>/) convert platform updates into
 * InboundMessage and turn Reply into platform calls; flows see only these.
 */
export type Channel = "telegram" | "zalo" | "webchat" | "telegram-business" | "zalo-oa";
export type Lang = "vi" | "en";

export interface InboundMessage {
  channel: Channel;
  /** Which bot received it (Telegram/Zalo bot id; for web chat, the shop slug). */
  botId: string;
  shopId: number;
  /** Unique per (channel, botId): used to drop redeliveries. */
  eventId: string;
  chat: { id: string; kind: "private" | "group"; title?: string };
  from: { id: string; name: string; username?: string; langHint?: string };
  /** What the person typed, normalised once at the edge (NFC, trimmed, capped). */
  text?: string;
  /** A tapped button's action string. */
  action?: string;
  /** A shared contact card (Telegram's request_contact). `ownContact` is false for someone else's card. */
  contact?: { phone: string; ownContact: boolean };
  receivedAt: Date;
  /** Where the message came from, as the HTTP edge saw it (web chat only): for the per-address hold cap. */
  clientAddress?: string;
}

export interface ReplyButton {
  label: string;
  action?: string;
  url?: string;
}

/** One message to a person. Buttons degrade to numbered choices where a platform has none. */
export interface Reply {
  text: string;
  buttons?: ReplyButton[];
  image?: string;
  /** Ask for the phone with the platform's share-contact button where one exists (label: the button; prompt: the line above it). */
  requestPhone?: { label: string; prompt: string };
  /** Several of these to one group chat may be merged into one message (live-stream acknowledgements). */
  mergeable?: boolean;
  /** Remove a message from the chat (a phone number typed in a group) instead of sending anything. */
  deleteMessageId?: string;
  /** Replace an earlier message (the outbox dedupe key it was queued under) instead of sending a new one, where the platform can edit. */
  editOf?: string;
}
