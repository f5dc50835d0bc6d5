-- Household-business books (issue 24, ../shared/BOOKS.md): each product's activity group, the shop's
-- tax profile, rows the seller adds by hand, returns of delivered goods, sent alerts, e-invoices.

-- Nhóm ngành (src/domain/books/activity-groups.ts): which VAT/PIT rates on revenue apply, which
-- declaration row its revenue goes in. 'goods' (phân phối, cung cấp hàng hóa) is the common case.
ALTER TABLE products ADD COLUMN activity_group TEXT NOT NULL DEFAULT 'goods'
  CHECK (activity_group IN ('goods', 'food_service', 'production', 'services', 'rental', 'digital', 'other'));

-- The group is a product column like the others: the catalog version trigger names it too.
DROP TRIGGER products_version_update;
CREATE TRIGGER products_version_update AFTER UPDATE ON products
WHEN (OLD.stock = 0) <> (NEW.stock = 0)
  OR NEW.shop_id IS NOT OLD.shop_id OR NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name
  OR NEW.price IS NOT OLD.price OR NEW.unit IS NOT OLD.unit OR NEW.photo_url IS NOT OLD.photo_url
  OR NEW.description IS NOT OLD.description OR NEW.category IS NOT OLD.category OR NEW.labels IS NOT OLD.labels
  OR NEW.available_days IS NOT OLD.available_days OR NEW.available_from IS NOT OLD.available_from
  OR NEW.available_to IS NOT OLD.available_to OR NEW.sold_out IS NOT OLD.sold_out OR NEW.sort IS NOT OLD.sort
  OR NEW.aliases IS NOT OLD.aliases OR NEW.first_paid_first_served IS NOT OLD.first_paid_first_served
  OR NEW.created_at IS NOT OLD.created_at OR NEW.weight_grams IS NOT OLD.weight_grams
  OR NEW.activity_group IS NOT OLD.activity_group
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1 WHERE id IN (OLD.shop_id, NEW.shop_id);
END;

-- What the books' header and the declaration drafts need that the shop row does not hold; all typed
-- by the seller (BOOKS.md "Seller adds by hand"). One row per shop, made on first save.
CREATE TABLE shop_tax_profiles (
  shop_id INTEGER PRIMARY KEY REFERENCES shops(id),
  -- HỘ, CÁ NHÂN KINH DOANH: the household's registered name, and its representative (who signs).
  household_name TEXT NOT NULL DEFAULT '',
  representative TEXT NOT NULL DEFAULT '',
  -- Mã số thuế (the owner's personal ID number for most households).
  tax_code TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  -- Địa điểm kinh doanh, and the tax office the returns go to.
  business_location TEXT NOT NULL DEFAULT '',
  tax_office TEXT NOT NULL DEFAULT '',
  -- PIT for 1–3 B revenue: 'revenue' (% of revenue above 1 B) or 'income' ((revenue − costs) × 15 %).
  pit_method TEXT NOT NULL DEFAULT 'revenue' CHECK (pit_method IN ('revenue', 'income')),
  -- Where the declaration puts chat sales: 'fixed' ([08x], a fixed location) or 'platform' ([09x]);
  -- the seller decides (BOOKS.md §3 [?]).
  declare_as TEXT NOT NULL DEFAULT 'fixed' CHECK (declare_as IN ('fixed', 'platform')),
  -- 1: the shop must issue e-invoices (BOOKS.md §4); 0: issuing is refused.
  einvoice_required INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

-- Rows the seller adds by hand (marked as such in every book): sales outside Chợ Chat, expenses,
-- withdrawals and deposits, and the opening cash/bank balance. amount is positive đồng; the kind says
-- its sign in the cash book (sale, deposit, opening: in; expense, withdrawal: out). account: which
-- part of S2e-HKD it is in (NULL: a sale not yet collected, in no cash line).
CREATE TABLE book_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  entry_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'expense', 'withdrawal', 'deposit', 'opening')),
  account TEXT CHECK (account IN ('cash', 'bank')),
  activity_group TEXT CHECK (activity_group IN ('goods', 'food_service', 'production', 'services', 'rental', 'digital', 'other')),
  description TEXT NOT NULL,
  ref TEXT,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX book_entries_shop_date ON book_entries (shop_id, entry_date);

-- Goods a buyer returned after delivery (hàng bán bị trả lại): a negative revenue line on the date it
-- was accepted, and, when money went back, an outflow from cash or bank. At most what the order was.
CREATE TABLE order_returns (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  accepted_date TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  reason TEXT NOT NULL DEFAULT '',
  refund_account TEXT CHECK (refund_account IN ('cash', 'bank')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX order_returns_shop_date ON order_returns (shop_id, accepted_date);
CREATE INDEX order_returns_order ON order_returns (order_id);

-- Staff-chat alerts already sent (thresholds reached, deadlines a week ahead): one per key, ever.
CREATE TABLE book_alerts (
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  alert_key TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, alert_key)
);

-- A shop's SePay eInvoice account (off until the seller sets it up). client_secret is a secret:
-- sealed with DATA_KEY (src/domain/secrets/sealed.ts, listed for the start-up re-seal).
CREATE TABLE shop_einvoice (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL UNIQUE REFERENCES shops(id),
  enabled INTEGER NOT NULL DEFAULT 0,
  client_id TEXT NOT NULL,
  client_secret TEXT NOT NULL,
  provider_account_id TEXT NOT NULL DEFAULT '',
  template_code TEXT NOT NULL DEFAULT '',
  invoice_series TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

-- An e-invoice asked for an order: reference_code is what SePay knows it by (a retry finds the same
-- one); tracking_code the job to poll; number and PDF link once issued. One per order that is not failed.
CREATE TABLE invoices (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  reference_code TEXT NOT NULL UNIQUE,
  tracking_code TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'failed')),
  invoice_number TEXT,
  pdf_url TEXT,
  error TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX invoices_one_live_per_order ON invoices (order_id) WHERE status <> 'failed';
