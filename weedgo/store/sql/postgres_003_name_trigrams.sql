-- Trigram index over name and brand: candidates for misspelled product names.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX products_name_trgm ON products USING gin (lower(name || ' ' || brand) gin_trgm_ops);
