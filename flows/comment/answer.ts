import type { CommentRefusal } from "../parse/comment/read-comment";
import type { CommentVocabulary } from "../parse/comment/vocabulary";
import type { Messages } from "../../src/i18n/messages";

/**
 * The one short line a comment that tried to order gets when it cannot be read in full, with a
 * form that works; undefined for chatter, which gets no answer. `who` names the buyer in a group.
 */
export function commentAnswer(t: Messages, refusal: CommentRefusal, vocab: CommentVocabulary, who = ""): string | undefined {
  if (refusal.kind === "chatter" || refusal.kind === "correction") return undefined;
  const example = refusal.code && vocab.products.has(refusal.code) ? refusal.code : ([...vocab.products.keys()][0] ?? "A1");
  const code = refusal.code || example;
  switch (refusal.why) {
    case "quantity":
      return t.commentAskQuantity({ who, code });
    case "two_quantities":
      return t.commentAskOneQuantity({ who, code });
    case "whole_number":
      return t.commentAskWhole({ who, code });
    case "unknown_code":
      return t.commentAskCode({ who, code: refusal.code ?? "", example });
    case "which_product": {
      const codes = [...new Set(refusal.codes ?? [])];
      const choices = codes.map((c) => `${c} ${vocab.products.get(c)?.name ?? ""}`.trim()).join(", ");
      return t.commentAskWhich({ who, choices, example: codes[0] ?? example });
    }
    case "which_option": {
      const groups = vocab.products.get(code)?.options ?? [];
      const choices = groups.flatMap((g) => g.names).join(", ");
      return t.commentAskOption({ who, code, choices });
    }
    case "unreadable":
      return t.commentAskAgain({ who, example });
  }
}
