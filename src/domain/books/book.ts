// The shape every household book takes (S1a-HKD, S2a-HKD, S2e-HKD under Circular 152/2025): the
// sections of the official form, with their lines and summary rows, for the printable page and the
// spreadsheet; and the same lines flat, as GET /api/shops/:shop/books/:book answers (CONTRACT.md).
import type { ActivityGroup } from "./activity-groups";
import type { BookPeriod } from "./revenue-lines";
import type { FormVersion } from "./rules/tax-rules";

export type BookCode = "S1a" | "S2a" | "S2e";
export const BOOK_CODES = ["S1a", "S2a", "S2e"] as const satisfies readonly BookCode[];

/** One line of a book, as CONTRACT.md gives it. */
export interface BookRow {
  /** Shop-local YYYY-MM-DD. */
  date: string;
  /** The order code, the transfer's id, or what the seller typed. */
  ref?: string;
  description: string;
  /** Đồng; negative for a return or an outflow. */
  amount: number;
  group?: ActivityGroup;
  account?: "bank" | "cash";
  /** Added by hand, not made from an order or a transfer. */
  manual?: boolean;
}

/** A summary row of a section (Tổng cộng, Thuế GTGT, Số dư cuối kỳ…) and how it was computed. */
export interface BookSummaryRow {
  key: string;
  label: string;
  amount: number;
  /** In Vietnamese, for the page's "cách tính" trail: the figures and the rule with its source. */
  how: string;
}

/** A part of the form: one activity group of S2a, the cash or one bank account of S2e, S1a's one list. */
export interface BookSection {
  key: string;
  /** As the form words it ("1. Ngành nghề: Phân phối, cung cấp hàng hóa", "Tiền mặt", "Ngân hàng: …"). */
  title: string;
  /** S2e: the balance brought forward (Số dư đầu kỳ). */
  opening?: number;
  rows: BookRow[];
  summary: BookSummaryRow[];
}

export interface Book {
  book: BookCode;
  from: string;
  to: string;
  /** The form in force at the period's end: its title and the circular that issued it. */
  form: FormVersion & { code: `${BookCode}-HKD` };
  sections: BookSection[];
  /** Every section's rows in order (the API's `rows`). */
  rows: BookRow[];
  /** The book's end figures by key (the API's `totals`): S1a total; S2a per group, vat, pit; S2e cash/bank in, out, closing. */
  totals: Record<string, number>;
  /** Whether the shop's revenue band needs this book (S1a always; S2a/S2e above the no-tax threshold). */
  required: boolean;
  /** What the seller must still add or check for this book, in Vietnamese. */
  notes: string[];
}

export type { BookPeriod };
