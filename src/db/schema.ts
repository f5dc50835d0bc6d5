import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** One interface per table, mirroring migrations/*.sql. Booleans are 0/1, times ISO strings, money integer đồng. */
export interface ShopsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  lang: Generated<string>;
  time_zone: Generated<string>;
  phone: string | null;
  pickup_enabled: Generated<number>;
  pickup_address: string | null;
  delivery_enabled: Generated<number>;
  cod_enabled: Generated<number>;
  vietqr_enabled: Generated<number>;
  bank_bin: string | null;
  bank_account: string | null;
  bank_holder: string | null;
  payment_reminder_minutes: Generated<number>;
  payment_timeout_minutes: Generated<number>;
  draft_ttl_minutes: Generated<number>;
  slot_lead_minutes: Generated<number>;
  sepay_api_key: string | null;
  casso_webhook_secret: string | null;
  payos_checksum_key: string | null;
  staff_channel: string | null;
  staff_bot_id: string | null;
  staff_chat_id: string | null;
  summary_time: Generated<string>;
  summary_sent_date: string | null;
  live_capture_minutes: Generated<number>;
  live_hold_minutes: Generated<number>;
  comments_outside_live: Generated<"always" | "live_only">;
  created_at: string;
  /** Retention (migrations/0013, src/domain/retention/settings.ts): idle web chat sessions, expired conversations. */
  retain_chat_hours: Generated<number>;
  /** Retention: sent, failed and uncertain outbox rows and web chat pushes (3 at least). */
  retain_sent_days: Generated<number>;
  /** Retention: broadcast posts (the dashboard's broadcast history). */
  retain_broadcast_days: Generated<number>;
  /** Unpaid holds (drafts, unpaid transfers, unaccepted COD) one buyer may have at once; 0: no cap. */
  max_unpaid_holds_per_buyer: Generated<number>;
  /** The same for anonymous web chat visitors at one client address; 0: no cap. */
  max_unpaid_holds_per_address: Generated<number>;
  /** Payment timeout for an anonymous web chat visitor's transfer order (the shorter one applies); 0: as known buyers. */
  anonymous_payment_timeout_minutes: Generated<number>;
  /** Bumped by triggers on every catalog write (migrations/0018): what a kept catalog is checked against. */
  catalog_version: Generated<number>;
  /** Carriers (migrations/0025): the fee quoted when a carrier does not answer (đồng). */
  carrier_flat_fee: Generated<number>;
  /** The pickup address carriers collect from: 2025 GSO codes and what is below the commune. */
  pickup_province_code: Generated<string | null>;
  pickup_commune_code: Generated<string | null>;
  pickup_hamlet: Generated<string | null>;
  pickup_street: Generated<string | null>;
  pickup_name: Generated<string | null>;
  pickup_phone: Generated<string | null>;
  /** The :token of the shop's carrier webhook URLs (sealed; NULL until first made). */
  carrier_webhook_token: Generated<string | null>;
}

export interface StaffTable {
  id: Generated<number>;
  shop_id: number;
  channel: string;
  user_id: string;
  name: string;
  role: "owner" | "staff" | "shipper";
  phone: string | null;
  chat_id: string | null;
  created_at: string;
}

export interface ProductsTable {
  id: Generated<number>;
  shop_id: number;
  code: string;
  name: string;
  price: number;
  unit: Generated<string>;
  photo_url: string | null;
  description: Generated<string>;
  stock: Generated<number>;
  category: Generated<string>;
  labels: Generated<string>;
  available_days: Generated<string>;
  available_from: string | null;
  available_to: string | null;
  sold_out: Generated<number>;
  sort: Generated<number>;
  created_at: string;
  /** JSON array of the words buyers use for it besides its name. */
  aliases: Generated<string>;
  /** 1: sold first paid, first served (an unpaid order waits in stock_queue instead of taking stock). */
  first_paid_first_served: Generated<number>;
  /** Grams of one unit, for carriers (migrations/0025). */
  weight_grams: Generated<number>;
  /** Nhóm ngành for the household books (migrations/0027, src/domain/books/activity-groups.ts). */
  activity_group: Generated<ActivityGroup>;
}

/** The activity groups of BOOKS.md §1.3 (food service is named apart: sellers look for it). */
export type ActivityGroup = "goods" | "food_service" | "production" | "services" | "rental" | "digital" | "other";

export interface LiveOrderLinesTable {
  id: Generated<number>;
  order_id: number;
  product_id: number;
  options: Generated<string>;
  qty: number;
}

export interface LiveAnswersTable {
  id: Generated<number>;
  live_id: number;
  text: string;
  created_at: string;
}

export interface ProductOptionGroupsTable {
  id: Generated<number>;
  product_id: number;
  name: string;
  sort: Generated<number>;
}

export interface ProductOptionsTable {
  id: Generated<number>;
  group_id: number;
  name: string;
  price_delta: Generated<number>;
  sort: Generated<number>;
  /** Grams the option adds to one unit (migrations/0025). */
  weight_delta: Generated<number>;
}

export interface DeliveryZonesTable {
  id: Generated<number>;
  shop_id: number;
  name: string;
  fee: number;
  min_order: Generated<number>;
  sort: Generated<number>;
}

export interface TimeSlotsTable {
  id: Generated<number>;
  shop_id: number;
  start_time: string;
  end_time: string;
  sort: Generated<number>;
}

export interface BuyersTable {
  id: Generated<number>;
  channel: string;
  user_id: string;
  name: Generated<string>;
  lang: string | null;
  last_phone: string | null;
  last_address: string | null;
  last_zone_id: number | null;
  private_chat_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConversationsTable {
  id: Generated<number>;
  channel: string;
  bot_id: string;
  chat_id: string;
  user_id: string;
  shop_id: number;
  state: Generated<string>;
  version: Generated<number>;
  expires_at: string;
  updated_at: string;
}

export type OrderStatus =
  | "draft"
  | "pending_payment"
  | "confirmed"
  | "preparing"
  | "out_for_delivery"
  | "delivered"
  | "cancelled";
export type PaymentStatus = "unpaid" | "partial" | "paid" | "overpaid" | "cod";
export type PaymentMethod = "vietqr" | "cod";
export type Fulfilment = "delivery" | "pickup";

export interface OrdersTable {
  id: Generated<number>;
  shop_id: number;
  code: string;
  source_key: string;
  buyer_id: number;
  channel: string;
  bot_id: string;
  chat_id: string;
  lang: Generated<string>;
  status: OrderStatus;
  payment_status: Generated<PaymentStatus>;
  payment_method: PaymentMethod | null;
  fulfilment: Fulfilment;
  zone_id: number | null;
  zone_name: string | null;
  address: string | null;
  phone: string | null;
  slot: string | null;
  note: string | null;
  subtotal: number;
  delivery_fee: Generated<number>;
  total: number;
  paid_amount: Generated<number>;
  pay_token: string;
  cancel_reason: string | null;
  service_date: string;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
  reminded_at: string | null;
  paid_at: string | null;
  claim_token: string | null;
  handled_by: string | null;
  accepted_at: string | null;
  shipper_staff_id: number | null;
  shipper_name: string | null;
  shipper_phone: string | null;
  delivered_at: string | null;
  /** The client address of an anonymous web chat visitor's order (NULL otherwise), for the per-address hold cap. */
  client_address: string | null;
  /** A staff cancel that may still be undone: the status it left, and until when (ISO). */
  cancelled_from: Generated<OrderStatus | null>;
  cancel_undo_until: Generated<string | null>;
  /** Where the order came from (src/domain/orders/order-source.ts); NULL before migration 0019. */
  source: Generated<string | null>;
  /** A carrier-delivered order (migration 0024): GSO codes of the 2025 province and commune, what was typed below. */
  ship_province_code: Generated<string | null>;
  ship_commune_code: Generated<string | null>;
  ship_hamlet: Generated<string | null>;
  ship_street: Generated<string | null>;
  ship_carrier: Generated<"ghn" | "ghtk" | null>;
  ship_fee_paid_by: Generated<"buyer" | "shop" | null>;
  ship_quoted_fee: Generated<number | null>;
  /** 1 when the quote failed and the shop's flat fee stood in. */
  ship_quote_fallback: Generated<number>;
  ship_expected_delivery: Generated<string | null>;
}

export interface OrderItemsTable {
  id: Generated<number>;
  order_id: number;
  line_no: number;
  product_id: number;
  code: string;
  name: string;
  options: Generated<string>;
  qty: number;
  unit_price: number;
  line_total: number;
}

export interface StockReservationsTable {
  id: Generated<number>;
  order_id: number;
  product_id: number;
  qty: number;
  status: Generated<"held" | "released">;
  created_at: string;
  released_at: string | null;
}

export type StockQueueStatus = "waiting" | "claimed" | "sold_out" | "dropped";

/** An order's place in line for a first-paid-first-served product (migrations/0014). */
export interface StockQueueTable {
  id: Generated<number>;
  order_id: number;
  product_id: number;
  qty: number;
  status: Generated<StockQueueStatus>;
  created_at: string;
  settled_at: string | null;
}

export type OutboxStatus = "pending" | "sending" | "sent" | "failed" | "uncertain";

export interface OutboxTable {
  id: Generated<number>;
  channel: string;
  bot_id: string;
  chat_id: string;
  payload: string;
  dedupe_key: string;
  kind: Generated<string>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_at: string | null;
  last_error: string | null;
  result: string | null;
  created_at: string;
  sent_at: string | null;
  ref: string | null;
}

export interface InboundEventsTable {
  channel: string;
  bot_id: string;
  event_id: string;
  response: string | null;
  received_at: string;
}

export interface WebchatSessionsTable {
  id: string;
  shop_id: number;
  created_at: string;
  last_seen_at: string;
  /** 'webchat_link' when the session was opened from the web chat link posted in a group (migrations/0021). */
  source: string | null;
}

export interface WebchatMessagesTable {
  id: Generated<number>;
  session_id: string;
  reply: string;
  created_at: string;
  outbox_id: number | null;
}

// unreadable: a correctly signed notice whose fields do not fit (kept with amount 0 and its fields as
// written in `raw`, for the seller to check; it settles nothing). The column has no CHECK: no migration.
export type TransferOutcome = "pending" | "paid" | "partial" | "overpaid" | "late" | "unmatched" | "other_account" | "unreadable";

export interface BankTransactionsTable {
  id: Generated<number>;
  shop_id: number;
  provider: string;
  provider_tx_id: string;
  amount: number;
  content: Generated<string>;
  account_number: string | null;
  reference: string | null;
  transaction_at: string | null;
  order_id: number | null;
  outcome: Generated<TransferOutcome>;
  paid_total_after: number | null;
  recorded_by: string | null;
  raw: Generated<string>;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface BotsTable {
  id: Generated<number>;
  shop_id: number;
  channel: string;
  platform_id: string;
  token: string;
  username: string | null;
  webhook_secret: string;
  info: string | null;
  created_at: string;
  /** When getMe's can_join_groups was last asked (Zalo's daily re-check, migrations/0021). */
  groups_checked_at: string | null;
}

/** A seller's Telegram Business account connected to the shop's bot (migrations/0017). */
export interface BusinessConnectionsTable {
  id: string;
  bot_id: string;
  shop_id: number;
  owner_user_id: string;
  owner_chat_id: string;
  enabled: number;
  can_reply: number;
  updated_at: string;
}

/** A shop's Zalo Official Account for OA group messaging (GMF), migrations/0023. Secrets sealed (sealed.ts). */
export interface ZaloOaConnectionsTable {
  id: Generated<number>;
  shop_id: number;
  oa_id: string | null;
  app_id: string;
  app_secret: string;
  oa_secret_key: string;
  access_token: string | null;
  refresh_token: string | null;
  expires_at: string | null;
  refreshing_until: string | null;
  status: Generated<"pending" | "connected" | "reconnect">;
  last_error: string | null;
  last_error_at: string | null;
  oauth_state: string | null;
  oauth_user_id: number | null;
  oauth_started_at: string | null;
  pkce_verifier: string | null;
  created_at: string;
  updated_at: string;
}

/** Taps on a shop's fallback links (/go/<shop>/zalo, /go/<shop>/chat) per month, migrations/0021. */
export interface LinkTapsTable {
  shop_id: number;
  link: "zalo" | "chat";
  month: string;
  taps: number;
  first_at: string;
}

/** A Telegram Business chat the seller answers by hand for a while: the bot keeps quiet there. */
export interface BusinessTakeoversTable {
  connection_id: string;
  chat_id: string;
  until: string;
}

export interface ShopGroupsTable {
  id: Generated<number>;
  shop_id: number;
  channel: string;
  bot_id: string;
  chat_id: string;
  title: Generated<string>;
  linked: Generated<number>;
  status: Generated<"active" | "removed">;
  created_at: string;
  updated_at: string;
}

export interface LinkCodesTable {
  code: string;
  shop_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_chat: string | null;
}

export interface WaitlistTable {
  id: Generated<number>;
  shop_id: number;
  product_id: number;
  channel: string;
  bot_id: string;
  user_id: string;
  chat_id: string;
  lang: Generated<string>;
  created_at: string;
  notified_at: string | null;
}

export type BroadcastKind = "item" | "menu" | "free";

export interface BroadcastsTable {
  id: Generated<number>;
  shop_id: number;
  kind: BroadcastKind;
  product_code: string | null;
  text: string | null;
  photo_url: string | null;
  source_key: string;
  progress_channel: string | null;
  progress_bot_id: string | null;
  progress_chat_id: string | null;
  targets: Generated<number>;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface ScheduledPostsTable {
  id: Generated<number>;
  shop_id: number;
  cron: string;
  kind: BroadcastKind;
  product_code: string | null;
  text: string | null;
  window_minutes: Generated<number>;
  next_run_at: string;
  last_run_at: string | null;
  active: Generated<number>;
  created_at: string;
}

export interface LivesTable {
  id: Generated<number>;
  shop_id: number;
  channel: string;
  bot_id: string;
  chat_id: string;
  status: Generated<"open" | "ended" | "closed">;
  started_by: string | null;
  started_at: string;
  ended_at: string | null;
  capture_until: string | null;
  version: Generated<number>;
  summary_version: Generated<number>;
  report_sent_at: string | null;
}

export interface LiveItemsTable {
  live_id: number;
  product_id: number;
  code: string;
  cap: number;
  taken: Generated<number>;
  per_buyer_cap: Generated<number>;
}

export interface LiveOrdersTable {
  live_id: number;
  buyer_id: number;
  order_id: number;
  user_id: string;
  display_name: Generated<string>;
}

export interface LiveRecentCommentsTable {
  live_id: number;
  user_id: string;
  text_key: string;
  at: string;
}

export interface LiveWaitlistTable {
  id: Generated<number>;
  live_id: number;
  product_id: number;
  buyer_id: number;
  user_id: string;
  display_name: Generated<string>;
  qty: number;
  created_at: string;
  served_at: string | null;
}

export interface NumberedChoicesTable {
  channel: string;
  bot_id: string;
  chat_id: string;
  actions: string;
  updated_at: string;
}

export type DashboardRole = "operator" | "owner" | "staff" | "shipper";

export interface DashboardUsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string | null;
  role: DashboardRole;
  shop_id: number | null;
  staff_id: number | null;
  display_name: Generated<string>;
  created_at: string;
  /** 1 until the account's password is changed (the random first-start password of `admin`). */
  must_change_password: Generated<number>;
  /** 1 when the password was last set from ADMIN_PASSWORD at start (set again at every start). */
  password_from_env: Generated<number>;
}

export interface DashboardSessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  lang: Generated<string>;
  created_at: string;
  expires_at: string;
}

/** Login throttling counters (src/domain/auth/throttle.ts): `a:`, `ua:`, `u:` and `d:` keys. */
export interface LoginAttemptsTable {
  key: string;
  failures: Generated<number>;
  /** No longer written (migration 0012): a lock is worked out from failures and updated_at. */
  locked_until: string | null;
  /** The last attempt counted under this key. */
  updated_at: string;
}

/** A browser that logged in with a password before (its device cookie's SHA-256). */
export interface LoginDevicesTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_login_at: string;
}

export interface LoginLinksTable {
  token_hash: string;
  user_id: number;
  expires_at: string;
  used_at: string | null;
}

export interface MediaTable {
  id: string;
  shop_id: number;
  content_type: string;
  bytes: Uint8Array;
  created_at: string;
}

/** A smaller copy of a media row (made by the seller's browser at upload), keyed by its pixel width. */
export interface MediaVariantsTable {
  media_id: string;
  width: number;
  height: number;
  content_type: string;
  bytes: Uint8Array;
}

/** The one database type both runtimes (SQLite on Node, D1 on Workers) are queried through. */
/** A bot's plan limits (migrations/0020): the Zalo Bot Platform's Basic plan by default, editable. */
export interface BotPlansTable {
  channel: string;
  bot_id: string;
  plan: Generated<string>;
  max_users: Generated<number>;
  max_messages: Generated<number>;
  max_groups: Generated<number>;
  updated_at: string;
}

/** Messages in and out of a bot in a calendar month ('YYYY-MM', shop time), migrations/0020. */
export interface BotUsageTable {
  channel: string;
  bot_id: string;
  month: string;
  messages_in: Generated<number>;
  messages_out: Generated<number>;
  refused_sends: Generated<number>;
}

/** One distinct user of a bot in a month. */
export interface BotUsageUsersTable {
  channel: string;
  bot_id: string;
  month: string;
  user_id: string;
  first_at: string;
}

/** One distinct group a bot was seen in during a month. */
export interface BotUsageGroupsTable {
  channel: string;
  bot_id: string;
  month: string;
  chat_id: string;
  first_at: string;
}

/** An 80% or 100% usage notice already sent to staff. */
export interface BotUsageNoticesTable {
  channel: string;
  bot_id: string;
  month: string;
  what: "users" | "messages" | "groups";
  level: 80 | 100;
  sent_at: string;
}

/** A buyer a bot at its user cap could not serve this month. */
export interface BotTurnedAwayTable {
  channel: string;
  bot_id: string;
  month: string;
  user_id: string;
  name: Generated<string>;
  chat_id: string;
  first_text: Generated<string>;
  first_at: string;
  last_at: string;
  times: Generated<number>;
}

export interface Database {
  shops: ShopsTable;
  staff: StaffTable;
  products: ProductsTable;
  live_order_lines: LiveOrderLinesTable;
  live_answers: LiveAnswersTable;
  product_option_groups: ProductOptionGroupsTable;
  product_options: ProductOptionsTable;
  delivery_zones: DeliveryZonesTable;
  time_slots: TimeSlotsTable;
  buyers: BuyersTable;
  conversations: ConversationsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  stock_reservations: StockReservationsTable;
  stock_queue: StockQueueTable;
  outbox: OutboxTable;
  inbound_events: InboundEventsTable;
  webchat_sessions: WebchatSessionsTable;
  webchat_messages: WebchatMessagesTable;
  bank_transactions: BankTransactionsTable;
  settings: SettingsTable;
  bots: BotsTable;
  shop_groups: ShopGroupsTable;
  business_connections: BusinessConnectionsTable;
  business_takeovers: BusinessTakeoversTable;
  link_taps: LinkTapsTable;
  zalo_oa_connections: ZaloOaConnectionsTable;
  link_codes: LinkCodesTable;
  waitlist: WaitlistTable;
  broadcasts: BroadcastsTable;
  scheduled_posts: ScheduledPostsTable;
  lives: LivesTable;
  live_items: LiveItemsTable;
  live_orders: LiveOrdersTable;
  live_recent_comments: LiveRecentCommentsTable;
  live_waitlist: LiveWaitlistTable;
  numbered_choices: NumberedChoicesTable;
  dashboard_users: DashboardUsersTable;
  dashboard_sessions: DashboardSessionsTable;
  login_attempts: LoginAttemptsTable;
  login_devices: LoginDevicesTable;
  login_links: LoginLinksTable;
  media: MediaTable;
  media_variants: MediaVariantsTable;
  bot_plans: BotPlansTable;
  bot_usage: BotUsageTable;
  bot_usage_users: BotUsageUsersTable;
  bot_usage_groups: BotUsageGroupsTable;
  bot_usage_notices: BotUsageNoticesTable;
  bot_turned_away: BotTurnedAwayTable;
  typed_order_forms: TypedOrderFormsTable;
  shop_tax_profiles: ShopTaxProfilesTable;
  book_entries: BookEntriesTable;
  order_returns: OrderReturnsTable;
  book_alerts: BookAlertsTable;
  shop_einvoice: ShopEinvoiceTable;
  invoices: InvoicesTable;
  shop_carriers: ShopCarriersTable;
  shipments: ShipmentsTable;
}

/** A shop's account at one carrier (migrations/0025); token sealed. */
export interface ShopCarriersTable {
  id: Generated<number>;
  shop_id: number;
  carrier: "ghn" | "ghtk";
  enabled: Generated<number>;
  token: string | null;
  ghn_shop_id: number | null;
  client_source: string | null;
  fee_paid_by: Generated<"shop" | "buyer">;
  updated_at: string;
}

/** A waybill made at a carrier for an order (migrations/0025). */
export interface ShipmentsTable {
  id: Generated<number>;
  order_id: number;
  shop_id: number;
  carrier: "ghn" | "ghtk";
  client_code: string;
  waybill: string;
  status: Generated<string>;
  carrier_status: string | null;
  fee: number | null;
  cod_amount: Generated<number>;
  cod_collected: Generated<number>;
  cod_paid_out: number | null;
  tracking_url: string | null;
  expected_delivery: string | null;
  label_kind: Generated<"url" | "pdf">;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

/** A dashboard form of a typed-in order and what its first submit made (migrations/0022). */
export interface TypedOrderFormsTable {
  token: string;
  shop_id: number;
  user_id: number;
  line: string;
  order_id: number | null;
  error: string | null;
  created_at: string;
}

/** What the books' header and the declaration drafts need (migrations/0027); typed by the seller. */
export interface ShopTaxProfilesTable {
  shop_id: number;
  household_name: Generated<string>;
  representative: Generated<string>;
  tax_code: Generated<string>;
  address: Generated<string>;
  business_location: Generated<string>;
  tax_office: Generated<string>;
  pit_method: Generated<"revenue" | "income">;
  declare_as: Generated<"fixed" | "platform">;
  einvoice_required: Generated<number>;
  updated_at: string;
}

export type BookEntryKind = "sale" | "expense" | "withdrawal" | "deposit" | "opening";

/** A row the seller adds by hand to the books (migrations/0027): amount positive, the kind gives its sign. */
export interface BookEntriesTable {
  id: Generated<number>;
  shop_id: number;
  entry_date: string;
  kind: BookEntryKind;
  account: "cash" | "bank" | null;
  activity_group: ActivityGroup | null;
  description: string;
  ref: string | null;
  amount: number;
  created_by: string;
  created_at: string;
  deleted_at: string | null;
}

/** Goods returned after delivery (migrations/0027): negative revenue on accepted_date. */
export interface OrderReturnsTable {
  id: Generated<number>;
  shop_id: number;
  order_id: number;
  accepted_date: string;
  amount: number;
  reason: Generated<string>;
  refund_account: "cash" | "bank" | null;
  created_by: string;
  created_at: string;
  /** Taken back by the seller (migrations/0028): the books no longer count it. */
  deleted_at: string | null;
}

export interface BookAlertsTable {
  shop_id: number;
  alert_key: string;
  sent_at: string;
}

/** A shop's SePay eInvoice account (migrations/0027); client_secret sealed. */
export interface ShopEinvoiceTable {
  id: Generated<number>;
  shop_id: number;
  enabled: Generated<number>;
  client_id: string;
  client_secret: string;
  provider_account_id: Generated<string>;
  template_code: Generated<string>;
  invoice_series: Generated<string>;
  updated_at: string;
}

/** An e-invoice asked for an order (migrations/0027). */
export interface InvoicesTable {
  id: Generated<number>;
  shop_id: number;
  order_id: number;
  reference_code: string;
  tracking_code: string | null;
  status: Generated<"pending" | "issued" | "failed">;
  invoice_number: string | null;
  pdf_url: string | null;
  error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export type Shop = Selectable<ShopsTable>;
export type Product = Selectable<ProductsTable>;
export type NewProduct = Insertable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;
export type DeliveryZone = Selectable<DeliveryZonesTable>;
export type TimeSlot = Selectable<TimeSlotsTable>;
export type Buyer = Selectable<BuyersTable>;
export type Order = Selectable<OrdersTable>;
export type OrderItem = Selectable<OrderItemsTable>;
export type BankTransaction = Selectable<BankTransactionsTable>;
export type BotRow = Selectable<BotsTable>;
export type Staff = Selectable<StaffTable>;
export type Broadcast = Selectable<BroadcastsTable>;
export type Live = Selectable<LivesTable>;
export type DashboardUser = Selectable<DashboardUsersTable>;
