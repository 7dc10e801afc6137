-- +goose Up
CREATE TABLE categories (
    id        TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES categories (id),
    slug      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE products (
    id          TEXT PRIMARY KEY,
    shop_id     TEXT NOT NULL,
    shop_name   TEXT NOT NULL,             -- kept current from shop events
    category_id TEXT NOT NULL REFERENCES categories (id),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    currency    TEXT NOT NULL,
    price_from  BIGINT NOT NULL,           -- lowest variation price, minor units: for sorting and cards
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX products_created ON products (created_at DESC, id);
CREATE INDEX products_category_created ON products (category_id, created_at DESC, id);
CREATE INDEX products_shop ON products (shop_id);

CREATE TABLE variations (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    shop_id    TEXT NOT NULL,
    sku        TEXT NOT NULL,
    name       TEXT NOT NULL,
    price      BIGINT NOT NULL,            -- minor units, in the product's currency
    position   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX variations_shop_sku ON variations (shop_id, sku);
CREATE INDEX variations_product ON variations (product_id, position);

-- +goose Down
DROP TABLE variations;
DROP TABLE products;
DROP TABLE categories;
