-- +goose Up
-- Shops. A closed shop is kept (closed_at set): its slug stays reserved so
-- an old link never leads to another shop, while its owner and its name
-- are free again.
CREATE TABLE shops (
    id          TEXT PRIMARY KEY,       -- UUIDv7 (fixed UUIDs for the demo shops)
    owner_id    TEXT NOT NULL,          -- the user who opened it; never changes
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,          -- the name lower-cased (by the service, Unicode-aware on both engines)
    slug        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    version     BIGINT NOT NULL,        -- grows by one with every change; events carry it
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    closed_at   TIMESTAMPTZ NULL
);
-- One open shop per owner, and open shops' names unique in any case:
-- partial unique indexes, which both engines support, decide races.
CREATE UNIQUE INDEX shops_open_owner ON shops (owner_id) WHERE closed_at IS NULL;
CREATE UNIQUE INDEX shops_open_name ON shops (name_key) WHERE closed_at IS NULL;
CREATE INDEX shops_open_created ON shops (created_at DESC, id DESC) WHERE closed_at IS NULL;

-- +goose Down
DROP TABLE shops;
