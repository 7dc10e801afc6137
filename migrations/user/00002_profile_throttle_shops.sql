-- +goose Up
-- Sign-in throttling per account: consecutive failed attempts per
-- normalized email, kept whether or not an account has the email, so the
-- throttling reveals nothing about which accounts exist. A success deletes
-- the row.
CREATE TABLE login_throttle (
    email        TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until TIMESTAMPTZ NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- The shops of users as shop.created and shop.deleted report them, with
-- the version of the newest event applied: the owner's role (seller or
-- shopper) follows from whether an open shop is recorded, whatever order
-- the events arrive in.
CREATE TABLE user_shops (
    shop_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    open    BOOLEAN NOT NULL
);
CREATE INDEX user_shops_user_id ON user_shops (user_id);

-- +goose Down
DROP TABLE user_shops;
DROP TABLE login_throttle;
