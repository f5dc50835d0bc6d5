import type { DashboardFrameMessages } from "./dashboard-frame";

/** English words of the dashboard frame and the words several pages share. */
export const frameEn: DashboardFrameMessages = {
  title: "Dashboard",
  navOrders: "Orders",
  navCatalog: "Catalog",
  navBroadcasts: "Broadcasts",
  navPayments: "Payments",
  navSales: "Sales",
  navShops: "Shops",
  navAccount: "Account",
  logout: "Log out",
  switchLang: "Tiếng Việt",
  forbidden: "You may not see this page.",
  badRequest: "That request was not valid. Reload the page and try again.",
  shop: "Shop",
  date: "Date",
  status: "Status",
  payment: "Payment",
  all: "All",
  filter: "Filter",
  total: "Total",
  items: "Items",
  customer: "Customer",
};
