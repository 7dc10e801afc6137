-- +goose Up
-- A checkout: the client's checkout id is the idempotency key. The first
-- request records it with a hash of its body and its buyer, and its
-- orders in the "reserving" state; once stock is reserved it is "done" and
-- replays answer from what is stored.
CREATE TABLE checkouts (
    id           TEXT PRIMARY KEY,
    buyer_id     TEXT NOT NULL,
    buyer_role   TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('reserving', 'done')),
    failed       TEXT NOT NULL DEFAULT '[]', -- JSON: the shops that could not be ordered, and why
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX checkouts_interrupted ON checkouts (state, created_at);

-- One order per shop of a checkout. "reserving" and "failed" orders are
-- kept for the record but shown to nobody.
CREATE TABLE orders (
    id            TEXT PRIMARY KEY,
    checkout_id   TEXT NOT NULL REFERENCES checkouts (id),
    buyer_id      TEXT NOT NULL,
    shop_id       TEXT NOT NULL,
    shop_name     TEXT NOT NULL,
    shop_owner_id TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('reserving', 'failed', 'pending_payment', 'paid', 'shipped', 'cancelled')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    payment_id    TEXT NOT NULL DEFAULT '',
    total         BIGINT NOT NULL CHECK (total >= 0),
    currency      TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    address       TEXT NOT NULL,
    city          TEXT NOT NULL,
    postal_code   TEXT NOT NULL,
    country       TEXT NOT NULL,
    version       BIGINT NOT NULL,       -- grows with every change; events carry it
    expires_at    TIMESTAMPTZ,           -- set when the order waits for payment
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX orders_checkout ON orders (checkout_id);
CREATE INDEX orders_buyer ON orders (buyer_id, created_at);
CREATE INDEX orders_shop_owner ON orders (shop_owner_id, status, created_at);
CREATE INDEX orders_due ON orders (status, expires_at);

-- The lines of an order with the price snapshot taken at checkout.
CREATE TABLE order_lines (
    order_id       TEXT NOT NULL REFERENCES orders (id),
    variation_id   TEXT NOT NULL,
    position       INTEGER NOT NULL,
    product_id     TEXT NOT NULL,
    sku            TEXT NOT NULL,
    product_name   TEXT NOT NULL,
    variation_name TEXT NOT NULL,
    thumb_url      TEXT NOT NULL DEFAULT '',
    quantity       BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 20),
    unit_price     BIGINT NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, variation_id)
);

-- The timeline of an order: placed, payment_declined, paid, shipped,
-- cancelled.
CREATE TABLE order_steps (
    id       TEXT PRIMARY KEY,              -- UUIDv7
    order_id TEXT NOT NULL REFERENCES orders (id),
    status   TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT '',
    at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX order_steps_order ON order_steps (order_id, at);

-- +goose Down
DROP TABLE order_steps;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE checkouts;
