// GHN (Giao Hàng Nhanh): the client, the webhook reader and the tracking page (CARRIERS.md §1).
export { ghnClient, GHN_HEAVY_GRAMS, GHN_MAX_INSURANCE, GHN_REQUIRED_NOTE } from "./client";
export { readGhnWebhook, ghnTrackingUrl } from "./webhook";
export { ghnStatus } from "./statuses";
