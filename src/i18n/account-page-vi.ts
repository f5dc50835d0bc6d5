// The account page's words, Vietnamese (default): changing one's password and logging out
// everywhere. account-page-en.ts must have every key (type-checked).
export const accountPageVi = {
  accountTitle: "Tài khoản",
  accountWho: (p: { username: string }) => `Tên đăng nhập: ${p.username}`,
  mustChangePassword: "Mật khẩu này được tạo ngẫu nhiên khi máy chủ chạy lần đầu. Hãy đặt mật khẩu mới trước khi dùng trang quản lý.",
  changePasswordTitle: "Đổi mật khẩu",
  currentPassword: "Mật khẩu hiện tại",
  newPassword: (p: { min: number }) => `Mật khẩu mới (ít nhất ${p.min} ký tự)`,
  confirmPassword: "Nhập lại mật khẩu mới",
  changePasswordButton: "Đổi mật khẩu",
  passwordFromEnv: "Mật khẩu này đang được đặt bằng biến ADMIN_PASSWORD: mỗi lần máy chủ khởi động lại, mật khẩu sẽ trở về giá trị đó. Muốn đổi lâu dài, hãy đổi ADMIN_PASSWORD (hoặc bỏ nó đi rồi đổi ở đây).",
  noPasswordAccount: "Tài khoản nhân viên đăng nhập bằng liên kết: gửi /login cho bot của shop, không cần mật khẩu.",
  passwordChanged: "Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã bị đăng xuất.",
  passwordProblems: {
    too_short: (p: { min: number }) => `Mật khẩu mới phải có ít nhất ${p.min} ký tự.`,
    too_long: "Mật khẩu mới quá dài (tối đa 256 ký tự).",
    mismatch: "Hai lần nhập mật khẩu mới không giống nhau.",
    same_as_current: "Mật khẩu mới phải khác mật khẩu hiện tại.",
    wrong_current: "Mật khẩu hiện tại không đúng.",
    no_password: "Tài khoản này không dùng mật khẩu.",
  },
  logoutEverywhereTitle: "Đăng xuất mọi nơi",
  logoutEverywhereHelp: "Kết thúc mọi phiên đăng nhập của tài khoản này, trên mọi máy (cả máy này). Dùng khi mất điện thoại hoặc quên đăng xuất ở máy lạ.",
  logoutEverywhereButton: "Đăng xuất mọi nơi",
};
