-- Catalog, catalog version and conversation history.
CREATE TABLE products (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    brand TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    subcategory TEXT NOT NULL DEFAULT '',
    strain_type TEXT NOT NULL DEFAULT 'none',
    thc_min REAL NOT NULL DEFAULT 0,
    thc_max REAL NOT NULL DEFAULT 0,
    cbd_min REAL NOT NULL DEFAULT 0,
    cbd_max REAL NOT NULL DEFAULT 0,
    potency_unit TEXT NOT NULL DEFAULT '%',
    terpenes TEXT NOT NULL DEFAULT '[]',
    effects TEXT NOT NULL DEFAULT '[]',
    flavors TEXT NOT NULL DEFAULT '[]',
    size TEXT NOT NULL DEFAULT '',
    price REAL NOT NULL,
    stock INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    effects_key TEXT NOT NULL DEFAULT '||',
    size_key TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX products_category ON products (category, strain_type);
CREATE INDEX products_price ON products (price);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO meta (key, value) VALUES ('catalog_version', 0);

CREATE TABLE sessions (
    session_id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL DEFAULT '',
    age_verified INTEGER NOT NULL DEFAULT 0,
    education_only INTEGER NOT NULL DEFAULT 0,
    language TEXT NOT NULL DEFAULT 'en',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    product_ids TEXT NOT NULL DEFAULT '[]',
    intent TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX turns_session ON turns (session_id, id);
