// The shape both declaration drafts take (01/CNKD, 01/TKN-CNKD; ../shared/BOOKS.md §3): the form's
// ticks and header fields, then its table — one row per activity group's letter, one cell per column
// — and its total rows, every cell with the Vietnamese "how computed" trail the page shows. Nothing
// here is filed: the page, its print and its JSON say "BẢN NHÁP — tự nhập vào eTax" (draftMark, i18n/declarations-page-*).
import { formatVnd } from "../../money";
import { ACTIVITY_GROUPS, ACTIVITY_GROUP_NAMES_VI, FORM_ROW, type ActivityGroup } from "../activity-groups";
import type { BookCode } from "../book";
import type { BookPeriod } from "../revenue-lines";
import { vnDate } from "../../../i18n/vn-date";
import type { Filing } from "./filings";
import type { DeclarationPeriod } from "./periods";
import type { PeriodFigures } from "./revenue-to-date";

/** A book page the trail points to (the lines a figure is the sum of). */
export interface BookLink {
  book: BookCode;
  from: string;
  to: string;
}

/** One field of the form: its number code, what the form calls it, its value and how it was found. */
export interface DraftCell {
  /** "[11]", "[08a]"; empty for a column the form does not number. */
  code: string;
  label: string;
  /** Đồng; null: the form leaves it blank (the notice declares no tax). */
  value: number | null;
  /** Vietnamese steps: which lines (count, sum), which rate and rule with its source, what was rounded. */
  how: string[];
  book?: BookLink;
}

export interface DraftColumn {
  key: string;
  code: string;
  label: string;
  /** Which tax the column is under on the form. */
  tax: "GTGT" | "TNCN";
}

export interface DraftRow {
  /** "a"…"g", or the total rows' own keys ("18", "19", "20"). */
  key: string;
  code: string;
  label: string;
  /** The activity groups whose revenue the row holds. */
  groups: ActivityGroup[];
  cells: DraftCell[];
  /** A total row (Tổng cộng, được miễn, còn phải nộp). */
  total?: boolean;
}

export interface DraftTick {
  code: string;
  label: string;
  on: boolean;
  /** What goes beside the tick (the month, the quarter, the year). */
  value?: string;
}

export interface DraftHeaderField {
  code: string;
  label: string;
  value: string;
  /** The seller has not typed it yet (the tax profile). */
  missing: boolean;
}

export interface DeclarationDraft {
  form: "01/CNKD" | "01/TKN-CNKD";
  title: string;
  /** The circular the form in force at the period's end comes from, and the rule's source. */
  version: string;
  versionSource: string;
  /** The rule says its layout is not confirmed ([?]): the page says so. */
  versionUncertain: boolean;
  period: DeclarationPeriod;
  periodKey: string;
  range: BookPeriod;
  /** The period had not ended on the day the draft was made: its figures will still change. */
  partial: boolean;
  ticks: DraftTick[];
  header: DraftHeaderField[];
  /** The part of the form the rows are in (I / [08]: fixed location; II / [09]: platform). */
  section: { code: string; label: string };
  columns: DraftColumn[];
  rows: DraftRow[];
  /** What the shop must file for this period, by when — null when this form is not what it files. */
  filing: Filing | null;
  /** Why the form is or is not the one to file, in Vietnamese. */
  applies: string;
  /** The due date of this form for the period and the rule. */
  due: { date: string; source: string };
  /** Things to act on (the quarter the threshold was crossed in, the e-invoice registration), with the rule's source. */
  flags: { text: string; source?: string }[];
  /** What the sources leave uncertain, and what the seller must still add or check. */
  notes: string[];
  /** The form's own note, printed under the table. */
  formNote?: string;
}

const vnd = formatVnd;

/** The form's rows: one per letter of FORM_ROW, with the groups declared in it, in the forms' order. */
export function formRows(): { letter: string; groups: ActivityGroup[]; label: string }[] {
  const letters = [...new Set(Object.values(FORM_ROW))].sort();
  return letters.map((letter) => {
    const groups = ACTIVITY_GROUPS.filter((g) => FORM_ROW[g] === letter);
    // The legal group names the row; food service is declared in it and said so.
    const named = groups.find((g) => g !== "food_service") ?? groups[0]!;
    const extra = groups.filter((g) => g !== named).map((g) => ACTIVITY_GROUP_NAMES_VI[g].toLowerCase());
    return { letter, groups, label: `${ACTIVITY_GROUP_NAMES_VI[named]}${extra.length ? ` (gồm ${extra.join(", ")})` : ""}` };
  });
}

/** How a row's revenue was found: its lines by kind (count, sum), from the ledger the books use. */
export function revenueTrail(figures: PeriodFigures, groups: readonly ActivityGroup[], book: BookCode): { value: number; how: string[]; book: BookLink } {
  const sum = (pick: (g: ActivityGroup) => number) => groups.reduce((s, g) => s + pick(g), 0);
  const kinds = [
    { kind: "sale", label: "Đơn đã giao (tính vào ngày giao, kể cả chưa thu tiền)", unit: "đơn" },
    { kind: "return", label: "Hàng bán bị trả lại (tính vào ngày nhận lại)", unit: "lần" },
    { kind: "manual_sale", label: "Doanh thu tự nhập (bán ngoài Chợ Chat)", unit: "dòng" },
  ] as const;
  const how: string[] = [];
  for (const k of kinds) {
    const count = sum((g) => figures.byGroup[g].byKind[k.kind].count);
    if (count) how.push(`${k.label}: ${count} ${k.unit}, ${vnd(sum((g) => figures.byGroup[g].byKind[k.kind].amount))}.`);
  }
  const value = sum((g) => figures.byGroup[g].amount);
  const range = `${vnDate(figures.period.from)}–${vnDate(figures.period.to)}`;
  how.push(how.length ? `Cộng ${range}: ${vnd(value)} (phí giao hàng của một đơn tính vào ngành có tiền hàng lớn nhất của đơn).` : `Không có dòng doanh thu nào ${range}: ${vnd(0)}.`);
  return { value, how, book: { book, from: figures.period.from, to: figures.period.to } };
}

/** A total cell: the sum of a column over the group rows, said as the sum it is. */
export function sumCell(code: string, label: string, rows: readonly DraftRow[], column: number): DraftCell {
  const parts = rows.map((r) => ({ code: r.code, value: r.cells[column]?.value ?? null })).filter((p) => p.value !== null && p.value !== 0);
  if (rows.every((r) => r.cells[column]?.value === null)) return { code, label, value: null, how: ["Để trống như các dòng trên."] };
  const value = parts.reduce((s, p) => s + (p.value ?? 0), 0);
  return { code, label, value, how: [parts.length ? `= ${parts.map((p) => `${p.code} ${vnd(p.value ?? 0)}`).join(" + ")} = ${vnd(value)}.` : `Các dòng trên đều bằng 0: ${vnd(0)}.`] };
}
