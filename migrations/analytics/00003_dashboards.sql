-- +goose Up
-- The dashboards' projections. Entity tables keep what the events told of
-- each order, shop, user, review and payment attempt, merged field by field
-- so that events in any order give the same rows; the daily tables are
-- derived from them (each entity's contribution) and are what the
-- dashboards read. All of it can be rebuilt from event_log (the service
-- does so when projectionsVersion in the code changes).

-- The first projections (a users counter and daily signups) are replaced
-- by platform_daily.
DROP TABLE daily_metrics;
DROP TABLE platform_counters;

-- The log's stored order, for replays. SQLite has its rowid for that.
-- postgres:begin
ALTER TABLE event_log ADD COLUMN seq BIGSERIAL;
CREATE UNIQUE INDEX event_log_seq ON event_log (seq);
-- postgres:end

CREATE TABLE projection_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE orders (
    order_id      TEXT PRIMARY KEY,
    shop_id       TEXT NOT NULL DEFAULT '',
    shop_owner_id TEXT NOT NULL DEFAULT '',
    currency      TEXT NOT NULL DEFAULT '',
    total         BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ,
    paid_at       TIMESTAMPTZ,
    cancelled_at  TIMESTAMPTZ
);

CREATE TABLE shops (
    shop_id      TEXT PRIMARY KEY,
    owner_id     TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL DEFAULT '',
    name_version BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ,
    deleted_at   TIMESTAMPTZ
);

-- Which shops a user owns, from shop events and from the shop_owner_id
-- that order events carry.
CREATE TABLE owner_shops (
    owner_id TEXT NOT NULL,
    shop_id  TEXT NOT NULL,
    PRIMARY KEY (owner_id, shop_id)
);

CREATE TABLE shop_currencies (
    shop_id  TEXT NOT NULL,
    currency TEXT NOT NULL,
    PRIMARY KEY (shop_id, currency)
);

CREATE TABLE users (
    user_id    TEXT PRIMARY KEY,
    created_at TIMESTAMPTZ,
    deleted_at TIMESTAMPTZ
);

CREATE TABLE reviews (
    comment_id TEXT PRIMARY KEY,
    shop_id    TEXT NOT NULL DEFAULT '',
    product_id TEXT NOT NULL DEFAULT '',
    rating     INTEGER NOT NULL DEFAULT 0,
    version    BIGINT NOT NULL DEFAULT 0,
    hidden     BOOLEAN NOT NULL DEFAULT FALSE,
    deleted    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ
);

CREATE TABLE payment_attempts (
    attempt_id TEXT PRIMARY KEY,
    order_id   TEXT NOT NULL DEFAULT '',
    shop_id    TEXT NOT NULL DEFAULT '',
    outcome    INTEGER NOT NULL DEFAULT 0, -- 0 unknown, 1 failed, 2 succeeded
    at         TIMESTAMPTZ
);

-- A product's name as the newest order line (greatest order id) gave it.
CREATE TABLE product_names (
    product_id TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    order_id   TEXT NOT NULL
);

-- Carts that held a shop's items when updated, and when checked out, by
-- day (distinct carts over a range are counted from these).
CREATE TABLE cart_activity (
    shop_id TEXT NOT NULL,
    day     TEXT NOT NULL,
    cart_id TEXT NOT NULL,
    PRIMARY KEY (shop_id, day, cart_id)
);

CREATE TABLE cart_checkouts (
    shop_id TEXT NOT NULL,
    day     TEXT NOT NULL,
    cart_id TEXT NOT NULL,
    PRIMARY KEY (shop_id, day, cart_id)
);

-- Daily figures (days are YYYY-MM-DD in UTC). Rows whose figures are all
-- zero are not kept.
CREATE TABLE platform_daily (
    day              TEXT PRIMARY KEY,
    gmv              BIGINT NOT NULL DEFAULT 0,
    orders           BIGINT NOT NULL DEFAULT 0,
    new_users        BIGINT NOT NULL DEFAULT 0,
    deleted_users    BIGINT NOT NULL DEFAULT 0,
    new_shops        BIGINT NOT NULL DEFAULT 0,
    cancellations    BIGINT NOT NULL DEFAULT 0,
    payment_attempts BIGINT NOT NULL DEFAULT 0,
    payment_failures BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE shop_daily (
    shop_id       TEXT NOT NULL,
    day           TEXT NOT NULL,
    revenue       BIGINT NOT NULL DEFAULT 0,
    paid_orders   BIGINT NOT NULL DEFAULT 0,
    cancellations BIGINT NOT NULL DEFAULT 0,
    reviews       BIGINT NOT NULL DEFAULT 0,
    rating_sum    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day)
);
-- The platform's top shops read a range of days across shops.
CREATE INDEX shop_daily_day ON shop_daily (day, shop_id, revenue, paid_orders);

CREATE TABLE product_daily (
    shop_id    TEXT NOT NULL,
    day        TEXT NOT NULL,
    product_id TEXT NOT NULL,
    units      BIGINT NOT NULL DEFAULT 0,
    revenue    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, day, product_id)
);

-- +goose Down
DROP TABLE product_daily;
DROP TABLE shop_daily;
DROP TABLE platform_daily;
DROP TABLE cart_checkouts;
DROP TABLE cart_activity;
DROP TABLE product_names;
DROP TABLE payment_attempts;
DROP TABLE reviews;
DROP TABLE users;
DROP TABLE shop_currencies;
DROP TABLE owner_shops;
DROP TABLE shops;
DROP TABLE orders;
DROP TABLE projection_meta;
-- postgres:begin
DROP INDEX event_log_seq;
ALTER TABLE event_log DROP COLUMN seq;
-- postgres:end
CREATE TABLE platform_counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
CREATE TABLE daily_metrics (
    day    TEXT NOT NULL,
    metric TEXT NOT NULL,
    value  BIGINT NOT NULL,
    PRIMARY KEY (metric, day)
);
