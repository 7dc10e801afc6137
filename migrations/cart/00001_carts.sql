-- +goose Up
-- What the cart knows of products, shops and stock: projections kept from
-- product.*, shop.* and stock.* events (or, before the first event arrives,
-- from a lookup in the product or warehouse service: version 0). A deleted
-- product or shop stays as a tombstone so that late events cannot revive it.
CREATE TABLE products (
    product_id TEXT PRIMARY KEY,
    shop_id    TEXT NOT NULL,
    version    BIGINT NOT NULL,            -- highest product event version applied
    deleted    BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMPTZ NOT NULL
);

-- One row per variation ever seen. gone: removed from its product.
CREATE TABLE variations (
    variation_id    TEXT PRIMARY KEY,
    product_id      TEXT NOT NULL,
    shop_id         TEXT NOT NULL,
    product_name    TEXT NOT NULL,
    variation_name  TEXT NOT NULL,
    sku             TEXT NOT NULL,
    price           BIGINT NOT NULL,       -- minor units of currency: the current price
    currency        TEXT NOT NULL,
    thumb_url       TEXT NOT NULL DEFAULT '', -- from lookups only: product events carry no images
    product_version BIGINT NOT NULL,       -- version of the product state this row reflects
    gone            BOOLEAN NOT NULL DEFAULT FALSE,
    looked_up_at    TIMESTAMPTZ,           -- last lookup in the product service
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX variations_product ON variations (product_id);

CREATE TABLE shops (
    shop_id    TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    version    BIGINT NOT NULL,            -- 0: learned from a lookup
    deleted    BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Available stock per variation, the newest stock event's (version 0: a
-- lookup in the warehouse).
CREATE TABLE availability (
    variation_id TEXT PRIMARY KEY,
    available    BIGINT NOT NULL,
    version      BIGINT NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- Carts: a guest's (no owner) or a user's (one per user).
CREATE TABLE carts (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT,                       -- NULL for a guest's cart
    version    BIGINT NOT NULL,            -- grows with every change; events carry it
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX carts_owner ON carts (owner_id);

-- The lines of a cart. product_id and shop_id never change for a
-- variation; they are kept here so deletions find their lines.
CREATE TABLE cart_items (
    cart_id        TEXT NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    variation_id   TEXT NOT NULL,
    product_id     TEXT NOT NULL,
    shop_id        TEXT NOT NULL,
    quantity       BIGINT NOT NULL CHECK (quantity > 0),
    added_price    BIGINT NOT NULL,        -- the unit price when added (or last confirmed)
    added_currency TEXT NOT NULL,
    position       BIGINT NOT NULL,        -- order of adding
    added_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cart_id, variation_id)
);
CREATE INDEX cart_items_product ON cart_items (product_id);
CREATE INDEX cart_items_shop ON cart_items (shop_id);

-- Checkouts made, for idempotency: a replay returns result, the same id
-- with another request is refused.
CREATE TABLE checkouts (
    id           TEXT PRIMARY KEY,         -- the checkout id (the Idempotency-Key)
    user_id      TEXT NOT NULL,
    cart_id      TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    result       TEXT NOT NULL,            -- the checkout result as JSON
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX checkouts_user ON checkouts (user_id);

-- Users whose account was deleted: no cart is made for them again.
CREATE TABLE deleted_users (
    user_id    TEXT PRIMARY KEY,
    deleted_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE deleted_users;
DROP TABLE checkouts;
DROP TABLE cart_items;
DROP TABLE carts;
DROP TABLE availability;
DROP TABLE shops;
DROP TABLE variations;
DROP TABLE products;
