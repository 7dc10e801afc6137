-- +goose Up
-- Product reviews, one per user and product. shop_id is the product's shop
-- when the review was written (from the product service), so a seller's
-- dashboard lists its reviews without asking the product service.
CREATE TABLE reviews (
    id          TEXT PRIMARY KEY,           -- UUIDv7 (fixed UUIDs for the demo data)
    product_id  TEXT NOT NULL,
    shop_id     TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    author_name TEXT NOT NULL,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        TEXT NOT NULL DEFAULT '',
    hidden      BOOLEAN NOT NULL DEFAULT FALSE, -- hidden by an admin: not counted, shown only to admins and the author
    verified    BOOLEAN NOT NULL DEFAULT FALSE, -- the author bought the product (set from order.paid)
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX reviews_product_user ON reviews (product_id, user_id);
CREATE INDEX reviews_product_created ON reviews (product_id, created_at DESC, id DESC);
CREATE INDEX reviews_shop_created ON reviews (shop_id, created_at DESC, id DESC);
CREATE INDEX reviews_user ON reviews (user_id);

-- Each product's rating over its visible reviews, changed in the same
-- transaction as the review. version grows with every change of the
-- product's reviews and travels in the comment events; the row stays when
-- the last review goes (count 0), so the version never starts over, and
-- is removed only when the product itself is deleted. Every review change
-- locks this row first, which also serialises the changes of one product.
CREATE TABLE product_ratings (
    product_id   TEXT PRIMARY KEY,
    review_count BIGINT NOT NULL DEFAULT 0,
    rating_sum   BIGINT NOT NULL DEFAULT 0,
    version      BIGINT NOT NULL DEFAULT 0,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE product_ratings;
DROP TABLE reviews;
