-- +goose Up
-- Accounts. The email is stored trimmed and lower-cased, so its unique
-- index also rejects an address that differs only by case.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,   -- UUIDv7
    name          TEXT NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,      -- encoded argon2id hash, with its parameters
    role          TEXT NOT NULL CHECK (role IN ('shopper', 'seller', 'admin')),
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Sign-in sessions. Only the SHA-256 of a token is kept: the token itself
-- exists only in the client's cookie.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,      -- UUIDv7
    token_hash TEXT NOT NULL UNIQUE,  -- hex SHA-256 of the token
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ NULL,
    ip         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- +goose Down
DROP TABLE sessions;
DROP TABLE users;
