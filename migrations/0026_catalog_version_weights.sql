-- A product's weight (migration 0025) is a product column like the others: the version trigger
-- names it too, so a kept catalog that reads it (now or later) is never stale.
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
BEGIN
  UPDATE shops SET catalog_version = catalog_version + 1 WHERE id IN (OLD.shop_id, NEW.shop_id);
END;
