-- The words buyers use for a product besides its name ("cơm gà", "gà nướng" for A1), set by staff
-- with /alias or in the catalog editor and read by the comment parser. A JSON array of strings.
ALTER TABLE products ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
