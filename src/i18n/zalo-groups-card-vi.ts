// The Zalo groups card on the shops page (src/http/dashboard/shops/zalo-groups-card.tsx), Vietnamese
// (default): per Zalo bot, whether Zalo lets it be in groups, what it sees there, and the fallback
// kit when it cannot. zalo-groups-card-en.ts must have every key (type-checked).
export const zaloGroupsCardVi = {
  title: "Zalo: nhóm và link đặt hàng",
  groupsYes: "Nhóm: có",
  groupsNo: "Nhóm: không",
  notChecked: "chưa hỏi được Zalo, coi như không",
  checkedAt: (p: { at: string }) => `Zalo trả lời lúc ${p.at} (hỏi lại mỗi ngày).`,
  flagNote: "Quyền vào nhóm do Zalo bật cho từng bot (can_join_groups), vẫn đang thử nghiệm: không có nút nào để tự bật.",
  seesTitle: "Bot thấy",
  sees: ["Tin nhắn riêng khách gửi cho bot.", "Trong nhóm: tin nhắn có @tên bot.", "Trong nhóm: tin trả lời (trích dẫn) tin của bot."],
  notSeesTitle: "Bot không thấy",
  notSees: ["Các tin khác trong nhóm, kể cả bình luận “chốt” không có @tên bot.", "Ảnh trong nhóm, trừ khi chú thích ảnh có @tên bot."],
  noGroupSees: "Bot không ở trong nhóm nào: nó chỉ thấy tin nhắn riêng khách gửi cho bot. Khách trong nhóm đặt hàng qua link bên dưới.",
  stepsTitle: "Đưa bot vào nhóm",
  step1: "Mở Zalo Bot Creator, chọn bot → “Mời Bot vào nhóm”, gửi link mời vào nhóm.",
  step2: "Trưởng nhóm bấm link và xác nhận “Thêm Bot vào nhóm”.",
  step3: (p: { bot: string }) => `Nhắn /link cho bot trong chat riêng để lấy mã, rồi gõ trong nhóm: @${p.bot} /link <mã>`,
  kitTitle: "Đăng vào nhóm thay cho bot",
  kitHelp: "Sao chép đoạn này và đăng vào nhóm Zalo của bạn (ghim lại càng tốt), kèm mã QR. Khách bấm link là mở chat riêng với bot hoặc trang đặt hàng trên web.",
  kitText: "Đoạn để đăng",
  qrAlt: "Mã QR mở chat riêng với bot",
  qrDownload: "Tải mã QR",
  zaloLink: "Link chat riêng với bot",
  chatLink: "Link đặt hàng trên web",
  countsTitle: (p: { month: string }) => `Tháng ${p.month}`,
  taps: (p: { zalo: number; chat: number }) => `Lượt bấm: link Zalo ${p.zalo} · link web ${p.chat}`,
  orders: (p: { fallback: number; webchat: number; group: number; privateChat: number }) =>
    `Đơn: từ link Zalo ${p.fallback} · từ link web ${p.webchat} · trong nhóm ${p.group} · chat riêng khác ${p.privateChat}`,
  countsNote: "Đơn “từ link Zalo” là ước đoán: khách lần đầu nhắn cho bot sau khi link đã được bấm, trên bot không vào được nhóm.",
  noZaloBot: "Shop chưa có bot Zalo nào.",
};
