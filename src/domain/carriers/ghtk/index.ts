// GHTK (Giao Hàng Tiết Kiệm): the client, the webhook reader and the tracking link.
export { ghtkClient, GhtkClient, ghtkOrderBody, ghtkReport, ghtkNote, GHTK_NOTE_MAX } from "./client";
export { readGhtkWebhook, parseGhtkWebhook, ghtkTrackingUrl, type GhtkWebhook } from "./webhook";
export { ghtkPlace, ghtkPhone, oldDistrictOf, GHTK_NO_HAMLET, type GhtkPlace } from "./address";
export { ghtkStatus, GHTK_STATUSES } from "./status";
