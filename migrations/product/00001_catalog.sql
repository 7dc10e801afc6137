-- +goose Up
CREATE TABLE categories (
    id        TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES categories (id),
    slug      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0
);

-- The shops this service has heard of, from shop.created/updated/deleted
-- (or asked the shop service about, at version 0): who may sell, and the
-- names on the product cards. A closed shop stays as a tombstone so that a
-- late event cannot bring it back.
CREATE TABLE shops (
    id       TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    slug     TEXT NOT NULL,
    version  BIGINT NOT NULL,
    closed   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX shops_owner ON shops (owner_id);

CREATE TABLE products (
    id              TEXT PRIMARY KEY,
    shop_id         TEXT NOT NULL,
    owner_id        TEXT NOT NULL,             -- the shop owner's user id
    shop_name       TEXT NOT NULL,             -- kept current from shop events; searched
    shop_slug       TEXT NOT NULL,
    category_id     TEXT NOT NULL REFERENCES categories (id),
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    currency        TEXT NOT NULL,
    price_from      BIGINT NOT NULL,           -- lowest variation price, minor units: for sorting and cards
    variation_count INTEGER NOT NULL,          -- 0: not listed publicly (nothing to buy)
    rating_average  DOUBLE PRECISION NOT NULL DEFAULT 0,
    rating_count    BIGINT NOT NULL DEFAULT 0,
    rating_version  BIGINT NOT NULL DEFAULT 0, -- of the comment service's last rating report
    version         BIGINT NOT NULL,           -- of the product's own events
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
-- Public listings (only products with a variation), each order with and
-- without a category filter; the shop's own listing sees every product.
CREATE INDEX products_listed_newest ON products (created_at DESC, id DESC) WHERE variation_count > 0;
CREATE INDEX products_listed_price ON products (price_from, id) WHERE variation_count > 0;
CREATE INDEX products_listed_rating ON products (rating_average DESC, rating_count DESC, id DESC) WHERE variation_count > 0;
CREATE INDEX products_category_newest ON products (category_id, created_at DESC, id DESC) WHERE variation_count > 0;
CREATE INDEX products_category_price ON products (category_id, price_from, id) WHERE variation_count > 0;
CREATE INDEX products_category_rating ON products (category_id, rating_average DESC, rating_count DESC, id DESC) WHERE variation_count > 0;
CREATE INDEX products_shop ON products (shop_id, created_at DESC, id DESC);

-- Full-text search on PostgreSQL: every word of the name, description and
-- shop name, unstemmed ('simple'), matched by prefix. The index covers the
-- public listing only (a shop owner's own listing goes by products_shop):
-- with the condition in the index, counting the matches of a common word
-- needs no per-row check, about three times faster. SQLite searches with
-- LIKE instead.
-- postgres:begin
ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', name || ' ' || description || ' ' || shop_name)
) STORED;
CREATE INDEX products_search ON products USING GIN (search) WHERE variation_count > 0;
-- postgres:end

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

-- Photos as the media service announced them. A deleted photo stays as a
-- tombstone (deleted) so that an upload event arriving after its deletion
-- does not bring it back.
CREATE TABLE product_images (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    alt        TEXT NOT NULL,
    thumb_url  TEXT NOT NULL,
    medium_url TEXT NOT NULL,
    large_url  TEXT NOT NULL,
    deleted    BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX product_images_product ON product_images (product_id, position, id);

-- Seeds that ran once (the demo data), so they do not run again.
CREATE TABLE seeds (
    name      TEXT PRIMARY KEY,
    seeded_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE seeds;
DROP TABLE product_images;
DROP TABLE variations;
DROP TABLE products;
DROP TABLE shops;
DROP TABLE categories;
