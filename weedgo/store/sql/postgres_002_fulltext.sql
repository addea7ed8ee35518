-- Weighted full-text vector: A name and brand, B kind and effects, C description.
CREATE FUNCTION weedgo_words(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT array_to_string($1, ' ') $$;

ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, name || ' ' || brand), 'A')
    || setweight(to_tsvector('english'::regconfig,
        category || ' ' || subcategory || ' ' || strain_type || ' '
        || weedgo_words(effects) || ' ' || weedgo_words(flavors) || ' '
        || weedgo_words(terpenes)), 'B')
    || setweight(to_tsvector('english'::regconfig, description), 'C')
) STORED;
CREATE INDEX products_search ON products USING gin (search_vector);
