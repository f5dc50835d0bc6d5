import type { Widen } from "./widen";
import { ordersBoardEn } from "./orders-board-en";
import { ordersBoardVi } from "./orders-board-vi";

/** The orders board's message catalog type, built from Vietnamese: English must have every key. */
export type OrdersBoardMessages = Widen<typeof ordersBoardVi>;

/** Words of the orders board for a language (Vietnamese when unknown). */
export function ordersBoardMessages(lang: string | null | undefined): OrdersBoardMessages {
  return lang === "en" ? ordersBoardEn : ordersBoardVi;
}
