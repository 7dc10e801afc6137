-- +goose Up
-- The in-process bus of the embedded mode keeps its queues in their own
-- SQLite file, so an accepted event survives a restart as it would in
-- RabbitMQ. One row per (queue, message); dead letters stay with a reason.
CREATE TABLE bus_messages (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    queue     TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    envelope  TEXT NOT NULL,
    dead      INTEGER NOT NULL DEFAULT 0,
    reason    TEXT NOT NULL DEFAULT '',
    failed_at TIMESTAMPTZ
);
CREATE INDEX bus_messages_queue ON bus_messages (queue, dead, seq);

-- +goose Down
DROP TABLE bus_messages;
