import type { Shop } from "../db/schema";
import type { Store } from "../db/store";
import type { Channel, InboundMessage, Reply } from "./types";

/**
 * What one platform update means, in the neutral form every channel converts to (bots/<channel>/
 * verify, convert and send; flows/inbound/ does the rest, the same way for all of them).
 */
export type InboundEvent =
  | {
      kind: "message";
      msg: InboundMessage;
      /** The platform's id of this message in its chat (to delete it, or to answer under it). */
      messageId: string;
      /** The bot's own message this one replies to (channels that say which message is quoted). */
      replyToBotMessageId?: string;
      /** A photo came with it: how the sender will find it again ("tg:<file id>"). */
      photoRef?: string;
    }
  | { kind: "button"; msg: InboundMessage; /** To stop the person's spinner (Telegram). */ callbackId?: string }
  | { kind: "membership"; chatId: string; title: string; present: boolean }
  | { kind: "migrated"; fromChatId: string; toChatId: string }
  /** A change only the channel understands (a Telegram Business connection): run inside the same once-only unit. */
  | { kind: "channel"; apply(store: Store, now: Date): Promise<AddressedReply[]> }
  | { kind: "ignored" };

/** A reply and where it goes. `via` sends it through another channel or bot than the event came on. */
export interface AddressedReply {
  chatId: string;
  reply: Reply;
  via?: { channel: Channel; botId: string };
}

/** What really differs between channels, declared by each adapter instead of tested in the router. */
export interface ChannelCapabilities {
  /** A link that opens a private chat with the bot carrying `payload`; undefined where the platform has none (Zalo, web chat). */
  deepLink(payload: string): string | undefined;
  /** No buttons: a reply "2" means the second choice the bot offered (Zalo). */
  numberedChoices: boolean;
  /**
   * Groups deliver only messages addressed to the bot, and no membership events (Zalo): a group
   * message is the sign the bot is in that group.
   */
  groupPresenceFromMessages: boolean;
  /** How a comment names the posted item it answers: the quoted bot message, or the bot's latest item post (Zalo quotes nothing). */
  impliedItem: "quoted" | "latest-post";
  /** The bot may delete a buyer's message in a group (a phone number typed in a live's comments). */
  deletesGroupMessages: boolean;
  /** A private message tells where to write to this person later (not on the web chat: its session is the chat). */
  remembersPrivateChat: boolean;
  /** Staff run commands here (not on the web chat: staff use the dashboard). */
  staffCommands: boolean;
  /** The replies to the event's own chat are the HTTP answer (web chat), not queued. */
  answersInline: boolean;
}

/** Who received an event: the channel, the bot (or connection, or shop slug), its shop and what it can do. */
export interface InboundSource {
  channel: Channel;
  botId: string;
  shop: Shop;
  capabilities: ChannelCapabilities;
  /** The outbox dedupe keys' prefix for this source's replies ("tg:<bot>", "zalo:<bot>"). */
  dedupePrefix: string;
  /** Stops a tapped button's spinner at once (errors are the adapter's to log, never thrown). */
  acknowledgeButton?(callbackId: string): Promise<void>;
}
