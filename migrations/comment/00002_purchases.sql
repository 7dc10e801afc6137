-- +goose Up
-- Who bought what (from order.paid), so that their reviews carry the
-- "verified buyer" mark, whether written before or after the purchase.
CREATE TABLE purchases (
    user_id    TEXT NOT NULL,
    product_id TEXT NOT NULL,
    paid_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, product_id)
);

-- +goose Down
DROP TABLE purchases;
