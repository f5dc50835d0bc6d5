import { telegramBusinessReader } from "./telegram-business/reader";
import type { TelegramUpdateReader } from "./telegram/handle-update";

/**
 * The channels that arrive through a Telegram bot's own updates, read before the bot's: register a
 * new one here (and its sender in the entries' `channels`).
 */
export function telegramReaders(answerCallback: (botId: string, callbackId: string) => Promise<void>): TelegramUpdateReader[] {
  return [telegramBusinessReader(answerCallback)];
}
