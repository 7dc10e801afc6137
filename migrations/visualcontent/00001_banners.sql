-- +goose Up
-- Site-wide banners: the hero at the top of the home page and the
-- slider's slides. An admin saves the settings (a draft), uploads an image
-- (pending: stored under original_key, announced to the service's own
-- consumer), and the consumer makes the sizes (ready, listed in images)
-- or says why it cannot (failed, error). Deleting marks the row deleting;
-- the consumer removes its files and then the row.
--
-- version grows with every change and travels in events; image_version
-- is the version at which the current image was accepted: its sizes are
-- stored under <id>/v<image_version>/<w>x<h>.jpg, and an announcement of
-- an older image is ignored.
CREATE TABLE banners (
    id            TEXT PRIMARY KEY,
    placement     TEXT NOT NULL CHECK (placement IN ('hero', 'slider')),
    title         TEXT NOT NULL,
    link_url      TEXT NOT NULL DEFAULT '',
    alt           TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 1000),
    starts_at     TIMESTAMPTZ NULL,
    ends_at       TIMESTAMPTZ NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'ready', 'failed', 'deleting')),
    error         TEXT NOT NULL DEFAULT '',
    original_key  TEXT NOT NULL DEFAULT '',
    image_version BIGINT NOT NULL DEFAULT 0,
    images        TEXT NOT NULL DEFAULT '[]', -- JSON: [{"w":1920,"h":600,"key":"..."}], widest first
    version       BIGINT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CHECK (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at)
);
-- The home page's query (GET /v1/banners/showing) on its hot path: only
-- the banners that can be shown, already in the order they are shown in;
-- the window is checked on these few rows.
CREATE INDEX banners_showing ON banners (placement, position, created_at, id) WHERE status = 'ready' AND active = TRUE;
-- The admin's list and the reordering of a placement.
CREATE INDEX banners_order ON banners (placement, position, created_at, id);

-- What demo data was seeded, so that seeding again (every start of a demo)
-- does not bring back a demo banner an admin deleted.
CREATE TABLE demo_seeds (
    name      TEXT PRIMARY KEY,
    seeded_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE demo_seeds;
DROP TABLE banners;
