import { foldText } from "../../src/text/normalize";

const REMOVE_VERBS = ["huy", "bo", "khong lay", "ko lay", "k lay", "thoi", "xoa", "cancel", "remove"];

/** "huỷ A1", "bỏ a1", "không lấy A1 nữa" → the codes to take out of the buyer's live order. */
export function parseRemoval(text: string, codes: readonly string[]): string[] | undefined {
  const folded = foldText(text).replace(/[^a-z0-9 ]/g, " ").replace(/\s+/g, " ").trim();
  const verb = REMOVE_VERBS.find((v) => folded === v || folded.startsWith(`${v} `));
  if (!verb) return undefined;
  const words = folded.slice(verb.length).trim().split(" ");
  const found = codes.filter((c) => words.includes(c.toLowerCase()));
  return found.length ? found : undefined;
}
