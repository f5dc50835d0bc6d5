// One household book for a shop and a period, in the shape of book.ts: the form in force at the
// period's end, its sections, the flat rows the API gives, the totals, whether the shop's revenue band
// needs it (BOOKS.md §2) and what the seller must still add or check.
//
// Which books a household must keep (Circular 152/2025 Art.4–7):
// - S1a: always (the floor: it shows whether the year passes the no-tax threshold);
// - S2a: when some quarter of the period is above "threshold.no_tax" and PIT is on revenue (the profile's
//   pit_method 'revenue', and the year not above "threshold.income_method");
// - S2e: when above the no-tax threshold and PIT is on income (chosen, or forced above 3 tỷ).
import type { Shop } from "../../db/schema";
import type { Store } from "../../db/store";
import { formatVnd } from "../money";
import type { Book, BookCode, BookSection } from "./book";
import { assertPeriod } from "./period";
import { taxProfile, type StoredTaxProfile } from "./tax-profile";
import type { BookPeriod } from "./revenue-lines";
import { ruleOn } from "./rules/tax-rules";
import { s1aSections } from "./s1a";
import { s2aSections } from "./s2a";
import { s2eSections } from "./s2e";
import { vnDate } from "../../i18n/vn-date";
import { taxOnRevenue, type TaxOnRevenue } from "./tax-on-revenue";

export type BookShop = Pick<Shop, "id" | "slug" | "name" | "time_zone" | "bank_bin" | "bank_account">;

const COMMON_NOTES = [
  "Sổ chỉ có đơn bán qua Chợ Chat và các dòng tự nhập: hãy thêm doanh thu bán ở nơi khác (bán tại chỗ, sàn thương mại điện tử…).",
  "Kiểm tra từng dòng, rồi người đại diện hộ kinh doanh ký, ghi rõ họ tên (đóng dấu nếu có). Giữ sổ ít nhất 5 năm (Thông tư 152/2025/TT-BTC Điều 3).",
];

/** The book `code` of `shop` for `period` (checked by parsePeriod first: a bad one throws a RangeError). */
export async function buildBook(store: Store, shop: BookShop, code: BookCode, period: BookPeriod, opts: { profile?: StoredTaxProfile } = {}): Promise<Book> {
  assertPeriod(period);
  const profile = opts.profile ?? (await taxProfile(store, shop.id));
  const tax = await taxOnRevenue(store, shop, period, profile);
  const form = { ...ruleOn(`form.${code}-HKD`, period.to).value, code: `${code}-HKD` as const };
  const incomeThreshold = ruleOn("threshold.income_method", period.to).value;
  const onIncome = profile.pitMethod === "income" || tax.yearRevenueToEnd > incomeThreshold;
  const header = profile.saved && profile.householdName && profile.taxCode ? [] : ["Chưa có đủ tên hộ kinh doanh, địa chỉ, mã số thuế: điền trong phần hồ sơ thuế của trang Sổ sách, hoặc viết tay vào chỗ trống trên sổ."];
  const band = bandNote(tax);

  let built: { sections: BookSection[]; totals: Record<string, number> };
  let required: boolean;
  let notes: string[];
  if (code === "S1a") {
    built = s1aSections(tax.lines, period);
    required = true;
    notes = [
      "Doanh thu ghi vào ngày giao hàng, đã thu tiền hay chưa; đơn đã hủy không ghi; hàng bị trả lại ghi số âm vào ngày nhận lại (Nghị định 68/2026/NĐ-CP Điều 5).",
      "Nhóm ngành lấy theo sản phẩm trong danh mục hiện tại: đổi nhóm ngành của sản phẩm là đổi cả sổ các kỳ trước.",
      band,
    ];
  } else if (code === "S2a") {
    built = await s2aSections(store, tax);
    required = tax.taxable && !onIncome;
    notes = [
      tax.taxable
        ? "Thuế GTGT, TNCN trên sổ là số tạm tính để đối chiếu: tự khai trên eTax (tờ khai 01/CNKD theo quý), Chợ Chat không nộp thay."
        : `Doanh thu năm đến ${vnDate(period.to)} chưa quá ${formatVnd(tax.threshold)}: chưa phải nộp thuế GTGT, TNCN, nên sổ S2a-HKD chưa bắt buộc (chỉ cần S1a-HKD).`,
      ...(onIncome ? ["Hộ tính thuế TNCN theo thu nhập: dùng các sổ S2b–S2e-HKD; sổ này chỉ để tham khảo."] : []),
      "Số hiệu là số hóa đơn điện tử khi đơn đã có hóa đơn, nếu không là mã đơn.",
      ...tax.uncertain,
    ];
  } else {
    const s2e = await s2eSections(store, shop, period);
    built = s2e;
    required = tax.taxable && onIncome;
    notes = [
      ...(required ? [] : ["Sổ S2e-HKD bắt buộc khi hộ trên ngưỡng không chịu thuế và tính thuế TNCN theo thu nhập; với hộ khác là sổ tham khảo để đối chiếu tiền."]),
      'Tiền chuyển khoản là các giao dịch SePay, Casso, payOS đã khớp với đơn; các lần bấm "Đã nhận tiền" được ghi vào Tiền mặt (tiền nhận ngoài thông báo ngân hàng). Nếu là tiền vào tài khoản, sửa bằng dòng tự nhập.',
      "Đơn giao hàng thu tiền (COD) do người giao của shop hoặc khách tự lấy: ghi Tiền mặt vào ngày giao, phần chưa trả bằng chuyển khoản.",
      ...(s2e.leftOut.carrierCod.count
        ? [`${s2e.leftOut.carrierCod.count} đơn COD qua hãng vận chuyển (${formatVnd(s2e.leftOut.carrierCod.amount)}) không ghi ở đây: tiền chỉ về khi hãng trả, xem /dashboard/cod và ghi khoản hãng trả vào Tiền gửi bằng dòng tự nhập.`]
        : []),
      ...(s2e.leftOut.unmatched.count
        ? [`${s2e.leftOut.unmatched.count} khoản chuyển vào chưa khớp đơn nào (${formatVnd(s2e.leftOut.unmatched.amount)}) không ghi vào sổ: gán cho đơn ở trang thanh toán, hoặc tự nhập nếu là tiền bán hàng.`]
        : []),
      "Số dư đầu kỳ tính từ ngày 01/01/2026: tiền có trước đó, chi phí, rút và nộp tiền, tiền hãng vận chuyển trả: hộ tự nhập.",
    ];
  }
  const rows = built.sections.flatMap((s) => s.rows);
  return { book: code, from: period.from, to: period.to, form, sections: built.sections, rows, totals: built.totals, required, notes: [...header, ...notes, ...COMMON_NOTES] };
}

function bandNote(tax: TaxOnRevenue): string {
  const crossed = tax.quarters.find((q) => q.taxable);
  return crossed
    ? `Doanh thu năm ${crossed.year} đến hết quý ${crossed.quarter} là ${formatVnd(crossed.yearRevenueToQuarterEnd)}, đã quá ${formatVnd(crossed.threshold)}: hộ khai và nộp thuế GTGT, TNCN từ quý vượt ngưỡng (xem sổ S2a-HKD).`
    : `Doanh thu năm đến ${vnDate(tax.to)} là ${formatVnd(tax.yearRevenueToEnd)}, chưa quá ${formatVnd(tax.threshold)}: chưa phải nộp thuế GTGT, TNCN; vẫn thông báo doanh thu năm (01/TKN-CNKD).`;
}
