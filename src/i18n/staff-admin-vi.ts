// The /staff chat command's words, Vietnamese (default). staff-admin-en.ts must have every key (type-checked).
export const staffAdminVi = {
  usage: "Cách dùng: /staff (xem nhân viên), /staff remove <ID người dùng> (xoá khỏi shop, đăng xuất ngay).",
  ownersOnly: "Chỉ chủ shop mới quản lý được nhân viên.",
  list: (p: { lines: string }) => `Nhân viên của shop:\n${p.lines}\nXoá: /staff remove <ID>`,
  line: (p: { name: string; role: string; channel: string; userId: string }) => `• ${p.name} · ${p.role} · ${p.channel} ${p.userId}`,
  roleName: { owner: "chủ shop", staff: "nhân viên", shipper: "shipper" },
  notSelf: "Bạn không tự xoá mình được. Nhờ một chủ shop khác hoặc người vận hành.",
  unknown: (p: { userId: string }) => `Không có nhân viên nào có ID ${p.userId} (trên kênh này). Xem danh sách: /staff`,
  removed: (p: { name: string }) => `Đã xoá ${p.name} khỏi shop. Mọi phiên đăng nhập trang quản lý của họ đã bị đăng xuất.`,
};
