-- +goose Up
-- Projections for the dashboards, built only from consumed events.
CREATE TABLE platform_counters (
    name  TEXT PRIMARY KEY,        -- e.g. users_total
    value BIGINT NOT NULL
);

CREATE TABLE daily_metrics (
    day    TEXT NOT NULL,          -- YYYY-MM-DD in UTC
    metric TEXT NOT NULL,          -- e.g. signups
    value  BIGINT NOT NULL,
    PRIMARY KEY (metric, day)
);

-- +goose Down
DROP TABLE daily_metrics;
DROP TABLE platform_counters;
