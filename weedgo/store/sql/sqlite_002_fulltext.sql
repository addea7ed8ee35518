-- Full-text index over the catalog, kept in step with the products table by triggers.
-- A large import sets the meta row 'bulk_import' (inside its transaction), which silences
-- the triggers, and rebuilds the index once at the end: many times faster than row by row.
CREATE VIRTUAL TABLE products_fts USING fts5 (
    name, brand, category, subcategory, strain_type, effects, flavors, terpenes, description,
    content = 'products',
    content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER products_fts_insert AFTER INSERT ON products
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_import') BEGIN
    INSERT INTO products_fts (
        rowid, name, brand, category, subcategory, strain_type, effects, flavors, terpenes,
        description
    ) VALUES (
        new.pk, new.name, new.brand, new.category, new.subcategory, new.strain_type,
        new.effects, new.flavors, new.terpenes, new.description
    );
END;

CREATE TRIGGER products_fts_delete AFTER DELETE ON products
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_import') BEGIN
    INSERT INTO products_fts (
        products_fts, rowid, name, brand, category, subcategory, strain_type, effects,
        flavors, terpenes, description
    ) VALUES (
        'delete', old.pk, old.name, old.brand, old.category, old.subcategory,
        old.strain_type, old.effects, old.flavors, old.terpenes, old.description
    );
END;

CREATE TRIGGER products_fts_update AFTER UPDATE OF
    name, brand, category, subcategory, strain_type, effects, flavors, terpenes, description
ON products
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_import') BEGIN
    INSERT INTO products_fts (
        products_fts, rowid, name, brand, category, subcategory, strain_type, effects,
        flavors, terpenes, description
    ) VALUES (
        'delete', old.pk, old.name, old.brand, old.category, old.subcategory,
        old.strain_type, old.effects, old.flavors, old.terpenes, old.description
    );
    INSERT INTO products_fts (
        rowid, name, brand, category, subcategory, strain_type, effects, flavors, terpenes,
        description
    ) VALUES (
        new.pk, new.name, new.brand, new.category, new.subcategory, new.strain_type,
        new.effects, new.flavors, new.terpenes, new.description
    );
END;

INSERT INTO products_fts (products_fts) VALUES ('rebuild');
