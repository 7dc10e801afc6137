-- +goose Up
-- The sweep of idle guest carts (see the cart worker) finds them by age.
CREATE INDEX carts_idle_guests ON carts (updated_at) WHERE owner_id IS NULL;

-- +goose Down
DROP INDEX carts_idle_guests;
