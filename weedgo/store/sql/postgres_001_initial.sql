-- Catalog, catalog version and conversation history.
CREATE TABLE products (
    id text PRIMARY KEY,
    name text NOT NULL,
    brand text NOT NULL DEFAULT '',
    category text NOT NULL,
    subcategory text NOT NULL DEFAULT '',
    strain_type text NOT NULL DEFAULT 'none',
    thc_min double precision NOT NULL DEFAULT 0,
    thc_max double precision NOT NULL DEFAULT 0,
    cbd_min double precision NOT NULL DEFAULT 0,
    cbd_max double precision NOT NULL DEFAULT 0,
    potency_unit text NOT NULL DEFAULT '%',
    terpenes text[] NOT NULL DEFAULT '{}',
    effects text[] NOT NULL DEFAULT '{}',
    flavors text[] NOT NULL DEFAULT '{}',
    size text NOT NULL DEFAULT '',
    price double precision NOT NULL,
    stock integer NOT NULL DEFAULT 0,
    description text NOT NULL DEFAULT '',
    effects_key text NOT NULL DEFAULT '||',
    size_key text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_category ON products (category, strain_type);
CREATE INDEX products_price ON products (price);

CREATE TABLE meta (
    key text PRIMARY KEY,
    value bigint NOT NULL
);
INSERT INTO meta (key, value) VALUES ('catalog_version', 0);

CREATE TABLE sessions (
    session_id text PRIMARY KEY,
    customer_id text NOT NULL DEFAULT '',
    age_verified boolean NOT NULL DEFAULT false,
    education_only boolean NOT NULL DEFAULT false,
    language text NOT NULL DEFAULT 'en',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE turns (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id text NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
    role text NOT NULL,
    content text NOT NULL,
    product_ids text[] NOT NULL DEFAULT '{}',
    intent text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX turns_session ON turns (session_id, id);
