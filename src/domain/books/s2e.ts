// S2e-HKD, SỔ CHI TIẾT TIỀN (Circular 152/2025, BOOKS.md §2): columns A Số hiệu, B Ngày tháng,
// C Diễn giải, 1 Thu/Gửi vào, 2 Chi/Rút ra. A Tiền mặt section, then Tiền gửi không kỳ hạn per bank
// account (cash and bank never mixed), each: Số dư đầu kỳ, the period's lines, Tổng thu/chi (gửi vào/
// rút ra) trong kỳ, Số dư (tồn) cuối kỳ. The opening balance is every line of that account from the
// first day the books cover (RULES_COVER_FROM) to the day before `from`: money before that day the
// seller adds as an opening row.
import type { Store } from "../../db/store";
import { formatVnd } from "../money";
import { bankByBin } from "../payments/banks";
import type { BookRow, BookSection } from "./book";
import { moneyLines, type MoneyLeftOut, type MoneyLine } from "./cash-lines";
import type { BookPeriod } from "./revenue-lines";
import { RULES_COVER_FROM } from "./rules/tax-rules";
import { vnDate } from "../../i18n/vn-date";

export interface S2eShop {
  id: number;
  time_zone: string;
  bank_bin: string | null;
  bank_account: string | null;
}

interface Balance {
  opening: number;
  in: number;
  out: number;
  closing: number;
}

/** S2e's sections (cash, then each bank account), its totals and what it left out. */
export async function s2eSections(store: Store, shop: S2eShop, period: BookPeriod): Promise<{ sections: BookSection[]; totals: Record<string, number>; leftOut: MoneyLeftOut; lines: MoneyLine[] }> {
  const { lines: all, leftOut } = await moneyLines(store, shop, { from: RULES_COVER_FROM, to: period.to }, period.from);
  const shopAccount = (shop.bank_account ?? "").replace(/\D/g, "");
  const used = new Set(all.filter((l) => l.account === "bank").map((l) => l.bankAccount));
  // The shop's account always has its section (blank to fill in when it has none), and so does every account a line names.
  const accounts = [...new Set([shopAccount, ...used])].filter((a) => a !== "" || used.has("") || used.size === 0);
  const cash = section("cash", "Tiền mặt", all.filter((l) => l.account === "cash"), period, { in: "Tổng thu trong kỳ", out: "Tổng chi trong kỳ", closing: "Tồn cuối kỳ" });
  const banks = accounts.map((acct) =>
    section(
      `bank:${acct}`,
      `Tiền gửi không kỳ hạn — ${bankTitle(acct, shopAccount, shop.bank_bin)}`,
      all.filter((l) => l.account === "bank" && l.bankAccount === acct),
      period,
      { in: "Tổng gửi vào trong kỳ", out: "Tổng rút ra trong kỳ", closing: "Số dư cuối kỳ" },
    ),
  );
  const bank = banks.reduce<Balance>((s, b) => ({ opening: s.opening + b.balance.opening, in: s.in + b.balance.in, out: s.out + b.balance.out, closing: s.closing + b.balance.closing }), { opening: 0, in: 0, out: 0, closing: 0 });
  const totals: Record<string, number> = {
    "cash.opening": cash.balance.opening,
    "cash.in": cash.balance.in,
    "cash.out": cash.balance.out,
    "cash.closing": cash.balance.closing,
    "bank.opening": bank.opening,
    "bank.in": bank.in,
    "bank.out": bank.out,
    "bank.closing": bank.closing,
  };
  return { sections: [cash.section, ...banks.map((b) => b.section)], totals, leftOut, lines: all.filter((l) => l.date >= period.from) };
}

function section(key: string, title: string, lines: readonly MoneyLine[], period: BookPeriod, labels: { in: string; out: string; closing: string }): { section: BookSection; balance: Balance } {
  const before = lines.filter((l) => l.date < period.from);
  const inside = lines.filter((l) => l.date >= period.from);
  const opening = before.reduce((s, l) => s + l.amount, 0);
  const moneyIn = inside.reduce((s, l) => (l.amount > 0 ? s + l.amount : s), 0);
  const moneyOut = inside.reduce((s, l) => (l.amount < 0 ? s - l.amount : s), 0);
  const closing = opening + moneyIn - moneyOut;
  const rows: BookRow[] = inside.map((l) => ({ date: l.date, ...(l.ref ? { ref: l.ref } : {}), description: l.description, amount: l.amount, account: l.account, manual: l.manual }));
  const span = `từ ${vnDate(period.from)} đến ${vnDate(period.to)}`;
  return {
    balance: { opening, in: moneyIn, out: moneyOut, closing },
    section: {
      key,
      title,
      opening,
      rows,
      summary: [
        { key: "in", label: labels.in, amount: moneyIn, how: `Cộng ${inside.filter((l) => l.amount > 0).length} dòng thu ${span} = ${formatVnd(moneyIn)}.` },
        { key: "out", label: labels.out, amount: moneyOut, how: `Cộng ${inside.filter((l) => l.amount < 0).length} dòng chi ${span} = ${formatVnd(moneyOut)}.` },
        {
          key: "closing",
          label: labels.closing,
          amount: closing,
          how: `Số dư đầu kỳ ${formatVnd(opening)} (mọi dòng của tài khoản này từ ${vnDate(RULES_COVER_FROM)} đến trước ${vnDate(period.from)}, gồm số dư đầu tự nhập) + thu ${formatVnd(moneyIn)} − chi ${formatVnd(moneyOut)} = ${formatVnd(closing)}.`,
        },
      ],
    },
  };
}

function bankTitle(account: string, shopAccount: string, bin: string | null): string {
  if (account === "") return "Ngân hàng: (chưa khai tài khoản)";
  const bank = account === shopAccount ? bankByBin(bin) : undefined;
  return bank ? `Ngân hàng: ${bank.shortName} (${bank.name}), số tài khoản ${account}` : `Ngân hàng: tài khoản ${account}`;
}
