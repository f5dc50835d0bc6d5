import { MAX_QTY, type Atom, type ItemAcc, type Opt, type Qty, type ReadItem } from "./reading-types";
import type { Refused, Refusals } from "./refusals";
import type { CommentVocabulary } from "./vocabulary";

/** The order's lines, item by item; the same item with the same options twice is one line. */
export function orderLines(items: readonly ItemAcc[], vocab: CommentVocabulary, no: Refusals): ReadItem[] | Refused {
  const lines: ReadItem[] = [];
  for (const item of items) {
    const code = item.codes?.[0] ?? "";
    const itemLines = linesOf(item, code, vocab, no.ignored);
    if (itemLines === "two_quantities" || itemLines === "which_option") return no.unclear(itemLines, { code });
    for (const line of itemLines) {
      const same = lines.find((l) => l.code === line.code && l.options.join("\u0000") === line.options.join("\u0000"));
      if (same) {
        same.qty += line.qty;
        delete same.implied;
      } else lines.push(line);
    }
  }
  if (lines.some((l) => l.qty > MAX_QTY)) return no.chatter();
  return lines;
}

/** An item's lines: "A1 2" one line; "A1 1 lớn 1 vừa" two; "A1 2 3" is two quantities with nothing to tell them apart. */
function linesOf(item: ItemAcc, code: string, vocab: CommentVocabulary, ignored: string[]): ReadItem[] | "two_quantities" | "which_option" {
  const groups: Atom[][] = [];
  const startsWithOption = item.atoms[0]?.kind === "o";
  let group: Atom[] = [];
  for (const atom of item.atoms) {
    if (startsWithOption) {
      group.push(atom);
      if (atom.kind === "q") {
        groups.push(group);
        group = [];
      }
    } else {
      if (atom.kind === "q" && group.some((a) => a.kind === "q")) {
        groups.push(group);
        group = [];
      }
      group.push(atom);
    }
  }
  if (group.length) {
    const last = groups[groups.length - 1];
    if (startsWithOption && last && !group.some((a) => a.kind === "q")) last.push(...group);
    else groups.push(group);
  }
  let conflict = false;
  let lines = groups.flatMap((g): ReadItem[] => {
    const q = g.find((a): a is Qty => a.kind === "q");
    const choices = optionsFor(g.filter((a): a is Opt => a.kind === "o"), code, ignored);
    // Two choices of one group ("lớn vừa") cannot be guessed, unless "mỗi loại" asks for each.
    const split = [...choices.values()].filter((names) => names.length > 1);
    if (split.length > 1 || (split.length === 1 && !q?.each)) conflict = true;
    const groupsInOrder = (vocab.products.get(code)?.options ?? []).map((x) => x.group);
    const combos = split.length === 1 && q?.each ? (split[0] ?? []).map((name) => new Map([...choices].map(([grp, names]) => [grp, names.length > 1 ? [name] : names]))) : [choices];
    return combos.map((combo) => ({
      code,
      qty: q ? q.value : 1,
      options: [...combo].sort(([a], [b]) => groupsInOrder.indexOf(a) - groupsInOrder.indexOf(b)).map(([, names]) => names[0] ?? ""),
      ...(q ? {} : { implied: true as const }),
    }));
  });
  if (conflict) return "which_option";
  // "A1 2 (1 lớn 1 vừa)": a total, then how it splits.
  const [total, ...split] = lines;
  if (total && split.length > 1 && total.options.length === 0 && split.every((l) => l.options.length > 0) && split.reduce((n, l) => n + l.qty, 0) === total.qty) lines = split;
  if (lines.length > 1) {
    const keys = lines.map((l) => l.options.join("\u0000"));
    if (keys.some((k) => k === "") || new Set(keys).size !== keys.length) return "two_quantities";
  }
  return lines.length ? lines : [{ code, qty: 1, options: [], implied: true }];
}

/** The options this product has among those typed, by option group (several names: a conflict, or "mỗi loại"). */
function optionsFor(typed: readonly Opt[], code: string, ignored: string[]): Map<string, string[]> {
  const byGroup = new Map<string, string[]>();
  for (const o of typed) {
    const ref = o.refs.find((r) => r.code === code);
    if (!ref) {
      ignored.push(o.raw);
      continue;
    }
    const names = byGroup.get(ref.group) ?? [];
    if (!names.includes(ref.name)) byGroup.set(ref.group, [...names, ref.name]);
  }
  return byGroup;
}
