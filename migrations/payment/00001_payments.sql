-- +goose Up
-- One payment per order, opened by order.created (or, when a shopper pays
-- before that event arrives, from the order service's answer), and closed
-- by a successful attempt or by order.cancelled. order.cancelled for an
-- unknown order leaves a cancelled payment, so a late order.created cannot
-- open it again.
CREATE TABLE payments (
    id            TEXT PRIMARY KEY,          -- UUIDv7
    order_id      TEXT NOT NULL UNIQUE,
    buyer_id      TEXT NOT NULL,             -- the only user who may pay
    shop_id       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'refunded', 'cancelled')),
    amount        BIGINT NOT NULL CHECK (amount >= 0), -- minor units
    currency      TEXT NOT NULL,
    charge_id     TEXT NOT NULL DEFAULT '',  -- the gateway's id of the successful charge
    order_version BIGINT NOT NULL DEFAULT 0, -- highest order event version seen
    paid_at       TIMESTAMPTZ,
    refunded_at   TIMESTAMPTZ,
    cancelled_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX payments_buyer ON payments (buyer_id);

-- Every try to pay, with the caller's Idempotency-Key (scoped to the buyer)
-- and a keyed hash of what was asked (order and card number), so that a
-- repeat is answered from here and a reuse of the key for something else is
-- refused. Of the card only the last four digits are kept.
CREATE TABLE payment_attempts (
    id              TEXT PRIMARY KEY,        -- UUIDv7
    payment_id      TEXT NOT NULL REFERENCES payments (id),
    buyer_id        TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash    TEXT NOT NULL,           -- HMAC-SHA256, never the card number
    status          TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason          TEXT NOT NULL DEFAULT '',
    message         TEXT NOT NULL DEFAULT '',
    card_last4      TEXT NOT NULL CHECK (length(card_last4) = 4),
    charge_id       TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (buyer_id, idempotency_key)
);
CREATE INDEX payment_attempts_payment ON payment_attempts (payment_id, created_at);
-- An order is charged successfully at most once, by the database too.
CREATE UNIQUE INDEX payment_attempts_one_success ON payment_attempts (payment_id) WHERE status = 'succeeded';

-- +goose Down
DROP TABLE payment_attempts;
DROP TABLE payments;
