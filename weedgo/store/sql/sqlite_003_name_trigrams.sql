-- Trigram index over name and brand: candidates for misspelled product names.
CREATE VIRTUAL TABLE products_trgm USING fts5 (
    name, brand,
    content = 'products',
    content_rowid = 'pk',
    tokenize = 'trigram'
);

CREATE TRIGGER products_trgm_insert AFTER INSERT ON products
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_import') BEGIN
    INSERT INTO products_trgm (rowid, name, brand) VALUES (new.pk, new.name, new.brand);
END;

CREATE TRIGGER products_trgm_delete AFTER DELETE ON products
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_import') BEGIN
    INSERT INTO products_trgm (products_trgm, rowid, name, brand)
    VALUES ('delete', old.pk, old.name, old.brand);
END;

CREATE TRIGGER products_trgm_update AFTER UPDATE OF name, brand ON products
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_import') BEGIN
    INSERT INTO products_trgm (products_trgm, rowid, name, brand)
    VALUES ('delete', old.pk, old.name, old.brand);
    INSERT INTO products_trgm (rowid, name, brand) VALUES (new.pk, new.name, new.brand);
END;

INSERT INTO products_trgm (products_trgm) VALUES ('rebuild');
