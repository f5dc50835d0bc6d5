import type { Token } from "./tokens";
import type { OptionRef } from "./vocabulary";

// What the comment reader answers (an order, or why not), and what it keeps while it reads.

export interface ReadItem {
  code: string;
  qty: number;
  /** The chosen options' names, as the catalog spells them. */
  options: string[];
  /** No quantity was typed ("chốt A1"): 1 is assumed. */
  implied?: true;
}

export interface CommentReading {
  items: ReadItem[];
  phone?: string;
  /** Address, time or question typed after the items: for staff. */
  note?: string;
  /** Words read past: a price, an option the item does not have, a word that means nothing here. */
  ignored: string[];
}

export type UnclearWhy = "quantity" | "two_quantities" | "unknown_code" | "which_product" | "which_option" | "whole_number" | "unreadable";

export type CommentRefusal =
  | { kind: "chatter"; phone?: string; ignored: string[] }
  /** "thôi lấy 1 thôi", "sửa lại 2": the buyer's order just before, with this quantity. */
  | { kind: "correction"; qty: number; phone?: string; ignored: string[] }
  | { kind: "unclear"; why: UnclearWhy; code?: string; codes?: string[]; phone?: string; ignored: string[] };

/** Over this, a quantity is a phone number or a typo, not an order. */
export const MAX_QTY = 99;

export type Qty = {
  kind: "q";
  value: number;
  fraction: boolean;
  marked: boolean;
  at: number;
  end: number;
  unit?: string;
  /** "2 chục": 2 for an item sold by the chục */
  tens?: number;
  /** from "mỗi loại N": N of each choice named */
  each?: true;
};
export type Opt = { kind: "o"; refs: readonly OptionRef[]; raw: string; end: number };
export type Atom = Qty | Opt;

/** An item as the body names it, with the quantities and options typed for it. */
export interface ItemAcc {
  /** Where the item's code or name stands in the body. */
  at: number;
  codes: readonly string[] | null;
  key: string;
  hash: boolean;
  weak: boolean;
  raw: string;
  atoms: Atom[];
  corrected: boolean;
}

export type LooseKind = "verb" | "filler" | "other" | "past";
/** A word of the body that is no item, quantity or option. */
export type Loose = { kind: LooseKind; itemsBefore: number; raw: string; at: number; word: string };

/** What the walk over the body found. */
export interface BodyReading {
  items: ItemAcc[];
  loose: Loose[];
  pending: Atom[];
  bad: boolean;
  each: boolean;
  conflict?: string[];
  sizeOrQuantity?: string;
}

export const isItem = (t: Token | undefined): boolean => t?.kind === "code" || t?.kind === "product";
export const hasQty = (x: ItemAcc): boolean => x.atoms.some((a) => a.kind === "q");
