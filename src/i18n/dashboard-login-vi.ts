// The words of the dashboard's login pages beyond the form (throttling, the login link's page),
// Vietnamese (default). dashboard-login-en.ts must have every key (type-checked).
export const dashLoginVi = {
  loginSlowDown: (p: { seconds: number }) => `Tài khoản này đang bị thử mật khẩu nhiều lần từ nơi khác. Chờ ${p.seconds} giây rồi bấm Đăng nhập lại.`,
  crossSite: "Yêu cầu đăng nhập này đến từ một trang khác nên bị từ chối.",
  linkTitle: "Đăng nhập bằng liên kết",
  linkAccount: "Liên kết này đăng nhập vào tài khoản",
  linkShop: "Cửa hàng",
  linkRole: "Vai trò",
  linkCurrent: "Trình duyệt này đang đăng nhập là",
  linkReplaces: "Tiếp tục sẽ đăng xuất tài khoản đó khỏi trình duyệt này.",
  linkSameAccount: "Bạn đang đăng nhập đúng tài khoản này rồi.",
  linkWarning: "Chỉ tiếp tục nếu chính bạn vừa gửi /login cho bot của shop. Nếu liên kết đến từ người khác hoặc từ một trang web, hãy đóng trang này.",
  linkContinue: (p: { name: string }) => `Đăng nhập là ${p.name}`,
  linkBack: "Về trang quản lý",
  linkConfirmExpired: "Trang xác nhận đã hết hạn hoặc không được mở trên trình duyệt này. Mở lại liên kết đăng nhập.",
  linkOpenAgain: "Mở lại liên kết",
  roles: { operator: "Quản trị", owner: "Chủ shop", staff: "Nhân viên", shipper: "Giao hàng" },
};
