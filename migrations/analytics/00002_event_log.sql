-- +goose Up
-- Every event analytics consumed, as it arrived: the projections are
-- derived from these and can be rebuilt from them.
CREATE TABLE event_log (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    source      TEXT NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX event_log_type_occurred ON event_log (type, occurred_at);

-- +goose Down
DROP TABLE event_log;
