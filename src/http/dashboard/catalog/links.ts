import type { Shop } from "../../../db/schema";

/** The catalog's own pages and forms, each for the shop the page is about. */
export const qs = (shop: Shop) => `?shop=${encodeURIComponent(shop.slug)}`;
export const listUrl = (shop: Shop) => `/dashboard/catalog${qs(shop)}`;
export const productUrl = (shop: Shop, code: string) => `/dashboard/catalog/${encodeURIComponent(code)}${qs(shop)}`;
export const editUrl = (shop: Shop, code: string) => `/dashboard/catalog/${encodeURIComponent(code)}/edit${qs(shop)}`;
export const soldOutUrl = (shop: Shop, code: string) => `/dashboard/catalog/${encodeURIComponent(code)}/sold-out${qs(shop)}`;
export const trialUrl = (shop: Shop) => `/dashboard/catalog/try${qs(shop)}#try`;

// Only photos a browser can load from here (a Telegram file id cannot be shown).
export const showablePhoto = (url: string | null) => (url && (url.startsWith("/media/") || /^https?:\/\//.test(url)) ? url : null);
