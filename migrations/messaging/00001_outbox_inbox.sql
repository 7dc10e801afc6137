-- +goose Up
-- Events waiting to be published. A row is written in the same transaction as
-- the state change it announces and deleted once the bus has confirmed it.
CREATE TABLE outbox (
    id           TEXT PRIMARY KEY,        -- the event id, a UUIDv7: sorts by creation
    type         TEXT NOT NULL,
    envelope     TEXT NOT NULL,           -- the whole envelope as JSON
    created_at   TIMESTAMPTZ NOT NULL,
    -- A relay takes a row only when available_at has passed. Claiming a row
    -- moves it forward by a lease (a crashed relay's rows come back); a failed
    -- publish moves it forward by a backoff.
    available_at TIMESTAMPTZ NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT ''
);

-- Events a consumer has applied, written in the consumer's own transaction so
-- that a redelivered event is recognised and skipped.
CREATE TABLE processed_events (
    consumer     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);

-- +goose Down
DROP TABLE processed_events;
DROP TABLE outbox;
