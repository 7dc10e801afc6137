-- +goose Up
-- What the warehouse knows of each product, learned from product.* events
-- (or, before the first event arrives, from the product service: version 0).
-- A deleted product stays as a tombstone so late events cannot revive it.
CREATE TABLE products (
    product_id TEXT PRIMARY KEY,
    shop_id    TEXT NOT NULL,
    owner_id   TEXT NOT NULL,
    version    BIGINT NOT NULL,          -- highest product event version applied
    deleted    BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Stock per variation. available + reserved + sold always equals the sums
-- of the variation's movements (see the audit). A retired variation (removed
-- from its product, or its product deleted) keeps its numbers for the ledger
-- but reports 0 available and takes no adjustments or reservations.
CREATE TABLE stock (
    variation_id TEXT PRIMARY KEY,
    product_id   TEXT NOT NULL,
    shop_id      TEXT NOT NULL,
    owner_id     TEXT NOT NULL,            -- the shop owner: who may adjust
    available    BIGINT NOT NULL DEFAULT 0 CHECK (available >= 0),
    reserved     BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    sold         BIGINT NOT NULL DEFAULT 0 CHECK (sold >= 0),
    retired      BOOLEAN NOT NULL DEFAULT FALSE,
    version      BIGINT NOT NULL DEFAULT 0, -- grows with every movement; stock events carry it
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX stock_product ON stock (product_id);

-- The ledger: one row per movement, never updated or deleted.
CREATE TABLE stock_movements (
    id              TEXT PRIMARY KEY,     -- UUIDv7
    variation_id    TEXT NOT NULL REFERENCES stock (variation_id),
    kind            TEXT NOT NULL CHECK (kind IN ('adjustment', 'reserve', 'release', 'commit')),
    delta_available BIGINT NOT NULL,
    delta_reserved  BIGINT NOT NULL,
    delta_sold      BIGINT NOT NULL,
    reason          TEXT NOT NULL,
    reference       TEXT NOT NULL DEFAULT '', -- the order id of reservation movements
    actor_id        TEXT NOT NULL DEFAULT '',
    at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX stock_movements_variation ON stock_movements (variation_id, at, id);

-- The ledger is append-only, enforced by the database too.
-- postgres:begin
-- +goose StatementBegin
CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'stock_movements is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE OR DELETE ON stock_movements
    FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();
-- postgres:end
-- sqlite:begin
-- +goose StatementBegin
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'stock_movements is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'stock_movements is append-only');
END;
-- +goose StatementEnd
-- sqlite:end

-- Stock held for an order: held, then committed (paid) or released.
CREATE TABLE reservations (
    order_id   TEXT PRIMARY KEY,
    state      TEXT NOT NULL CHECK (state IN ('held', 'committed', 'released')),
    actor_id   TEXT NOT NULL,              -- who reserved: they (or an admin) may commit or release
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE reservation_lines (
    order_id     TEXT NOT NULL REFERENCES reservations (order_id),
    variation_id TEXT NOT NULL REFERENCES stock (variation_id),
    quantity     BIGINT NOT NULL CHECK (quantity > 0),
    position     INTEGER NOT NULL,
    PRIMARY KEY (order_id, variation_id)
);
CREATE INDEX reservation_lines_variation ON reservation_lines (variation_id);

-- +goose Down
DROP TABLE reservation_lines;
DROP TABLE reservations;
DROP TABLE stock_movements;
-- postgres:begin
DROP FUNCTION stock_movements_append_only();
-- postgres:end
DROP TABLE stock;
DROP TABLE products;
