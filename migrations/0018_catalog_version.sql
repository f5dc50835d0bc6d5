-- The catalog's version per shop, bumped by the database itself on every write that changes what a
-- catalog read returns, so a catalog kept in memory (on Node, or in a Workers isolate) is checked
-- with one small read instead of read again whole. A product's stock changes with every order:
-- it is read fresh each time and bumps the version only when the product runs out or comes back.
ALTER TABLE shops ADD COLUMN catalog_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER products_version_insert AFTER INSERT ON products
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1 WHERE id = NEW.shop_id;
END;

CREATE TRIGGER products_version_delete AFTER DELETE ON products
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1 WHERE id = OLD.shop_id;
END;

-- Every column a catalog read returns except stock (test/db/catalog-version.test.ts keeps this list whole).
CREATE TRIGGER products_version_update AFTER UPDATE ON products
WHEN (OLD.stock = 0) <> (NEW.stock = 0)
  OR NEW.shop_id IS NOT OLD.shop_id OR NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name
  OR NEW.price IS NOT OLD.price OR NEW.unit IS NOT OLD.unit OR NEW.photo_url IS NOT OLD.photo_url
  OR NEW.description IS NOT OLD.description OR NEW.category IS NOT OLD.category OR NEW.labels IS NOT OLD.labels
  OR NEW.available_days IS NOT OLD.available_days OR NEW.available_from IS NOT OLD.available_from
  OR NEW.available_to IS NOT OLD.available_to OR NEW.sold_out IS NOT OLD.sold_out OR NEW.sort IS NOT OLD.sort
  OR NEW.aliases IS NOT OLD.aliases OR NEW.first_paid_first_served IS NOT OLD.first_paid_first_served
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1 WHERE id IN (OLD.shop_id, NEW.shop_id);
END;

CREATE TRIGGER option_groups_version_insert AFTER INSERT ON product_option_groups
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1 WHERE id = (SELECT shop_id FROM products WHERE id = NEW.product_id);
END;

CREATE TRIGGER option_groups_version_update AFTER UPDATE ON product_option_groups
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1 WHERE id IN (SELECT shop_id FROM products WHERE id IN (OLD.product_id, NEW.product_id));
END;

CREATE TRIGGER option_groups_version_delete AFTER DELETE ON product_option_groups
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1 WHERE id = (SELECT shop_id FROM products WHERE id = OLD.product_id);
END;

CREATE TRIGGER options_version_insert AFTER INSERT ON product_options
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1
  WHERE id = (SELECT p.shop_id FROM product_option_groups g JOIN products p ON p.id = g.product_id WHERE g.id = NEW.group_id);
END;

CREATE TRIGGER options_version_update AFTER UPDATE ON product_options
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1
  WHERE id IN (SELECT p.shop_id FROM product_option_groups g JOIN products p ON p.id = g.product_id WHERE g.id IN (OLD.group_id, NEW.group_id));
END;

CREATE TRIGGER options_version_delete AFTER DELETE ON product_options
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1
  WHERE id = (SELECT p.shop_id FROM product_option_groups g JOIN products p ON p.id = g.product_id WHERE g.id = OLD.group_id);
END;
