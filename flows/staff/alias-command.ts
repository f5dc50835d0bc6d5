import type { Reply } from "../../src/chat/types";
import { addAlias, listAliases, MAX_ALIAS_LENGTH, MAX_ALIASES, removeAlias, type AliasProblem } from "../../src/domain/catalog/aliases";
import type { Messages } from "../../src/i18n/messages";
import { foldText } from "../../src/text/normalize";
import type { GroupContext } from "../group-context";

// "/alias A1 -cơm gà", "/alias A1 - cơm gà", "/alias A1 xoá cơm gà" (any spelling of xoá), "remove".
const REMOVE_WORDS = new Set(["xoa", "remove", "delete", "del"]);

type AliasRequest = { kind: "list"; code: string } | { kind: "add"; code: string; alias: string } | { kind: "remove"; code: string; alias: string };

/** Reads the arguments of /alias: a code, then nothing (list), an alias (add) or "-alias" / "xoá alias" (remove). */
export function readAliasArgs(args: string): AliasRequest | undefined {
  const [code = "", ...restWords] = args.trim().split(/\s+/);
  if (!code) return undefined;
  const rest = restWords.join(" ").trim();
  if (!rest) return { kind: "list", code };
  if (rest.startsWith("-") || rest.startsWith("\u2212")) {
    const alias = rest.slice(1).trim();
    return alias ? { kind: "remove", code, alias } : undefined;
  }
  const [first = "", ...others] = rest.split(" ");
  if (REMOVE_WORDS.has(foldText(first))) return others.length ? { kind: "remove", code, alias: others.join(" ") } : undefined;
  return { kind: "add", code, alias: rest.replace(/^\+\s*/, "") };
}

function problemText(t: Messages, code: string, problem: AliasProblem): string {
  switch (problem.kind) {
    case "unknown_code":
      return t.staffUnknownCode({ code: code.slice(0, 10) });
    case "too_long":
      return t.aliasTooLong({ max: MAX_ALIAS_LENGTH });
    case "too_many":
      return t.aliasTooMany({ code: code.toUpperCase().slice(0, 10), max: MAX_ALIASES });
    case "no_letter":
      return t.aliasNoLetter({ alias: problem.alias });
    case "is_code":
      return t.aliasIsCode({ alias: problem.alias });
    case "not_found":
      return t.aliasNotFound({ code: code.toUpperCase().slice(0, 10), alias: problem.alias });
  }
}

/** `/alias`: staff list, add and remove the words buyers use for a product in comments. */
export async function aliasCommand(ctx: GroupContext, args: string): Promise<Reply[]> {
  const request = readAliasArgs(args);
  if (!request) return [{ text: ctx.t.aliasUsage }];
  const { t } = ctx;
  if (request.kind === "list") {
    const listed = await listAliases(ctx.store, ctx.shop.id, request.code);
    if (!listed) return [{ text: t.staffUnknownCode({ code: request.code.slice(0, 10) }) }];
    const text = listed.aliases.length ? t.aliasList({ code: listed.code, name: listed.name, aliases: listed.aliases.join(", ") }) : t.aliasNone({ code: listed.code, name: listed.name });
    return [{ text }];
  }
  if (request.kind === "add") {
    const before = (await listAliases(ctx.store, ctx.shop.id, request.code))?.aliases ?? [];
    const added = await addAlias(ctx.store, ctx.shop.id, request.code, request.alias);
    if (!added.ok) return [{ text: problemText(t, request.code, added.reason) }];
    const fresh = added.value.aliases.filter((a) => !before.includes(a));
    if (!added.value.changed || fresh.length === 0) return [{ text: t.aliasAlready({ code: added.value.code, alias: request.alias.trim().slice(0, 50) }) }];
    return [{ text: t.aliasAdded({ code: added.value.code, alias: fresh.join(", "), aliases: added.value.aliases.join(", ") }) }];
  }
  const removed = await removeAlias(ctx.store, ctx.shop.id, request.code, request.alias);
  if (!removed.ok) return [{ text: problemText(t, request.code, removed.reason) }];
  return [{ text: t.aliasRemoved({ code: removed.value.code, alias: request.alias.trim().slice(0, 50), aliases: removed.value.aliases.join(", ") }) }];
}
