// The migration files, bundled into the Worker as text (wrangler's Text rule for .sql). A test checks
// that every file in migrations/ is listed here.
import type { MigrationFile } from "./migrate";
import m0 from "../../migrations/0001_init.sql";
import m1 from "../../migrations/0002_payments.sql";
import m2 from "../../migrations/0003_channels.sql";
import m3 from "../../migrations/0004_fulfilment.sql";
import m4 from "../../migrations/0005_broadcasts.sql";
import m5 from "../../migrations/0006_live.sql";
import m6 from "../../migrations/0007_zalo.sql";
import m7 from "../../migrations/0008_dashboard.sql";
import m8 from "../../migrations/0009_product_aliases.sql";
import m9 from "../../migrations/0010_comment_lines.sql";
import m10 from "../../migrations/0011_password_change.sql";
import m11 from "../../migrations/0012_login_devices.sql";
import m12 from "../../migrations/0013_retention.sql";
import m13 from "../../migrations/0014_unpaid_holds.sql";
import m14 from "../../migrations/0015_cancel_undo.sql";
import mMediaSizes from "../../migrations/0016_media_sizes.sql";
import mBusiness from "../../migrations/0017_business_connections.sql";
import mCatalogVersion from "../../migrations/0018_catalog_version.sql";
import mOrderSource from "../../migrations/0019_order_source.sql";
import mBotUsage from "../../migrations/0020_bot_usage.sql";
import mZaloGroups from "../../migrations/0021_zalo_groups.sql";
import mTypedOrders from "../../migrations/0022_typed_orders.sql";
import mZaloOa from "../../migrations/0023_zalo_oa.sql";
import mShipAddress from "../../migrations/0024_ship_address.sql";
import mCarriers from "../../migrations/0025_carriers.sql";
import mCatalogWeights from "../../migrations/0026_catalog_version_weights.sql";
import mBooks from "../../migrations/0027_books.sql";
import mReturnsDeleted from "../../migrations/0028_order_returns_deleted.sql";

/** Every migration, in order. */
export const BUNDLED_MIGRATIONS: MigrationFile[] = [
  { name: "0001_init.sql", sql: m0 },
  { name: "0002_payments.sql", sql: m1 },
  { name: "0003_channels.sql", sql: m2 },
  { name: "0004_fulfilment.sql", sql: m3 },
  { name: "0005_broadcasts.sql", sql: m4 },
  { name: "0006_live.sql", sql: m5 },
  { name: "0007_zalo.sql", sql: m6 },
  { name: "0008_dashboard.sql", sql: m7 },
  { name: "0009_product_aliases.sql", sql: m8 },
  { name: "0010_comment_lines.sql", sql: m9 },
  { name: "0011_password_change.sql", sql: m10 },
  { name: "0012_login_devices.sql", sql: m11 },
  { name: "0013_retention.sql", sql: m12 },
  { name: "0014_unpaid_holds.sql", sql: m13 },
  { name: "0015_cancel_undo.sql", sql: m14 },
  { name: "0016_media_sizes.sql", sql: mMediaSizes },
  { name: "0017_business_connections.sql", sql: mBusiness },
  { name: "0018_catalog_version.sql", sql: mCatalogVersion },
  { name: "0019_order_source.sql", sql: mOrderSource },
  { name: "0020_bot_usage.sql", sql: mBotUsage },
  { name: "0021_zalo_groups.sql", sql: mZaloGroups },
  { name: "0022_typed_orders.sql", sql: mTypedOrders },
  { name: "0023_zalo_oa.sql", sql: mZaloOa },
  { name: "0024_ship_address.sql", sql: mShipAddress },
  { name: "0025_carriers.sql", sql: mCarriers },
  { name: "0026_catalog_version_weights.sql", sql: mCatalogWeights },
  { name: "0027_books.sql", sql: mBooks },
  { name: "0028_order_returns_deleted.sql", sql: mReturnsDeleted },
];
