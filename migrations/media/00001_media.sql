-- +goose Up
-- What the media service knows of each product, kept from product events
-- (or, until the first event arrives, from one call to the product
-- service): enough to authorize an upload without calling product. A
-- deleted product stays as a tombstone so that a late product.updated
-- cannot bring it back. version is the highest product version applied; 0
-- means the row came from a call or from demo data, and any event wins.
CREATE TABLE products (
    product_id TEXT PRIMARY KEY,
    shop_id    TEXT NOT NULL,
    owner_id   TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    version    BIGINT NOT NULL DEFAULT 0,
    deleted    BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Product photos. The file is content-addressed: hash is the hex SHA-256
-- of the original bytes, stored once under originals/<hash>, its variants
-- under <hash>/<variant>.jpg. Rows in status processing are the durable
-- work queue of the processing worker: a worker claims one by setting
-- lease_until, so several processes never work on one image at once and a
-- crashed worker's claim runs out.
CREATE TABLE images (
    id          TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL,
    shop_id     TEXT NOT NULL,
    hash        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    error       TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    alt         TEXT NOT NULL DEFAULT '',
    width       INTEGER NOT NULL DEFAULT 0, -- of the large variant, once ready
    height      INTEGER NOT NULL DEFAULT 0,
    thumb_url   TEXT NOT NULL DEFAULT '',
    medium_url  TEXT NOT NULL DEFAULT '',
    large_url   TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    lease_until TIMESTAMPTZ NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX images_product_position ON images (product_id, position);
CREATE INDEX images_status_created ON images (status, created_at);
CREATE INDEX images_hash ON images (hash);

-- +goose Down
DROP TABLE images;
DROP TABLE products;
