/** Where an order came from (orders.source, migrations/0019_order_source.sql). */
export const ORDER_SOURCES = ["group", "private", "webchat", "fallback_link", "webchat_link", "staff", "oa_group"] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export const isOrderSource = (value: unknown): value is OrderSource => typeof value === "string" && (ORDER_SOURCES as readonly string[]).includes(value);
