// The declarations page's words, Vietnamese (default): picking the period, the filings due, the draft
// field by field with its "how computed" trail. The form's own labels and the trails are Vietnamese in
// every language (they are what the seller types into eTax). declarations-page-en.ts must have every key.
import { formatVnd } from "../domain/money";
import type { DeclarationPeriod } from "../domain/books/declarations/periods";
import { vnDate } from "./vn-date";

const vnd = formatVnd;

export const declarationsPageVi = {
  title: "Tờ khai thuế (bản nháp)",
  intro: "Bản nháp tờ khai làm từ đơn hàng trong Chợ Chat. Chợ Chat không nộp thay: kiểm tra từng ô, rồi tự nhập vào eTax (eTax Mobile: Khai thuế → Khai thuế CNKD → Nộp hồ sơ).",
  draftMark: "BẢN NHÁP — tự nhập vào eTax",
  date: vnDate,
  year: "Năm",
  part: "Kỳ",
  parts: { Q1: "Quý 1", Q2: "Quý 2", Q3: "Quý 3", Q4: "Quý 4", H1: "6 tháng đầu năm", Y: "Cả năm" },
  month: (p: { n: number }) => `Tháng ${p.n}`,
  monthly: "Theo tháng (khi phải khai theo tháng)",
  show: "Xem",
  period: (p: DeclarationPeriod) =>
    p.kind === "month" ? `Tháng ${p.n}/${p.year}` : p.kind === "quarter" ? `Quý ${p.n}/${p.year}` : p.kind === "half_year" ? `6 tháng đầu năm ${p.year}` : `Năm ${p.year}`,
  badPeriod: "Không đọc được kỳ đã chọn: đang xem kỳ mặc định.",
  notStarted: "Kỳ đã chọn chưa bắt đầu: đang xem kỳ mặc định.",
  beforeRules: (p: { from: string }) => `Bản nháp chỉ có từ ${vnDate(p.from)}, ngày các quy định mới có hiệu lực: đang xem kỳ mặc định.`,
  unavailable: "Chưa lập được bản nháp lúc này. Tải lại trang sau ít phút.",
  upcomingTitle: "Hạn nộp sắp tới",
  upcomingNone: "Không có tờ khai nào đang chờ nộp.",
  formName: { "01/CNKD": "Tờ khai 01/CNKD", "01/TKN-CNKD": "Thông báo doanh thu 01/TKN-CNKD", "02/CNKD-TNCN-QTT": "Quyết toán thuế TNCN 02/CNKD-TNCN-QTT" },
  dueOn: (p: { date: string }) => `hạn ${vnDate(p.date)}`,
  running: "kỳ đang chạy",
  finalizationNote: "Quyết toán cần chi phí cả năm (sổ S2b–S2e): Chợ Chat không lập bản nháp này.",
  yearTitle: (p: { year: number }) => `Năm ${p.year}`,
  yearRevenue: (p: { revenue: number; threshold: number; percent: number }) => `Doanh thu từ 01/01: ${vnd(p.revenue)} — ${p.percent}% mức ${vnd(p.threshold)}`,
  yearFilings: "Tờ khai phải làm trong năm (đến nay)",
  yearFilingsNone: "Chưa có tờ khai nào trong năm.",
  version: (p: { version: string }) => `Mẫu theo ${p.version}`,
  versionUncertain: "[?] Bố cục mẫu này chưa được xác nhận: các ô theo mẫu trước đó. Khi nhập vào eTax, đối chiếu tên từng ô.",
  partial: (p: { today: string }) => `Kỳ chưa kết thúc: số liệu tính đến hôm nay (${vnDate(p.today)}) và sẽ còn thay đổi.`,
  appliesTitle: "Kỳ này có phải nộp?",
  due: (p: { date: string }) => `Hạn nộp: ${vnDate(p.date)}`,
  ticksTitle: "Đầu tờ khai",
  missing: "chưa nhập",
  profileLink: "Điền thông tin hộ kinh doanh →",
  section: "Phần",
  howTitle: "Cách tính",
  bookLink: (p: { book: string }) => `Xem các dòng trong sổ ${p.book}-HKD`,
  zeroRow: "0 ₫ ở mọi ô",
  blank: "để trống",
  copy: "Chép",
  copyTitle: "Chép số (chỉ chữ số) để dán vào eTax",
  flagsTitle: "Cần làm",
  notesTitle: "Lưu ý khi nhập",
  formNote: (p: { note: string }) => `Ghi chú trên mẫu: “${p.note}”.`,
  printButton: "In bản nháp",
  jsonLink: "Dữ liệu JSON",
  booksLink: "Sổ sách",
  printNotesTitle: "Cách tính từng ô",
  onTick: "☒",
  offTick: "☐",
};
