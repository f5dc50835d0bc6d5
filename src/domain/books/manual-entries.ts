// Rows the seller adds to the books by hand (book_entries, migrations/0027): sales outside Chợ Chat,
// expenses, withdrawals and deposits, the opening balance of cash or a bank account. Every book marks
// them as such. The form's fields are checked here, every problem at once; a row is never erased,
// only marked deleted (deleted_at), so a printed book can still be explained later.
import type { BookEntryKind } from "../../db/schema";
import type { Store } from "../../db/store";
import { fail, ok, type Result } from "../../result";
import { parseVndAmount } from "../money";
import { isActivityGroup, type ActivityGroup } from "./activity-groups";
import { isDay } from "./period";
import type { BookPeriod } from "./revenue-lines";
import { RULES_COVER_FROM } from "./rules/tax-rules";

export const ENTRY_KINDS = ["sale", "expense", "withdrawal", "deposit", "opening"] as const satisfies readonly BookEntryKind[];
export type { BookEntryKind };
export type BookAccount = "cash" | "bank";

/** The longest description and reference: one line of the printed book. */
export const ENTRY_DESCRIPTION_MAX = 160;
export const ENTRY_REF_MAX = 40;

export interface ManualEntryInput {
  date: string;
  kind: BookEntryKind;
  /** Which part of the cash book; null: a sale not collected yet (in no cash line). */
  account: BookAccount | null;
  /** A sale's activity group; null for the other kinds. */
  group: ActivityGroup | null;
  /** Empty: the page words it from the kind. */
  description: string;
  ref: string | null;
  /** Positive đồng. */
  amount: number;
}

export interface ManualEntry extends ManualEntryInput {
  id: number;
  createdBy: string;
  createdAt: string;
}

export type BookDateProblem = "date" | "date_before_rules" | "date_future";
export type ManualEntryProblem =
  | { field: "date"; problem: BookDateProblem }
  | { field: "kind"; problem: "choice" }
  | { field: "account"; problem: "choice" | "needed" }
  | { field: "group"; problem: "choice" }
  | { field: "description" | "ref"; problem: "too_long" }
  | { field: "amount"; problem: "empty" | "invalid" | "too_large" | "zero" };

/** A day typed for the books: a real calendar day (YYYY-MM-DD), not before the rules begin, not after today. */
export function checkBookDate(text: unknown, today: string): Result<string, BookDateProblem> {
  const s = typeof text === "string" ? text.trim() : "";
  if (!isDay(s)) return fail("date");
  if (s < RULES_COVER_FROM) return fail("date_before_rules");
  if (s > today) return fail("date_future");
  return ok(s);
}

/** A text field of a form: NFC, one line, trimmed. */
export function formText(v: unknown): string {
  return typeof v === "string" ? v.normalize("NFC").replace(/\s+/g, " ").trim() : "";
}

/** The hand-row form checked: date, kind, account (a sale may be not yet collected), a sale's group, description, ref, amount ("150.000", "150k", "1,5tr"). */
export function parseManualEntry(form: Record<string, unknown>, today: string): Result<ManualEntryInput, ManualEntryProblem[]> {
  const problems: ManualEntryProblem[] = [];
  const date = checkBookDate(form.date, today);
  if (!date.ok) problems.push({ field: "date", problem: date.reason });
  const kind = ENTRY_KINDS.find((k) => k === form.kind);
  if (!kind) problems.push({ field: "kind", problem: "choice" });
  const accountText = form.account ?? "";
  const account = accountText === "cash" || accountText === "bank" ? accountText : null;
  if (account === null && accountText !== "" && accountText !== "none") problems.push({ field: "account", problem: "choice" });
  // Only a sale can be in no cash line (sold, not yet paid); money in or out is always somewhere.
  else if (account === null && kind && kind !== "sale") problems.push({ field: "account", problem: "needed" });
  let group: ActivityGroup | null = null;
  if (kind === "sale") {
    const g = form.group ?? "goods";
    if (isActivityGroup(g)) group = g;
    else problems.push({ field: "group", problem: "choice" });
  }
  const description = formText(form.description);
  if (description.length > ENTRY_DESCRIPTION_MAX) problems.push({ field: "description", problem: "too_long" });
  const ref = formText(form.ref);
  if (ref.length > ENTRY_REF_MAX) problems.push({ field: "ref", problem: "too_long" });
  const amount = parseVndAmount(typeof form.amount === "string" ? form.amount : "");
  if (!amount.ok) problems.push({ field: "amount", problem: amount.reason });
  else if (amount.value <= 0) problems.push({ field: "amount", problem: "zero" });
  if (problems.length || !date.ok || !kind || !amount.ok) return fail(problems);
  return ok({ date: date.value, kind, account, group, description, ref: ref || null, amount: amount.value });
}

/** Adds a row; `description` empty is stored as `fallbackDescription` (the kind's name). Returns its id. */
export async function addManualEntry(store: Store, shopId: number, entry: ManualEntryInput, fallbackDescription: string, by: string, now: Date): Promise<number> {
  const row = await store.db
    .insertInto("book_entries")
    .values({
      shop_id: shopId,
      entry_date: entry.date,
      kind: entry.kind,
      account: entry.account,
      activity_group: entry.kind === "sale" ? (entry.group ?? "goods") : null,
      description: entry.description || fallbackDescription,
      ref: entry.ref,
      amount: entry.amount,
      created_by: by,
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The period's rows added by hand (not deleted), by date then as added. */
export async function manualEntriesOf(store: Store, shopId: number, period: BookPeriod): Promise<ManualEntry[]> {
  const rows = await store.db
    .selectFrom("book_entries")
    .selectAll()
    .where("shop_id", "=", shopId)
    .where("deleted_at", "is", null)
    .where("entry_date", ">=", period.from)
    .where("entry_date", "<=", period.to)
    .orderBy("entry_date")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.entry_date,
    kind: r.kind,
    account: r.account,
    group: r.activity_group,
    description: r.description,
    ref: r.ref,
    amount: Number(r.amount),
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** Marks a row of this shop deleted; false when there is no such row or it was already deleted. */
export function deleteManualEntry(store: Store, shopId: number, id: number, now: Date): Promise<boolean> {
  return markDeleted(store, "book_entries", shopId, id, now);
}

/** The books' rows are never removed, only marked (a printed book can still be explained): true when this call marked it. */
export async function markDeleted(store: Store, table: "book_entries" | "order_returns", shopId: number, id: number, now: Date): Promise<boolean> {
  const res = await store.db
    .updateTable(table)
    .set({ deleted_at: now.toISOString() })
    .where("id", "=", id)
    .where("shop_id", "=", shopId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
